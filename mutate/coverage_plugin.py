"""Pytest plugin for the coverage runs of `make mutate`: which test runs which line, and what it costs.

Each test is measured under its own context (its node id), also inside the
`python -m generator` subprocesses it starts: the subprocess reads its
context from SELOSTE_COVERAGE_CONTEXT through the coverage configuration. A
fixture wider than a function is measured as `fixture:NAME` and counts for
every test that uses it; what runs while a test module is collected (the
browser tests build their sites then) is measured as `collect:NODEID` and
counts for every test in that module's directory, which shares the
conftest that did it. Writes each test's fixtures, own seconds (fixture
set-up apart), outcome and marker, and the set-up seconds of each fixture
and collection, to the file named by SELOSTE_COVERAGE_TESTS.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import Any

import coverage
import pytest

CONTEXT = "SELOSTE_COVERAGE_CONTEXT"
_tests: dict[str, dict[str, Any]] = {}
_fixtures: dict[str, float] = {}
_setup_seconds = [0.0]
"""All wide fixtures' and collections' set-up time so far: a test's own time leaves out what it paid of it."""


def _switch(label: str) -> None:
    os.environ[CONTEXT] = label
    current = coverage.Coverage.current()
    if current is not None:
        current.switch_context(label)


@contextmanager
def _timed(label: str, name: str) -> Iterator[None]:
    previous = os.environ.get(CONTEXT, "")
    _switch(label)
    start = time.perf_counter()
    try:
        yield
    finally:
        spent = time.perf_counter() - start
        _fixtures[name] = max(_fixtures.get(name, 0.0), spent)
        _setup_seconds[0] += spent
        _switch(previous)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: Any) -> Generator[None, Any, Any]:
    if fixturedef.scope == "function":
        return (yield)
    with _timed(f"fixture:{fixturedef.argname}", fixturedef.argname):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, Any, Any]:
    if not isinstance(collector, pytest.Module):
        return (yield)
    with _timed(f"collect:{collector.nodeid}", f"collect:{collector.nodeid}"):
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: Any) -> Generator[None, Any, Any]:
    _switch(item.nodeid)
    start, paid = time.perf_counter(), _setup_seconds[0]
    module = item.nodeid.split("::")[0]
    _tests[item.nodeid] = {
        "fixtures": [*getattr(item, "fixturenames", ()), f"collect:{module}"],
        "passed": True,
        "slow": item.get_closest_marker("browser") is not None,
    }
    try:
        return (yield)
    finally:
        elapsed = time.perf_counter() - start - (_setup_seconds[0] - paid)
        _tests[item.nodeid]["seconds"] = max(elapsed, 0.0)
        _switch("")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed and report.nodeid in _tests:
        _tests[report.nodeid]["passed"] = False


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    with open(os.environ["SELOSTE_COVERAGE_TESTS"], "w", encoding="utf-8") as out:
        json.dump({"tests": _tests, "fixtures": _fixtures}, out)
