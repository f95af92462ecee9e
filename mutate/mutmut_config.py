"""mutmut's hook, copied to the root of the scratch copy: run only the tests that run the mutated line.

The line map (line_map.json, from `make mutate`'s coverage run) gives, for each
statement of each module, the tests that executed it, fastest first; `-x`
stops at the first failure, so a killed mutant usually costs one quick test.
A line no test runs gets no tests: its mutants survive. A mutant that makes the
tests take ten times their measured time (plus a minute) is stopped and counts
as caught, as an endless loop would be.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

_MAP = json.loads(Path("line_map.json").read_text(encoding="utf-8"))
_COST = json.loads(Path("test_cost.json").read_text(encoding="utf-8"))
_PYTEST = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser"]


def pre_mutation(context) -> None:  # noqa: ANN001 (mutmut's Context)
    lines = _MAP.get(Path(context.filename).name, {})
    tests = lines.get(str(context.current_line_index + 1), [])
    if not tests:
        context.config.test_command = "true"
        return
    limit = 60 + 10 * sum(_COST.get(t, 10.0) for t in tests)
    script = (f"timeout {limit:.0f} {shlex.join(_PYTEST + tests)}; status=$?; "
              "if [ $status -eq 124 ]; then exit 1; fi; exit $status")
    context.config.test_command = shlex.join(["sh", "-c", script])  # mutmut splits it, with no shell
