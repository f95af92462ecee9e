"""Errors stop publication: `release` and `build` run the checks of `check` and refuse on any
error, with the same messages; warnings never block unless `--strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import MULTI_VERSIONS, copy_project, make_project, release, run

BROKEN = {
    "unsafe-link": (
        "description: {fi: Käsittelemme tilauksia.,",
        "description: {fi: 'Katso [ohje](javascript:alert) nyt.',",
    ),
    "unknown-reference": ("    recipients: [mailer]", "    recipients: [nobody]"),
}


def broken(tmp_path: Path, rule: str) -> Path:
    root = make_project(tmp_path)
    old, new = BROKEN[rule]
    text = MULTI_VERSIONS[0].read_text(encoding="utf-8")
    assert old in text
    (root / "policy" / "notice.yaml").write_text(text.replace(old, new), encoding="utf-8")
    return root


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_release_refuses_what_check_calls_an_error(tmp_path: Path, rule: str) -> None:
    root = broken(tmp_path, rule)
    checked = run(root, "check")
    assert checked.returncode == 1 and f"[{rule}" in checked.stdout
    released = run(root, "release")
    assert released.returncode == 1 and "Traceback" not in released.stderr
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert errors and all(line in released.stderr.splitlines() for line in errors)
    assert not (root / "policy" / "releases").exists()


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_build_refuses_while_the_working_copy_has_an_error(one_release: Path, tmp_path: Path, rule: str) -> None:
    root = copy_project(one_release, tmp_path)
    assert run(root, "build").returncode == 0
    before = (root / "site" / "fi" / "index.html").read_bytes()
    old, new = BROKEN[rule]
    notice = root / "policy" / "notice.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    built = run(root, "build")
    assert built.returncode == 1 and f"[{rule}" in built.stderr and "Traceback" not in built.stderr
    assert (root / "site" / "fi" / "index.html").read_bytes() == before


def test_warnings_never_block_unless_strict(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    text = MULTI_VERSIONS[0].read_text(encoding="utf-8").replace('  business_id: "1234567-1"\n', "")
    (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
    assert "warning: controller" in run(root, "check", "--lang", "en").stdout
    strict = run(root, "release", "--strict", "--lang", "en")
    assert strict.returncode == 1 and "error: controller.business_id: the controller's business ID" in strict.stderr
    assert not (root / "policy" / "releases").exists()
    lenient = run(root, "release", "--lang", "en")
    assert lenient.returncode == 0, lenient.stderr
    assert "1 warning" in lenient.stderr
    assert run(root, "build").returncode == 0
    assert run(root, "build", "--strict").returncode == 1


def test_release_says_when_its_date_is_beyond_the_daily_run(tmp_path: Path) -> None:
    """v3 takes effect 2026-09-01, 78 days after the build date: GitHub may pause the schedule before then."""
    root = make_project(tmp_path)
    for version in MULTI_VERSIONS[:2]:
        assert "effective-far-ahead" not in release(root, version).stderr
    released = release(root, MULTI_VERSIONS[2])
    assert re.search(
        r"^policy/notice\.yaml:\d+:\d+: warning: revision\.effective: 2026-09-01 is 78 days ahead: only "
        r"the daily publish run makes it the version in force",
        released.stderr,
        re.M,
    ), released.stderr
    assert "effective-far-ahead" in run(root, "check").stdout
