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
from typing import Any

import jsonschema

from generator import caches
from generator.findings import Finding, NoticeError, Position
from generator.project import shown

PATH = Path(__file__).resolve().parent / "data" / "adequacy.json"
SCHEMA = PATH.with_name("adequacy.schema.json")
"""What the list must be: users update it by hand, so it is checked as any input is."""


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
    """What the decision covers, in English, for check's messages."""
    scopes: tuple[tuple[str, str], ...] = ()
    """What the decision covers, in each language, as the page prints it after "transferred to": (language, text)."""
    kind: str = "decision"
    """"implementing" for a Commission Implementing Decision (an implementing act, Art. 45(3)); "decision" for
    a Commission Decision (those kept from Directive 95/46/EC, Art. 45(9))."""

    def in_force(self, day: date) -> bool:
        return self.end is None or day <= self.end

    def scope_in(self, lang: str) -> str:
        """What the decision covers in `lang`: the list's text in that language, else its English scope.

        >>> load().of("US").scope_in("sv")
        'organisationer som har självcertifierat sig enligt ramen för dataskydd mellan EU och USA (EU–US Data Privacy Framework) och finns i förteckningen över deltagande organisationer'
        """
        return dict(self.scopes).get(lang) or self.scope or ""


@dataclass(frozen=True)
class Decisions:
    as_of: date
    """The date up to which the list was checked against the Commission's decisions."""
    by_country: dict[str, Decision]

    def of(self, country: str) -> Decision | None:
        return self.by_country.get(country)


@caches.kept(maxsize=1)
def load(path: Path = PATH) -> Decisions:
    """The list at `path`; NoticeError naming the place of every problem when it is not one."""
    where = shown(path, Path.cwd())
    data = _conforming(path, where)
    try:
        return Decisions(
            date.fromisoformat(data["as_of"]),
            {
                code: Decision(
                    code,
                    entry["decision"],
                    date.fromisoformat(entry["adopted"]),
                    _day(entry.get("renewed")),
                    _day(entry.get("end")),
                    entry["partial"],
                    entry.get("scope"),
                    tuple(sorted(entry.get("scopes", {}).items())),
                    entry.get("kind", "decision"),
                )
                for code, entry in data["countries"].items()
            },
        )
    except ValueError as exc:  # a date of the right shape that does not exist (2026-02-30)
        raise NoticeError(
            [
                Finding(
                    Position(where), "error", f"the adequacy list: a date that does not exist: {exc}", "adequacy-list"
                )
            ]
        ) from None


def _conforming(path: Path, where: str) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise NoticeError([_problem(where, f"cannot be read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise NoticeError([_problem(where, "is not UTF-8 text")]) from None
    except json.JSONDecodeError as exc:
        raise NoticeError(
            [
                Finding(
                    Position(where, exc.lineno, exc.colno),
                    "error",
                    f"the adequacy list: not JSON: {exc.msg}",
                    "adequacy-list",
                )
            ]
        ) from None
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    problems = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if problems:
        raise NoticeError(
            [_problem(where, f"{'.'.join(map(str, e.absolute_path)) or '(the list)'}: {e.message}") for e in problems]
        )
    return data  # type: ignore[no-any-return]  # conforms to adequacy.schema.json: an object


def _problem(where: str, message: str) -> Finding:
    return Finding(Position(where), "error", f"the adequacy list: {message}", "adequacy-list")


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
