"""The command line itself, in process: its help, its refusals, the language of its messages, where it says
what. Each test stands for a single-point bug `make mutate` found the other tests let through."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from generator import cli
from generator.project import Project
from support import BUILD_DAY, BUILD_EPOCH, MULTI_VERSIONS, REPO, company_project, make_project, release_on


def flat(text: str) -> str:
    """Help text with argparse's line wrapping undone."""
    return " ".join(text.split())


def test_check_help_names_the_summary_file_and_the_default_notice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check", "--help"])
    assert stopped.value.code == 0
    said = flat(capsys.readouterr().out)
    assert "--summary FILE also append every finding" in said
    assert "path notice file (default: policy/notice.yaml)" in said


def test_no_command_is_a_usage_error_that_shows_the_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    said = capsys.readouterr()
    assert said.err.startswith("usage: python -m generator") and said.out == ""


def test_check_refuses_an_unknown_format_as_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["check", "--format", "yaml"])
    assert stopped.value.code == 2
    assert "invalid choice: 'yaml'" in capsys.readouterr().err


def test_an_error_about_a_file_descriptor_is_placed_at_the_current_folder() -> None:
    """An OS error may name a descriptor (a number), not a file: no path to show, and no crash."""
    with pytest.raises(OSError) as caught:
        os.stat(999999)
    assert caught.value.filename == 999999
    assert cli._where(caught.value) == "."


def test_an_unreadable_notice_is_spoken_of_in_the_first_supported_language(tmp_path: Path) -> None:
    assert cli._first_language(None, tmp_path / "missing.yaml") == "fi"


def test_a_notice_whose_first_language_is_unknown_is_spoken_of_in_the_first_supported_language(
    tmp_path: Path,
) -> None:
    path = tmp_path / "notice.yaml"
    path.write_text("languages: [xx, sv]\n", encoding="utf-8")
    assert cli._first_language(None, path) == "fi"
    path.write_text("languages: [sv, fi]\n", encoding="utf-8")
    assert cli._first_language(None, path) == "sv"


def test_serve_stops_on_a_malformed_site_address_before_reading_the_notices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("SELOSTE_SITE_URL", "ftp://example.org")
    assert cli.main(["serve", "--notice", "nowhere"]) == 2  # the --notice would be a usage error too
    err = capsys.readouterr().err
    assert "SELOSTE_SITE_URL 'ftp://example.org' is not a site's address" in err
    assert "--notice" not in err


def test_check_says_when_the_summary_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    assert cli.main(["check", "policy/notice.yaml", "--lang", "en", "--summary", str(tmp_path)]) == 2
    assert f"cannot write the summary to {tmp_path}: " in capsys.readouterr().err


def test_check_of_a_company_names_its_notices_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    company_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("policy/notices: 0 errors, 0 warnings")


def test_an_announcement_without_the_sites_address_is_noted_on_standard_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.at(make_project(tmp_path))
    cli._tell_of_announcement(project, "2026-07-01", ("sv", "fi"), "")
    said = capsys.readouterr()
    assert said.out.startswith("announced: a material change; send policy/releases/2026-07-01/announcement")
    assert "(sv, fi; its page: /<lang>/2026-07-01/announcement/)" in said.out
    assert "note: the site's address is not known" not in said.out
    assert "paths from the site's root (/sv/2026-07-01/)" in said.err


def test_an_announcement_with_the_sites_address_needs_no_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.at(make_project(tmp_path))
    cli._tell_of_announcement(project, "2026-07-01", ("en",), "https://example.org")
    said = capsys.readouterr()
    assert "announced: a material change" in said.out
    assert said.err == ""


def test_check_of_two_of_a_companys_notices_names_its_notices_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    company_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["check", "--lang", "en", "--notice", "customers", "--notice", "employees"]) == 0
    assert capsys.readouterr().out.startswith("policy/notices: 0 errors, 0 warnings")
    assert cli.main(["check", "--lang", "en", "--notice", "employees"]) == 0
    assert capsys.readouterr().out.startswith("policy/notices/employees/notice.yaml: 0 errors, 0 warnings")


def test_release_of_the_one_notice_unchanged_is_refused_with_the_release_it_repeats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not the company's "nothing to release" (exit 0): a project of one notice names the release it repeats."""
    project = Project.at(make_project(tmp_path))
    release_on(project, MULTI_VERSIONS[0].read_text(encoding="utf-8"), date(2026, 1, 1))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    assert cli.main(["release", "--lang", "en"]) == 1
    said = capsys.readouterr()
    assert "nothing to release" not in said.out
    assert "nothing changed since release 2026-01-01" in said.err


def test_publishing_counts_the_warnings_it_lets_through(capsys: pytest.CaptureFixture[str]) -> None:
    inspection = cli._fit_to_publish(Project.at(REPO), False, BUILD_DAY, "en")
    assert inspection.findings
    err = capsys.readouterr().err
    assert err.startswith("policy/notice.yaml: 0 errors, ")
    assert err.endswith(" (`make check` lists them)\n")


def test_a_first_release_succeeds_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = Project.at(make_project(tmp_path))
    project.notice.write_text(MULTI_VERSIONS[0].read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.delenv("SELOSTE_SITE_URL", raising=False)
    assert cli.main(["release", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("released 2026-01-01 (effective 2026-01-01)")


def test_release_of_a_companys_notice_named_by_notice_releases_that_one_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_project(tmp_path)
    for notice_id in ("customers", "shop"):
        (tmp_path / "policy" / "notices" / notice_id).mkdir(parents=True)
        (tmp_path / "policy" / "notices" / notice_id / "notice.yaml").write_bytes(MULTI_VERSIONS[0].read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    monkeypatch.delenv("SELOSTE_SITE_URL", raising=False)
    assert cli.main(["release", "--lang", "en", "--notice", "shop"]) == 0
    assert capsys.readouterr().out.startswith("released shop 2026-01-01 (effective 2026-01-01)")
    assert (tmp_path / "policy" / "notices" / "shop" / "releases").is_dir()
    assert not (tmp_path / "policy" / "notices" / "customers" / "releases").exists()
