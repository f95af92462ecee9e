"""ISO 8601 durations, as the format writes retention periods: P6Y, P18M, PT12H.

The units are kept exactly as written (P18M is 18 months, never 1.5 years):
a legal period must not be rounded or converted.

>>> units("P1Y6M"), units("PT30M")
({'year': 1, 'month': 6}, {'minute': 30})
>>> units("6Y") is None, units("P") is None
(True, True)
"""

from __future__ import annotations

import re

UNITS = ("year", "month", "week", "day", "hour", "minute", "second")

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
