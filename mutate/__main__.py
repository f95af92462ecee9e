"""`make mutate`: how many single-point bugs in each module of the package the tests catch.

    .venv/bin/python -m mutate                          # every module, every mutant (hours)
    .venv/bin/python -m mutate markup record/ledger.py  # some (a stem or a path under generator/)
    .venv/bin/python -m mutate --sample 0.2 rules       # a fixed fifth of its mutants
    .venv/bin/python -m mutate --report                 # the last results, without running
    .venv/bin/python -m mutate --list                   # the modules, their mutants and candidate tests

For each module: its mutants (mutate/mutants.py), the candidate test files
found without running the suite (mutate/select.py), one coverage run of
those not measured yet (mutate/measure.py), then each mutant against the
tests of its line, fast ones first, slow ones after within a budget
(mutate/run.py). The figures go to mutate/results.json and, with
--readme, to the README's table; exit status 1 if a module misses its
target or a named survivor (mutate/known.py) survives.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from . import report
from .campaign import Campaign, Setting
from .mutants import mutants
from .run import Budget
from .select import candidates
from .tree import PACKAGE, REPO, code_hash, listed_files, modules, resolve, sync, tests_hash, tool_hash


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m mutate", description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "modules",
        nargs="*",
        metavar="MODULE",
        help="a module's stem (ledger) or path under generator/ (record/ledger.py); default: all",
    )
    parser.add_argument(
        "--sample",
        type=float,
        default=1.0,
        metavar="SHARE",
        help="test this share of each module's mutants, the same ones every run (default: all)",
    )
    parser.add_argument(
        "--budget",
        type=float,
        default=Budget.fast,
        metavar="SECONDS",
        help="estimated seconds of fast tests a mutant gets (default: %(default)s)",
    )
    parser.add_argument(
        "--slow-budget",
        type=float,
        default=Budget.slow,
        metavar="SECONDS",
        help="then of browser and kill tests, if the fast ones let it through (default: %(default)s)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested side by side (default: %(default)s)")
    parser.add_argument("--named", action="store_true", help="only the survivors named in mutate/known.py")
    parser.add_argument("--report", action="store_true", help="print the last results without running")
    parser.add_argument("--readme", action="store_true", help="also write the figures into the table of docs/design.md")
    parser.add_argument("--list", action="store_true", help="list the modules, their mutants and candidate tests")
    args = parser.parse_args(argv)
    if not 0 < args.sample <= 1:
        parser.error("--sample takes a share between 0 (excluded) and 1")
    try:
        args.modules = [resolve(name) for name in args.modules] or modules()
    except LookupError as error:
        parser.error(str(error))
    return args


def commit() -> str:
    """The commit measured, with `+` if the package or the tests had changes not committed."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + ("+" if git("status", "--porcelain", PACKAGE, "tests") else "")


def listing(names: list[str]) -> None:
    files = listed_files()
    total = 0
    for module in names:
        count = len(mutants((REPO / PACKAGE / module).read_text(encoding="utf-8")))
        total += count
        tests = candidates(module, REPO, files)
        print(f"{module:<28} {count:>5} mutants  {len(tests):>3} candidate files: {' '.join(tests)}")
    print(f"{'all':<28} {total:>5} mutants")


def campaign(args: argparse.Namespace) -> bool:
    """Run every module asked for; True if each met its target and every named survivor was caught."""
    files = listed_files()
    roots = [sync(job, files) for job in range(max(1, args.jobs))]
    setting = Setting(
        args.sample,
        Budget(args.budget, args.slow_budget),
        files,
        code_hash(files),
        tests_hash(files) + tool_hash(),
        args.named,
        roots,
    )
    results = report.load()
    stamp = commit()
    ok = True
    for module in args.modules:
        started = time.monotonic()
        figures = report.settled(module, Campaign(module, setting).run(lambda line: print(line, flush=True)))
        figures.update(date=time.strftime("%Y-%m-%d"), commit=stamp, sample=args.sample)
        if args.named:
            results["modules"].setdefault(module, figures)["known"] = figures["known"]
        else:
            results["modules"][module] = figures
            ok &= figures["met"] is not False
        report.save(results, stamp, args.sample)
        ok &= all(k["verdict"] == "killed" for k in figures["known"])
        low, high = figures["interval"]
        print(
            f"{module}: {figures['killed']} of {figures['tested']} killed ({figures['equivalent']} equivalent), "
            f"{figures['rate']:.1%} "
            f"({low:.1%}-{high:.1%}), target {figures['target']:.0%}; {time.monotonic() - started:.0f} s\n",
            flush=True,
        )
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.list:
        listing(args.modules)
        return 0
    ok = True if args.report else campaign(args)
    results = report.load()
    shown = [m for m in args.modules if m in results["modules"]]
    survivors = report.survivors(results, shown)
    print(f"{survivors}\n\n{report.table(results)}" if survivors else report.table(results))
    if args.readme and not report.write_readme(results):
        print(f"docs/design.md has no {report.BEGIN} ... {report.END} markers: the table was not written")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
