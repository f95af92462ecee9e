"""The European Commission's adequacy decisions (GDPR Art. 45), from data/adequacy.json.

Rules ask whether a transfer may rest on a decision, and until when; the page
names the decision and its date wherever the country has one.

>>> decisions = load()
>>> decisions.of("US").partial, decisions.of("CH").partial, decisions.of("IN")
(True, False, None)
>>> decisions.of("GB").in_force(date(2031, 12, 27)), decisions.of("GB").in_force(date(2031, 12, 28))
(True, False)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from generator import caches

PATH = Path(__file__).resolve().parent / "data" / "adequacy.json"


@dataclass(frozen=True)
class Decision:
    country: str
    decision: str
    """The decision's number as the Official Journal gives it, e.g. (EU) 2019/419."""
    adopted: date
    renewed: date | None = None
    """When the Commission last renewed the decision, where it did."""
    end: date | None = None
    """The last day the decision applies, where it says so (a sunset clause)."""
    partial: bool = False
    """The decision covers only some recipients in the country (see scope)."""
    scope: str | None = None

    def in_force(self, day: date) -> bool:
        return self.end is None or day <= self.end


@dataclass(frozen=True)
class Decisions:
    as_of: date
    """The date up to which the list was checked against the Commission's decisions."""
    by_country: dict[str, Decision]

    def of(self, country: str) -> Decision | None:
        return self.by_country.get(country)


@caches.kept(maxsize=1)
def load(path: Path = PATH) -> Decisions:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Decisions(date.fromisoformat(data["as_of"]), {
        code: Decision(code, entry["decision"], date.fromisoformat(entry["adopted"]),
                       _day(entry.get("renewed")), _day(entry.get("end")), bool(entry.get("partial")), entry.get("scope"))
        for code, entry in data["countries"].items()})


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
