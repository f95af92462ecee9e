"""ISO 8601 durations, as the format writes retention periods: P6Y, P18M, PT12H.

The units are kept exactly as written (P18M is 18 months, never 1.5 years):
a legal period must not be rounded or converted.

>>> units("P1Y6M"), units("PT30M")
({'year': 1, 'month': 6}, {'minute': 30})
>>> units("6Y") is None, units("P") is None
(True, True)

A period is bounded: more than nothing, and at most MAX_YEARS.

>>> bounded("P6Y"), bounded("P0D"), bounded("PT0S"), bounded("P120Y"), bounded("P120Y1D"), bounded("P1441M")
(True, False, False, True, False, False)
"""

from __future__ import annotations

import re
from fractions import Fraction

PATTERN = re.compile(
    r"P(?=[0-9]|T[0-9])(?:(?P<year>[0-9]+)Y)?(?:(?P<month>[0-9]+)M)?(?:(?P<week>[0-9]+)W)?(?:(?P<day>[0-9]+)D)?"
    r"(?:T(?=[0-9])(?:(?P<hour>[0-9]+)H)?(?:(?P<minute>[0-9]+)M)?(?:(?P<second>[0-9]+)S)?)?"
)
"""An ISO 8601 duration, the grammar the format accepts (use with fullmatch; ASCII digits only): one named
group per unit."""


def units(value: str) -> dict[str, int] | None:
    """The amount of each unit written, in order; None if `value` is not a duration."""
    match = PATTERN.fullmatch(value)
    if not match:
        return None
    return {unit: int(amount) for unit, amount in match.groupdict().items() if amount is not None}


MAX_YEARS = 120
"""The longest period the format accepts. Finnish law keeps patient records without a known date of death
120 years from birth, the longest retention it sets; anything longer is no period but "permanently", which a
criterion says. A retention longer than a lifetime (P1000Y) is a slip, and so is a period of nothing."""

_DAYS = {
    "year": Fraction(36525, 100),
    "week": Fraction(7),
    "day": Fraction(1),
    "hour": Fraction(1, 24),
    "minute": Fraction(1, 1440),
    "second": Fraction(1, 86400),
}
_DAYS["month"] = _DAYS["year"] / 12


def days(value: str) -> Fraction | None:
    """The period's length in days, a year counted as 365.25 days and a month as a twelfth of it.

    >>> days("P1Y"), days("P1M"), days("P1W"), days("P2D")
    (Fraction(1461, 4), Fraction(487, 16), Fraction(7, 1), Fraction(2, 1))
    >>> days("PT36H"), days("PT1M"), days("PT1S"), days("6Y")
    (Fraction(3, 2), Fraction(1, 1440), Fraction(1, 86400), None)
    """
    amounts = units(value)
    return None if amounts is None else sum((_DAYS[unit] * amount for unit, amount in amounts.items()), Fraction(0))


def bounded(value: str) -> bool:
    """More than nothing, and no longer than MAX_YEARS (a duration, else False)."""
    length = days(value)
    return length is not None and 0 < length <= MAX_YEARS * _DAYS["year"]
