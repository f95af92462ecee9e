"""Shared fixtures: real builds of real projects, made once per test run (by one pytest-xdist worker for all).

Which tests are slow and which make the fast lane: tests/lanes.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import command_server
import pytest
from hypothesis import settings
from lanes import once

from support import REPO, build, copy_project, make_project, shared_multi, shared_one_release, shared_pristine

# CI (and `make mutate`, whose verdicts must not depend on luck) draws the same examples every run.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


def pytest_sessionfinish() -> None:
    command_server.stop()  # the command server of this process (support.run starts it)


@pytest.fixture(scope="session")
def pristine(pytestconfig: pytest.Config) -> Path:
    """The fictional three-release project, released but not built: copy it (`project`) to change it."""
    return shared_pristine(pytestconfig)


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    """A copy of `pristine` of the test's own, for tests that tamper with a released project."""
    return copy_project(pristine, tmp_path / "project")


@pytest.fixture(scope="session")
def one_release(pytestconfig: pytest.Config) -> Path:
    """A project with the fictional notice's first release (2026-01-01), not built: copy it to change it."""
    return shared_one_release(pytestconfig)


@pytest.fixture(scope="session")
def multi_project(pytestconfig: pytest.Config) -> Path:
    """The fictional three-release project, built into <root>/site (the browser tests' `multi` site too)."""
    return shared_multi(pytestconfig)[0]


@pytest.fixture(scope="session")
def multi_site(multi_project: Path) -> Path:
    return multi_project / "site"


def _entrack(root: Path) -> None:
    make_project(root)
    shutil.copy(REPO / "policy" / "notice.yaml", root / "policy" / "notice.yaml")
    shutil.copytree(REPO / "policy" / "releases", root / "policy" / "releases")
    build(root, epoch="1795564800")  # 2026-11-25


@pytest.fixture(scope="session")
def entrack_site(pytestconfig: pytest.Config) -> Path:
    """Entrack's real notice and releases, built the way `make site` builds them."""
    return once(pytestconfig, "entrack", _entrack)[0] / "site"
