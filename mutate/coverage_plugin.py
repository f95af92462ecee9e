"""Pytest plugin for the coverage run of `make mutate`: which test runs which line.

Each test is measured under its own context (its node id), also inside the
`python -m generator` subprocesses it starts: the subprocess reads its context
from SELOSTE_COVERAGE_CONTEXT through the coverage configuration. A session
fixture is measured as `fixture:NAME` and counts for every test that uses it.
Writes the tests' fixtures, durations (fixture set-up apart) and outcomes to the file named by
SELOSTE_COVERAGE_TESTS.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any, Iterator

import coverage
import pytest

CONTEXT = "SELOSTE_COVERAGE_CONTEXT"
_tests: dict[str, dict[str, Any]] = {}
_fixtures: dict[str, float] = {}


def _switch(label: str) -> None:
    os.environ[CONTEXT] = label
    current = coverage.Coverage.current()
    if current is not None:
        current.switch_context(label)


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Iterator[None]:
    if fixturedef.scope == "function":
        yield
        return
    previous = os.environ.get(CONTEXT, "")
    _switch(f"fixture:{fixturedef.argname}")
    start = time.perf_counter()
    yield
    _fixtures[fixturedef.argname] = _fixtures.get(fixturedef.argname, 0.0) + time.perf_counter() - start
    _switch(previous)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Iterator[None]:
    _switch(item.nodeid)
    start = time.perf_counter()
    _tests[item.nodeid] = {"fixtures": list(getattr(item, "fixturenames", ())), "passed": True}
    yield
    _tests[item.nodeid]["seconds"] = time.perf_counter() - start
    _tests[item.nodeid]["fixtures_set_up"] = dict(_fixtures)
    _switch("")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and report.nodeid in _tests:
        _tests[report.nodeid]["passed"] = False


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    with open(os.environ["SELOSTE_COVERAGE_TESTS"], "w", encoding="utf-8") as out:
        json.dump(_tests, out)
