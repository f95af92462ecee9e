"""mutmut's hook, copied to the root of the scratch copy: run only the tests that run the mutated line.

The line map (line_map.json, from `make mutate`'s coverage run) gives, for each
statement of each module, the tests that executed it, fastest first; `-x`
stops at the first failure, so a killed mutant usually costs one quick test.
A line no test runs gets no tests: its mutants survive. Most lines run in
hundreds of tests (every build renders, releases and reads), so a mutant gets
the fastest of them up to a budget of estimated seconds (SELOSTE_MUTATE_BUDGET,
default 60): a mutant that survives them counts as a survivor, even if a
slower test would catch it (the rate is a lower bound). A mutant that makes its
tests take ten times their measured time (plus a minute) is stopped and counts
as caught, as an endless loop would be; so does one that stops the tests from
being collected (a module that no longer imports).

SELOSTE_MUTATE_SAMPLE (a fraction, default 1) tests only that share of the
mutants, chosen by a hash of the mutated line and the mutation, so the same
mutants are chosen in every run; the others are skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import sys
from pathlib import Path

_MAP = json.loads(Path("line_map.json").read_text(encoding="utf-8"))
_COST = json.loads(Path("test_cost.json").read_text(encoding="utf-8"))
_PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser"]
_BUDGET = float(os.environ.get("SELOSTE_MUTATE_BUDGET", "60"))
_SAMPLE = float(os.environ.get("SELOSTE_MUTATE_SAMPLE", "1"))


def sampled(module: str, line: str, index: int) -> bool:
    """Whether a mutant is in the sample: the same answer in every run."""
    digest = hashlib.sha256(f"{module}\0{line}\0{index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") < _SAMPLE * 2**64


def within_budget(tests: list[str]) -> list[str]:
    """The fastest tests (they come fastest first) whose estimated seconds fit the budget; at least one."""
    chosen: list[str] = []
    spent = 0.0
    for test in tests:
        cost = _COST.get(test, 10.0)
        if chosen and spent + cost > _BUDGET:
            break
        chosen.append(test)
        spent += cost
    return chosen


def pre_mutation(context) -> None:  # noqa: ANN001 (mutmut's Context)
    module = Path(context.filename).name
    if not sampled(module, context.mutation_id.line, context.mutation_id.index):
        context.skip = True
        return
    tests = within_budget(_MAP.get(module, {}).get(str(context.current_line_index + 1), []))
    if not tests:
        context.config.test_command = "true"
        return
    limit = 60 + 10 * sum(_COST.get(t, 10.0) for t in tests)
    # mutmut counts a mutant caught only if the tests exit with 1; pytest exits with 2 when a mutant
    # breaks the import (collection errors), and `timeout` with 124: both are caught too. 5 is "no tests".
    script = (f"timeout {limit:.0f} {shlex.join(_PYTEST + tests)}; status=$?; "
              "case $status in 0|5) exit 0;; *) exit 1;; esac")
    context.config.test_command = shlex.join(["sh", "-c", script])  # mutmut splits it, with no shell
