"""The figures: per module the kill rate with its 95% interval against its target, and every survivor.

Kept in mutate/results.json (committed), one entry per module, each with the
date, commit and sample share of the run that measured it, so a run of some
modules updates theirs and keeps the others'. A rate measured on a sample is
an estimate: the Wilson interval says how far the full rate may be.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

from . import equivalent
from .tree import REPO, stem

RESULTS = REPO / "mutate" / "results.json"
README = REPO / "docs" / "design.md"
GUARDS = (
    "ledger",
    "lock",
    "releases",
    "folder_swap",
    "migrate",
    "timeline",
    "compare",
    "rules",
    "markup",
    "adequacy",
)
"""The modules that guard the record or the law (issue 18; publish_dir is folder_swap now, and the lock's format
left ledger for lock): at least 85% killed; 80% elsewhere."""
GUARD_TARGET = 0.85
TARGET = 0.80
MET = {True: "yes", False: "**no**", None: "–"}
BEGIN, END = "<!-- mutate: begin -->", "<!-- mutate: end -->"


def target(module: str) -> float:
    return GUARD_TARGET if stem(module) in GUARDS else TARGET


def wilson(killed: int, tested: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% interval of a kill rate measured on `tested` mutants (all of a module's, or a sample).

    >>> [round(x, 3) for x in wilson(90, 100)]
    [0.826, 0.945]
    """
    if not tested:
        return 0.0, 1.0
    p = killed / tested
    centre = (p + z * z / (2 * tested)) / (1 + z * z / tested)
    half = z * math.sqrt(p * (1 - p) / tested + z * z / (4 * tested * tested)) / (1 + z * z / tested)
    return max(0.0, centre - half), min(1.0, centre + half)


def figures(module: str, mutants: int, killed: int, tested: int, unkillable: int = 0) -> dict[str, Any]:
    """The counts, rate, interval and target of one module; met is None when a sample held none of its mutants.
    The rate is of the mutants that can change behaviour: the `unkillable` (equivalent, read by hand) are left out."""
    counted = tested - unkillable
    low, high = wilson(killed, counted)
    rate = killed / counted if counted else 0.0
    goal = target(module)
    return {
        "mutants": mutants,
        "tested": tested,
        "killed": killed,
        "equivalent": unkillable,
        "survived": counted - killed,
        "rate": round(rate, 4),
        "interval": [round(low, 4), round(high, 4)],
        "target": goal,
        "met": rate >= goal if counted else (True if not mutants or tested else None),  # None: none sampled
    }


def settled(module: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A module's entry with its survivors read against mutate/equivalent.py and its figures counted again."""
    survivors = [_read(module, survivor) for survivor in entry["survivors"]]
    same = sum(survivor["verdict"] == "equivalent" for survivor in survivors)
    counts = figures(module, entry["mutants"], entry["killed"], entry["tested"], same)
    return entry | counts | {"survivors": survivors}


def _read(module: str, survivor: dict[str, Any]) -> dict[str, Any]:
    """A survivor, equivalent (with the reason) if mutate/equivalent.py lists it; one whose entry was removed
    since counts as a survivor again."""
    plain = {key: value for key, value in survivor.items() if key != "why"}
    if plain["verdict"] == "equivalent":
        plain["verdict"] = "survived"
    reason = equivalent.why(module, plain) if plain["verdict"] == "survived" else None
    return plain | {"verdict": "equivalent", "why": reason} if reason else plain


def load() -> dict[str, Any]:
    if RESULTS.exists():
        data: dict[str, Any] = json.loads(RESULTS.read_text(encoding="utf-8"))
        data["modules"] = {module: settled(module, entry) for module, entry in data["modules"].items()}
        return data
    return {"modules": {}}


def save(results: dict[str, Any], commit: str, sample: float) -> None:
    results.update(date=date.today().isoformat(), commit=commit, sample=sample)
    results["modules"] = dict(sorted(results["modules"].items()))
    RESULTS.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def overall(modules: dict[str, Any]) -> tuple[float, int, int]:
    """The rate of all modules, each weighted by the mutants it has (a sampled module counts for all of
    its mutants, not for the few tested), and the mutants tested and killed."""
    measured = {m: f for m, f in modules.items() if f["tested"]}
    weight = sum(f["mutants"] for f in measured.values())
    rate = sum(f["rate"] * f["mutants"] for f in measured.values()) / weight if weight else 0.0
    return (rate, sum(f["tested"] for f in measured.values()), sum(f["killed"] for f in measured.values()))


def table(results: dict[str, Any]) -> str:
    """The Markdown table of every module measured, for the README."""
    rows = [
        "| module | mutants | tested | killed | equivalent | rate | 95% interval | target | met | measured |",
        "|---|--:|--:|--:|--:|--:|--:|--:|:-:|---|",
    ]
    for module, f in sorted(results["modules"].items()):
        low, high = f["interval"]
        rows.append(
            f"| `{module}` | {f['mutants']} | {f['tested']} | {f['killed']} | {f.get('equivalent', 0)} | {f['rate']:.1%} | "
            f"{low:.1%}–{high:.1%} | {f['target']:.0%} | {MET[f['met']]} | "
            f"{f['date']}, {f['commit']}, sample {f['sample']:g}, {f['seconds']:.0f} s |"
        )
    rate, tested, killed = overall(results["modules"])
    same = sum(f.get("equivalent", 0) for f in results["modules"].values())
    rows.append(
        f"| overall | {sum(f['mutants'] for f in results['modules'].values())} | {tested} | {killed} | {same} | "
        f"{rate:.1%} |  |  |  | each module weighted by its mutants |"
    )
    return "\n".join(rows)


def survivors(results: dict[str, Any], modules: list[str]) -> str:
    """Every survivor of these modules (file:line, operator, the mutated line) and every named one's verdict."""
    out = []
    for module in modules:
        f = results["modules"].get(module)
        if not f:
            continue
        for s in f["survivors"]:
            why = {"uncovered": " (no test runs it)", "equivalent": f" (equivalent: {s.get('why')})"}.get(
                s["verdict"], ""
            )
            out.append(f"  {module}:{s['line']}  {s['operator']}{why}\n      - {s['original']}\n      + {s['mutated']}")
        for k in f.get("known", []):
            out.append(f"  {module}: named survivor ({k['file']}): {k['verdict']}: {k['what']}")
    return "\n".join(out)


def readme(text: str, results: dict[str, Any]) -> str:
    """The README with the table between its markers replaced by the latest figures."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{BEGIN}\n{table(results)}\n{END}", text, count=1)


def write_readme(results: dict[str, Any], path: Path = README) -> bool:
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text:
        return False
    path.write_text(readme(text, results), encoding="utf-8")
    return True
