"""Coverage runs of candidate test files, kept per test file: line -> tests, and what each test costs.

A run measures some test files (the candidates of the modules asked for that
are not measured yet) in the unmutated scratch copy, and is kept in
mutate/work/coverage/ with the hash of every file it depends on: the code
(all but the test files) and each test file it ran. A later run, for the same
module or another, reuses every file measured since; editing one test file
re-measures that file alone, editing the code re-measures all (the lines
have moved).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .select import is_slow
from .tree import PACKAGE, WORK

COVERAGE = WORK / "coverage"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1", "HYPOTHESIS_PROFILE": "ci"}
SETTINGS = "parallel = true\nbranch = false\nconcurrency = multiprocessing,thread\nsigterm = true\n"
"""Coverage's settings besides the paths: also in the processes a command forks for its languages (a build's
MkDocs runs there, and the adapter's lines with it), and in a command a test stops with SIGTERM (the preview
that `serve` runs until it is told to stop); a run kept under other settings is measured again."""


@dataclass
class Case:
    """A test as the coverage run saw it: its own seconds, the wide fixtures it needs, whether it is slow."""

    nodeid: str
    seconds: float
    fixtures: tuple[str, ...]
    slow: bool
    own: bool = False  # in a test file named for the module under test: tried before cheaper tests


@dataclass
class Batch:
    """One coverage run, of the test files `files` (name -> content hash)."""

    directory: Path
    code: str
    files: dict[str, str]
    tests: dict[str, dict[str, Any]]
    fixtures: dict[str, float]

    @classmethod
    def load(cls, directory: Path) -> Batch:
        meta = json.loads((directory / "batch.json").read_text(encoding="utf-8"))
        ran = json.loads((directory / "tests.json").read_text(encoding="utf-8"))
        return cls(directory, meta["code"], meta["files"], ran["tests"], ran["fixtures"])


def file_of(nodeid: str) -> str:
    return nodeid.split("::")[0]


def batches(code: str) -> list[Batch]:
    """The coverage runs made on this code; runs of older code are removed."""
    kept = []
    for directory in sorted(COVERAGE.glob("*")) if COVERAGE.is_dir() else []:
        try:
            batch = Batch.load(directory)
        except (OSError, ValueError, KeyError):
            batch = None
        if batch is None or batch.code != code:
            shutil.rmtree(directory, ignore_errors=True)
        else:
            kept.append(batch)
    return kept


def measured(wanted: list[str], hashes: dict[str, str], code: str) -> dict[str, Batch]:
    """Each wanted test file -> the run that measured it as it is now."""
    found: dict[str, Batch] = {}
    for batch in batches(code):
        for name in wanted:
            if batch.files.get(name) == hashes[name]:
                found[name] = batch
    return found


def measure(root: Path, wanted: list[str], hashes: dict[str, str], code: str) -> dict[str, Batch]:
    """Measure the wanted test files not measured yet (in the scratch copy `root`); all of them -> their run."""
    code = f"{code}:{hashlib.sha256(SETTINGS.encode()).hexdigest()[:8]}"
    found = measured(wanted, hashes, code)
    missing = [name for name in wanted if name not in found]
    if missing:
        print(f"coverage run of {len(missing)} test files: {' '.join(missing)}", flush=True)
        run(root, missing, hashes, code)
        found = measured(wanted, hashes, code)
    return found


def configuration(directory: Path, package: Path) -> str:
    """Coverage's configuration for a run kept in `directory`, of the code in `package`, each test its context."""
    return (
        f"[run]\ndata_file = {directory / '.coverage'}\n{SETTINGS}"
        f"include = {package}/*\ncontext = ${{SELOSTE_COVERAGE_CONTEXT}}\n"
    )


def run(root: Path, files: list[str], hashes: dict[str, str], code: str) -> Path:
    """One coverage run of `files`, with a context per test; the run's directory."""
    name = hashlib.sha256(json.dumps([code, files]).encode()).hexdigest()[:12]
    directory = COVERAGE / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    rc = directory / "coveragerc"
    rc.write_text(configuration(directory, root / PACKAGE), encoding="utf-8")
    env = dict(
        os.environ,
        **ENV,
        COVERAGE_PROCESS_START=str(rc),
        SELOSTE_COVERAGE_CONTEXT="",
        SELOSTE_COVERAGE_TESTS=str(directory / "tests.json"),
    )
    command = [sys.executable, "-m", "coverage", "run", f"--rcfile={rc}", "-m", "pytest", "-q"]
    command += ["-p", "no:cacheprovider", "-p", "mutate.coverage_plugin", *files]
    with open(directory / "pytest.log", "w", encoding="utf-8") as log:
        # Failing tests are recorded by the plugin and left out; the run itself may fail.
        subprocess.run(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, check=False)
    if not (directory / "tests.json").exists():
        sys.exit(f"the coverage run failed before any test ran: see {directory / 'pytest.log'}")
    subprocess.run([sys.executable, "-m", "coverage", "combine", f"--rcfile={rc}", "-q"], cwd=root, env=env, check=True)
    (directory / "batch.json").write_text(
        json.dumps({"code": code, "files": {f: hashes[f] for f in files}}), encoding="utf-8"
    )
    return directory


def executed(path: Path, found: dict[str, Batch]) -> tuple[dict[int, set[str]], dict[str, Case], list[str]]:
    """For one module (its path in the scratch copy): line -> the passing tests that ran it, every test
    of the wanted files, and the tests that fail without any mutant (left out)."""
    import coverage

    lines: dict[int, set[str]] = defaultdict(set)
    tests: dict[str, Case] = {}
    failing: list[str] = []
    by_batch: dict[Path, set[str]] = defaultdict(set)
    for name, batch in found.items():
        by_batch[batch.directory].add(name)
    for directory, names in by_batch.items():
        batch = found[next(iter(names))]
        mine = {t: info for t, info in batch.tests.items() if file_of(t) in names}
        failing += sorted(t for t, info in mine.items() if not info["passed"])
        mine = {t: info for t, info in mine.items() if info["passed"]}
        for nodeid, info in mine.items():
            slow = is_slow(nodeid, info["slow"])
            tests[nodeid] = Case(nodeid, info.get("seconds", 10.0), tuple(info["fixtures"]), slow)
        users: dict[str, set[str]] = defaultdict(set)
        for nodeid, info in mine.items():
            for fixture in info["fixtures"]:
                users[fixture].add(nodeid)
        data = coverage.CoverageData(basename=str(directory / ".coverage"))
        data.read()
        for line, contexts in (data.contexts_by_lineno(str(path)) or {}).items():
            for context in contexts:
                lines[line] |= expand(context, mine, users)
    return lines, tests, failing


def expand(context: str, tests: dict[str, Any], users: dict[str, set[str]]) -> set[str]:
    """The tests a coverage context stands for."""
    if context in tests:
        return {context}
    if context.startswith("fixture:"):
        return users.get(context.removeprefix("fixture:"), set())
    if context.startswith("collect:"):
        folder = Path(context.removeprefix("collect:")).parent
        return {t for t in tests if Path(file_of(t)).parent == folder}
    return set()


def setup_costs(found: dict[str, Batch]) -> dict[str, float]:
    """The set-up seconds of each wide fixture and module collection, the longest any run saw."""
    costs: dict[str, float] = {}
    for batch in {id(b): b for b in found.values()}.values():
        for name, seconds in batch.fixtures.items():
            costs[name] = max(costs.get(name, 0.0), seconds)
    return costs
