"""Shared fixtures: real builds of real projects, made once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from support import multi_release_project, run

# CI (and `make mutate`, whose verdicts must not depend on luck) draws the same examples every run.
settings.register_profile("ci", derandomize=True, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))


@pytest.fixture(scope="session")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional three-release project, released but not built: copy it (`project`) to change it."""
    return multi_release_project(tmp_path_factory.mktemp("released"))


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    """A copy of `pristine` of the test's own, for tests that tamper with a released project."""
    root = tmp_path / "project"
    shutil.copytree(pristine, root, symlinks=True)
    return root


@pytest.fixture(scope="session")
def multi_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional three-release project, built into <root>/site."""
    root = multi_release_project(tmp_path_factory.mktemp("multi"))
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def multi_site(multi_project: Path) -> Path:
    return multi_project / "site"


@pytest.fixture(scope="session")
def entrack_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Entrack's real notice and releases, built the way `make site` builds them."""
    import shutil

    from support import REPO, make_project

    root = make_project(tmp_path_factory.mktemp("entrack"))
    shutil.copy(REPO / "policy" / "notice.yaml", root / "policy" / "notice.yaml")
    shutil.copytree(REPO / "policy" / "releases", root / "policy" / "releases")
    result = run(root, "build", epoch="1795564800")  # 2026-11-25
    assert result.returncode == 0, result.stderr
    return root / "site"
