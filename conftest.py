"""Doctests of generator/ see PROJECT: this repository as a Seloste project.

The test lanes (which tests are slow, the guard that keeps processes out of the
fast lane, the plumbing for pytest-xdist) are the plugin tests/lanes.py.
"""

from pathlib import Path

import pytest

from generator.project import Project

pytest_plugins = ["lanes"]  # tests/lanes.py (pyproject puts tests/ on the path)


@pytest.fixture(autouse=True)
def _doctest_project(doctest_namespace: dict) -> None:
    doctest_namespace["PROJECT"] = Project.at(Path(__file__).resolve().parent)
