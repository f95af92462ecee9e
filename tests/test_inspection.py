"""What check, release and build ask first (record/inspection.py): every finding at once, and what stops publication."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.findings import Finding, NoticeError, Position
from generator.notice.load import Document
from generator.notice.model import Notice
from generator.record.inspection import Inspection, exit_code, inspect, refuse_errors, strictly
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
