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
    r"P(?=\d|T\d)(?:(?P<year>\d+)Y)?(?:(?P<month>\d+)M)?(?:(?P<week>\d+)W)?(?:(?P<day>\d+)D)?"
    r"(?:T(?=\d)(?:(?P<hour>\d+)H)?(?:(?P<minute>\d+)M)?(?:(?P<second>\d+)S)?)?")


def units(value: str) -> dict[str, int] | None:
    """The amount of each unit written, in order; None if `value` is not a duration."""
    match = PATTERN.fullmatch(value)
    if not match:
        return None
    return {unit: int(amount) for unit, amount in match.groupdict().items() if amount is not None}
