"""Pytest plugin for a mutant's run: only the chosen tests, in the chosen order (cheapest first).

The node ids come from a file (SELOSTE_MUTATE_TESTS, one JSON list) rather
than the command line, which takes the test files only: a parametrised
id can hold characters a command line would mangle, and pytest runs node ids
given as arguments in file order, not in the order asked for.
"""

from __future__ import annotations

import json
import os

import pytest

TESTS = "SELOSTE_MUTATE_TESTS"


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    with open(os.environ[TESTS], encoding="utf-8") as wanted_file:
        wanted: list[str] = json.load(wanted_file)
    rank = {nodeid: index for index, nodeid in enumerate(wanted)}
    kept = sorted((item for item in items if item.nodeid in rank), key=lambda item: rank[item.nodeid])
    dropped = [item for item in items if item.nodeid not in rank]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
