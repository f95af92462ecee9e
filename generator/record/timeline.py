"""The releases over time: which is in force on a date, which are archived or upcoming.

A release takes effect on its effective date and stays in force until the
next one takes effect: its period runs from its effective date up to and
including the day before its successor's. A release replaced on its own
effective date by a later release of the same day (2026-01-01, then
2026-01-01-2) was never in force: it has no period. Before the first release
takes effect, the first is shown as the notice (there is no other).

>>> from datetime import date, timedelta
>>> from pathlib import Path
>>> from generator.record.releases import Release
>>> r1, r2, r3 = (Release(i, date.fromisoformat(i), {}, Path(i)) for i in ("2026-01-01", "2026-03-01", "2026-09-01"))
>>> t = Timeline((r1, r2, r3), date(2026, 3, 1))
>>> t.current.id, t.upcoming.id, [t.status(r) for r in (r1, r2, r3)]
('2026-03-01', '2026-09-01', ['archived', 'current', 'upcoming'])
>>> t.predecessor(r1), t.successor(r1).id
(None, '2026-03-01')
>>> t.in_force(r1), t.in_force(r3)
(Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 28)), Period(start=datetime.date(2026, 9, 1), end=None))
>>> [getattr(t.in_force_on(date.fromisoformat(d)), "id", None) for d in ("2025-12-31", "2026-02-28", "2026-03-01")]
[None, '2026-01-01', '2026-03-01']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Literal

from generator.record.releases import Release

Status = Literal["archived", "current", "upcoming"]


@dataclass(frozen=True)
class Period:
    """The days a release is in force: from `start`, its effective date, up to and including `end`, the day
    before its successor takes effect (None while no successor is released)."""

    start: date
    end: date | None

    def holds(self, day: date) -> bool:
        """Whether the release is in force on `day`: both ends count.

        >>> p = Period(date(2026, 1, 1), date(2026, 2, 28))
        >>> [p.holds(date(2025, 12, 31)), p.holds(date(2026, 1, 1)), p.holds(date(2026, 2, 28)), p.holds(date(2026, 3, 1))]
        [False, True, True, False]
        >>> Period(date(2026, 1, 1), None).holds(date(2999, 1, 1))
        True
        """
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Timeline:
    releases: tuple[Release, ...]
    """Every release, oldest first; never empty."""
    today: date

    @cached_property
    def current(self) -> Release:
        """The release in force today: the newest that has taken effect, else the first."""
        return self.in_force_on(self.today) or self.releases[0]

    def in_force_on(self, day: date) -> Release | None:
        """The release in force on `day`: the newest that has taken effect by then; None before the first has."""
        applicable = [r for r in self.releases if r.effective <= day]
        return applicable[-1] if applicable else None

    def in_force(self, release: Release) -> Period | None:
        """The days `release` is in force; None if it never is, replaced on its own effective date by a later
        release of the same day.

        >>> from pathlib import Path
        >>> a, b, c = (Release(i, date.fromisoformat(i[:10]), {}, Path(i)) for i in ("2026-01-01", "2026-01-01-2", "2026-03-01"))
        >>> t = Timeline((a, b, c), date(2026, 1, 1))
        >>> t.in_force(a), t.in_force(b), t.in_force_on(date(2026, 1, 1)).id
        (None, Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 2, 28)), '2026-01-01-2')
        """
        return self._periods[release.id]

    @cached_property
    def _periods(self) -> dict[str, Period | None]:
        """Each release's period by id, worked out once: the changelog and versions.json ask for every one."""
        periods: dict[str, Period | None] = {}
        for release, successor in zip(self.releases, (*self.releases[1:], None), strict=True):
            if successor is None:
                periods[release.id] = Period(release.effective, None)
            elif successor.effective <= release.effective:  # replaced the same day: never in force
                periods[release.id] = None
            else:
                periods[release.id] = Period(release.effective, successor.effective - timedelta(days=1))
        return periods

    @cached_property
    def upcoming(self) -> Release | None:
        """The next release to take effect, if one is published ahead of its date: of two released for the same
        day, the later, which is the one in force on that day (the earlier never is).

        >>> from pathlib import Path
        >>> r1 = Release("2026-01-01", date(2026, 1, 1), {}, Path("a"))
        >>> a, b = (Release(i, date(2026, 12, 1), {}, Path(i)) for i in ("2026-12-01", "2026-12-01-2"))
        >>> Timeline((r1, a, b), date(2026, 11, 1)).upcoming.id
        '2026-12-01-2'
        """
        current = self.current
        later = [r for r in self.releases if r.effective > self.today and r.effective > current.effective]
        return [r for r in later if r.effective == later[0].effective][-1] if later else None

    @property
    def newest(self) -> Release:
        return self.releases[-1]

    def status(self, release: Release) -> Status:
        current = self.current
        if release is current:
            return "current"
        return "upcoming" if release.effective > current.effective else "archived"

    @cached_property
    def _positions(self) -> dict[str, int]:
        """Each release's place by id: every page asks for neighbours, and a search would grow with R²."""
        return {release.id: index for index, release in enumerate(self.releases)}

    def predecessor(self, release: Release) -> Release | None:
        index = self._positions[release.id]
        return self.releases[index - 1] if index else None

    def successor(self, release: Release) -> Release | None:
        index = self._positions[release.id]
        return self.releases[index + 1] if index + 1 < len(self.releases) else None
