"""The releases over time: which is in force on a date, which are archived or upcoming.

A release takes effect on its effective date and stays in force until the
next one takes effect. Before the first release takes effect, the first is
shown as the notice (there is no other).

>>> from datetime import date
>>> from pathlib import Path
>>> from generator.record.releases import Release
>>> r1, r2, r3 = (Release(i, date.fromisoformat(i), {}, Path(i)) for i in ("2026-01-01", "2026-03-01", "2026-09-01"))
>>> t = Timeline((r1, r2, r3), date(2026, 3, 1))
>>> t.current.id, t.upcoming.id, [t.status(r) for r in (r1, r2, r3)]
('2026-03-01', '2026-09-01', ['archived', 'current', 'upcoming'])
>>> t.predecessor(r1), t.successor(r1).id
(None, '2026-03-01')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Literal

from generator.record.releases import Release

Status = Literal["archived", "current", "upcoming"]


@dataclass(frozen=True)
class Timeline:
    releases: tuple[Release, ...]
    """Every release, oldest first; never empty."""
    today: date

    @cached_property
    def current(self) -> Release:
        """The release in force today: the newest that has taken effect, else the first."""
        applicable = [r for r in self.releases if r.effective <= self.today]
        return applicable[-1] if applicable else self.releases[0]

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
