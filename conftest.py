"""Doctests of generator/ see PROJECT: this repository as a Seloste project."""

from pathlib import Path

import pytest

from generator.project import Project


@pytest.fixture(autouse=True)
def _doctest_project(doctest_namespace: dict) -> None:
    doctest_namespace["PROJECT"] = Project.at(Path(__file__).resolve().parent)
