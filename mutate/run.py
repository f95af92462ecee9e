"""Trying one mutant: write it into a scratch copy, run the tests of its line, put the module back.

The tests that execute the mutated line run cheapest first and stop at the
first failure (`-x`), so a killed mutant usually costs one quick test. The
fast tests run first, up to a budget of estimated seconds; a mutant they
let through then faces the slow ones (the `browser` tests, which need
Chromium, and the kill tests, which need strace) up to a budget of its own.
Seconds are estimated from the coverage run: a test's own time plus the
set-up of each wide fixture (and of its module's collection: the browser
tests build their sites then) it is the first to need. A mutant that makes
its tests run past five times their estimate (plus a minute) is stopped and
counts as caught, as an endless loop would be; so does one that stops the
tests from being collected (a module that no longer imports).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .measure import ENV, Case, file_of
from .mutants import Mutant

KILLED = ("killed", "timeout", "error")
"""Verdicts that count as caught."""


@dataclass
class Budget:
    """Estimated test seconds a mutant gets: of the fast tests, then (if they let it through) of the slow."""

    fast: float = 60.0
    slow: float = 120.0


@dataclass
class Verdict:
    """What became of a mutant: killed, timeout or error (caught), survived, or uncovered (no test runs it)."""

    verdict: str
    seconds: float = 0.0
    tests: int = 0
    by: str = ""
    signature: str = ""

    @property
    def caught(self) -> bool:
        return self.verdict in KILLED

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def plan(tests: list[Case], setup: dict[str, float], budget: float) -> tuple[list[str], float]:
    """The tests to run, the module's own tests (`Case.own`) and then the cheapest first, whose estimated seconds
    fit the budget (at least one), and the estimate: a line that hundreds of tests run (one of a notice's
    upgrade, say) would otherwise spend the budget on the cheap ones and never reach the test written for it.

    A test's cost is its own time plus the set-up of each wide fixture it needs that no test chosen
    before it needed; tests of one file are then kept together, files in the order of their cheapest
    test, so module fixtures are not set up again and again.
    """

    def alone(test: Case) -> float:
        return test.seconds + sum(setup.get(f, 0.0) for f in test.fixtures)

    chosen: list[Case] = []
    paid: set[str] = set()
    spent = 0.0
    for test in sorted(tests, key=lambda t: (not t.own, alone(t), t.nodeid)):
        extra = test.seconds + sum(setup.get(f, 0.0) for f in test.fixtures if f not in paid)
        if chosen and spent + extra > budget:
            continue
        chosen.append(test)
        paid.update(test.fixtures)
        spent += extra
    first: dict[str, int] = {}
    for index, test in enumerate(chosen):
        first.setdefault(file_of(test.nodeid), index)
    ordered = sorted(range(len(chosen)), key=lambda i: (first[file_of(chosen[i].nodeid)], i))
    return [chosen[i].nodeid for i in ordered], spent


def pytest(root: Path, nodeids: list[str], limit: float) -> tuple[int | None, str]:
    """Run these tests in the scratch copy `root`, stopping at the first failure; (exit code or None on
    time-out, the first failure or error pytest reported)."""
    files = list(dict.fromkeys(file_of(n) for n in nodeids))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as wanted:
        json.dump(nodeids, wanted)
    with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
        env = dict(os.environ, **ENV, SELOSTE_MUTATE_TESTS=wanted.name)
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "mutate.order_plugin",
            *files,
        ]
        process = subprocess.Popen(
            command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            code: int | None = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            code = None
        finally:
            os.unlink(wanted.name)
        log.seek(0)
        return code, first_failure(log.read())


def first_failure(output: str) -> str:
    """The first `FAILED`/`ERROR` line of pytest's summary, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith(("FAILED ", "ERROR ")):
            return line[:300]
    return lines[-1][:300] if lines else ""


def stage(root: Path, tests: list[Case], setup: dict[str, float], budget: float) -> Verdict:
    """One stage of a mutant's tests (the fast ones, or the slow ones) within its budget."""
    nodeids, estimate = plan(tests, setup, budget)
    started = time.monotonic()
    code, said = pytest(root, nodeids, 60 + 5 * estimate)
    seconds = time.monotonic() - started
    if code is None:
        return Verdict("timeout", seconds, len(nodeids), f"ran past {60 + 5 * estimate:.0f} s")
    if code in (0, 5):  # passed, or none of the chosen tests was collected
        return Verdict("survived", seconds, len(nodeids))
    if code == 4 and "file or directory not found" in said:  # the tool asked for a file that is not there
        raise RuntimeError(f"pytest was given a file the scratch copy lacks: {said}")
    return Verdict("killed" if code == 1 else "error", seconds, len(nodeids), said)


def try_mutant(
    root: Path,
    target: Path,
    original: bytes,
    mutant: Mutant,
    tests: list[Case],
    setup: dict[str, float],
    budget: Budget,
) -> Verdict:
    """Write the mutant into `target` (a file in the scratch copy `root`), test it, put the original back."""
    if not tests:
        return Verdict("uncovered")
    fast = [t for t in tests if not t.slow]
    slow = [t for t in tests if t.slow]
    target.write_bytes(mutant.apply(original))
    total = Verdict("survived")
    try:
        for group, seconds in ((fast, budget.fast), (slow, budget.slow)):
            if not group:
                continue
            verdict = stage(root, group, setup, seconds)
            total = Verdict(verdict.verdict, total.seconds + verdict.seconds, total.tests + verdict.tests, verdict.by)
            if verdict.caught:
                break
    finally:
        target.write_bytes(original)
    return total


def probe(root: Path, tests: list[Case], setup: dict[str, float]) -> str | None:
    """Run the cheapest fast test of a module without any mutant; why the runner cannot be trusted, or None."""
    fast = [t for t in tests if not t.slow] or tests
    if not fast:
        return None
    nodeids, estimate = plan(fast, setup, 0.0)
    code, said = pytest(root, nodeids[:1], 120 + 5 * estimate)
    return None if code == 0 else f"{nodeids[0]} does not pass without a mutant (exit {code}): {said}"
