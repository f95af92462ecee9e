"""Test helpers: a throw-away Seloste project with real releases, built for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MULTI = FIXTURES / "multi"
MULTI_VERSIONS = [MULTI / "v1.yaml", MULTI / "v2.yaml", MULTI / "v3.yaml"]
HOSTILE = FIXTURES / "hostile.yaml"
BUILD_EPOCH = "1781481600"  # 2026-06-15: v1 archived, v2 in force, v3 upcoming


def make_project(root: Path) -> Path:
    """A copy of this project's code, config and catalogs, with an empty policy/."""
    for name in ("generator", "locales", "site_overrides"):
        shutil.copytree(REPO / name, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "policy").mkdir()
    shutil.copy(REPO / "policy" / "schema.json", root / "policy" / "schema.json")
    return root


def run(root: Path, *args: str, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in the project at `root`, with its own copy of the code."""
    env = dict(os.environ, PYTHONPATH=str(root), SOURCE_DATE_EPOCH=epoch, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)


def release(root: Path, version: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(version, root / "policy" / "notice.yaml")
    result = run(root, "release")
    assert result.returncode == 0, result.stderr
    return result


def multi_release_project(root: Path) -> Path:
    """The fictional three-release notice, released and ready to build."""
    make_project(root)
    for version in MULTI_VERSIONS:
        release(root, version)
    return root


def hostile_project(root: Path) -> Path:
    """A notice with markup in the values that reach each output, released and ready to build."""
    make_project(root)
    release(root, HOSTILE)
    return root
