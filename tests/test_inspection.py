"""What check, release and build ask first (record/inspection.py): every finding at once, and what stops publication."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.findings import Finding, NoticeError, Position
from generator.notice.load import Document
from generator.notice.model import Notice
from generator.project import Project
from generator.record.inspection import Inspection, exit_code, inspect, refuse_errors, strictly
from generator.record.releases import make_release
from support import BUILD_DAY, MULTI_VERSIONS, released_here

WARNING = Finding(Position("n.yaml", 2, 1), "warning", "a warning", "some-rule")
ERROR = Finding(Position("n.yaml", 3, 1), "error", "an error", "other-rule")


def test_errors_stop_publication_and_strictly_warnings_too() -> None:
    both = Inspection(None, None, (), (WARNING, ERROR))
    assert both.errors() == (ERROR,)
    assert both.errors(strict=True) == (WARNING, ERROR)
    assert Inspection(None, None, (), (WARNING,)).errors() == ()


def test_refusing_raises_with_every_finding_and_strictly_each_one_an_error() -> None:
    refuse_errors(Inspection(None, None, (), (WARNING,)))
    refuse_errors(Inspection(None, None, (), ()), strict=True)
    with pytest.raises(NoticeError) as raised:
        refuse_errors(Inspection(None, None, (), (WARNING, ERROR)))
    assert list(raised.value.findings) == [WARNING, ERROR]
    with pytest.raises(NoticeError) as raised:
        refuse_errors(Inspection(None, None, (), (WARNING,)), strict=True)
    (only,) = raised.value.findings
    assert (only.level, only.message, only.position, only.rule) == ("error", "a warning", WARNING.position, "some-rule")


def test_strictly_every_finding_is_an_error_and_only_an_error_fails() -> None:
    assert [f.level for f in strictly([WARNING, ERROR])] == ["error", "error"]
    assert (exit_code([]), exit_code([WARNING]), exit_code([WARNING, ERROR])) == (0, 0, 1)


def test_a_released_project_inspects_clean_and_a_release_without_its_catalog_is_said(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    clean = inspect(project, today=BUILD_DAY)
    assert [f for f in clean.findings if f.level == "error"] == []
    assert isinstance(clean.notice, Notice) and isinstance(clean.doc, Document)
    assert [r.id for r in clean.releases] == ["2026-01-01"]
    shutil.rmtree(project.locales / "sv")
    found = [str(f) for f in inspect(project, today=BUILD_DAY).errors()]
    assert found[0] == (
        "policy/releases/2026-01-01/sv.md: error: release 2026-01-01 is published in 'sv', for which the project "
        "has no catalog (locales/sv/LC_MESSAGES/messages.po) [release-integrity]"
    )


def test_a_notice_that_cannot_be_read_is_said_with_the_rest(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    project.notice.write_text("seloste: 2\ncontroller: [\n", encoding="utf-8")
    broken = inspect(project, today=BUILD_DAY)
    assert (broken.notice, broken.doc, [r.id for r in broken.releases]) == (None, None, ["2026-01-01"])
    assert [str(f).split(": ", 1)[1] for f in broken.errors()] == ["error: invalid YAML: a value is missing here"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.fi", *args], cwd=root, check=True, capture_output=True
    )


def _committed(root: Path, *versions: Path) -> Project:
    project = released_here(root, *versions)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "released")
    return project


@pytest.mark.slow
def test_since_a_commit_a_release_removed_from_the_record_is_an_error(tmp_path: Path) -> None:
    """In process, `check --since main`: the lock no longer lists a release it listed there (git runs)."""
    project = _committed(tmp_path, *MULTI_VERSIONS[:2])
    assert inspect(project, since="main", today=BUILD_DAY).errors() == ()
    data = json.loads(project.lock.read_text(encoding="utf-8"))
    gone = data["releases"].pop()
    project.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(project.releases / gone["id"])
    assert inspect(project, today=BUILD_DAY).errors() == ()
    found = [str(f) for f in inspect(project, since="main", today=BUILD_DAY).errors()]
    assert found and all(gone["id"] in line and "[release-integrity]" in line for line in found), found


@pytest.mark.slow
def test_since_a_commit_whose_lock_is_not_utf8_the_lock_there_is_an_error(tmp_path: Path) -> None:
    """`check --since` reads the lock of that revision as git gives it: bytes that are not UTF-8 make it a
    damaged lock at that revision, named, never a crash (git runs)."""
    project = _committed(tmp_path, MULTI_VERSIONS[0])
    good = project.lock.read_bytes()
    project.lock.write_bytes(b"\xff" + good)
    _git(tmp_path, "commit", "-q", "-am", "damaged")
    project.lock.write_bytes(good)
    assert [str(f) for f in inspect(project, since="main", today=BUILD_DAY).errors()] == [
        "main:policy/releases/releases.lock:1:1: error: the release lock file is damaged: Expecting value "
        "[release-integrity]"
    ]


@pytest.mark.slow
def test_since_a_commit_each_release_added_is_rendered_anew(tmp_path: Path) -> None:
    """A release `release` made passes; one whose text was edited and blessed in the lock passes the lock but
    not the rendering anew (git runs)."""
    project = _committed(tmp_path, MULTI_VERSIONS[0])
    shutil.copy(MULTI_VERSIONS[1], project.notice)
    added = make_release(project, today=BUILD_DAY)
    assert inspect(project, since="main", today=BUILD_DAY).errors() == ()
    english = added.directory / "en.md"
    english.write_text(english.read_text(encoding="utf-8").replace("personal data", "data"), encoding="utf-8")
    data = json.loads(project.lock.read_text(encoding="utf-8"))
    data["releases"][-1]["files"]["en.md"] = hashlib.sha256(english.read_bytes()).hexdigest()
    project.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    assert inspect(project, today=BUILD_DAY).errors() == ()
    found = [str(f) for f in inspect(project, since="main", today=BUILD_DAY).errors()]
    assert found == [
        f"policy/releases/{added.id}/en.md: error: release {added.id}: en.md is not the text Seloste renders from "
        "its notice.json; a release is made by `release`, never by hand: make it again [release-integrity]"
    ]
