"""The notice period (issue 21): a material change takes effect at least N days after it is released (rule
notice-period, N from policy/settings.yaml, 30 by default), unless the revision says why it cannot wait
(revision.urgent); and the settings file's own mistakes, each at its line and column."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from test_check_rules import BUILD_DAY, RELEASED, _new_recipient, complete, findings

from generator import cli
from generator.findings import NoticeError
from generator.project import Project
from generator.record.releases import load_releases
from generator.settings import NOTICE_PERIOD_DAYS, Settings, read_settings, read_text, unknown_moved
from support import BUILD_EPOCH, MULTI_VERSIONS, company_project, make_project, released_here

Data = dict[str, object]
TOMORROW = "2026-06-16"  # BUILD_DAY + 1


def released_then(*steps: Callable[[Data], None], effective: str = TOMORROW) -> Data:
    """The complete notice as released, then changed by `steps` and made effective on `effective`."""
    data = complete()
    data[RELEASED] = copy.deepcopy(data)
    for step in steps:
        step(data)
    data["revision"] = dict(data["revision"], effective=effective)
    return data


def notice_period(tmp_path: Path, data: Data, days: int = NOTICE_PERIOD_DAYS) -> list[str]:
    return [f.message for f in findings(tmp_path, data, BUILD_DAY, days) if f.rule == "notice-period"]


def _urgent(data: Data) -> None:
    data["revision"]["urgent"] = {  # type: ignore[index]  # a mapping
        "fi": "Laki edellyttää muutosta 1.7. alkaen.",
        "sv": "Lagen kräver ändringen från 1.7.",
        "en": "The law requires the change from 1 July.",
    }


def _capital_letters(data: Data) -> None:
    data["data_categories"][0]["name"]["en"] = "contact details"  # type: ignore[index]
    data["purposes"][0]["name"]["fi"] = "Tilausten käsittely."  # type: ignore[index]


def test_a_release_adding_a_recipient_effective_tomorrow_gets_notice_period(tmp_path: Path) -> None:
    (message,) = notice_period(tmp_path, released_then(_new_recipient))
    assert message.startswith(
        "revision.effective: the revision makes a material change and takes effect on 2026-06-16, sooner than the "
        "notice period of 30 days readers are given allows (notice_period_days in policy/settings.yaml): "
        "2026-07-15 at the earliest, today being 2026-06-15;"
    )


def test_a_reason_in_revision_urgent_stills_it(tmp_path: Path) -> None:
    assert notice_period(tmp_path, released_then(_new_recipient, _urgent)) == []


def test_exactly_the_notice_period_is_enough_and_a_day_less_is_not(tmp_path: Path) -> None:
    assert notice_period(tmp_path, released_then(_new_recipient, effective="2026-07-15")) == []  # + 30 days
    assert len(notice_period(tmp_path, released_then(_new_recipient, effective="2026-07-14"))) == 1  # + 29
    assert notice_period(tmp_path, released_then(_new_recipient, effective="2026-06-25"), days=10) == []
    assert len(notice_period(tmp_path, released_then(_new_recipient, effective="2026-06-24"), days=10)) == 1


def test_an_effective_date_already_past_gets_it_too(tmp_path: Path) -> None:
    assert len(notice_period(tmp_path, released_then(_new_recipient, effective="2026-06-01"))) == 1


def test_an_editorial_only_release_needs_no_notice(tmp_path: Path) -> None:
    """Capital letters and punctuation corrected, effective tomorrow: nothing readers must be told of first."""
    assert notice_period(tmp_path, released_then(_capital_letters)) == []


def test_a_removed_recipient_is_told_in_advance_too(tmp_path: Path) -> None:
    """A recipient the notice no longer names is a material change (changes.WHEN_REMOVED): a removal is often
    half of a replacement, and the reader who relied on the list learns it before it applies."""

    def fewer(data: Data) -> None:
        _new_recipient(data[RELEASED])  # type: ignore[arg-type]  # released with it; now without it

    assert len(notice_period(tmp_path, released_then(fewer))) == 1


def test_a_first_release_has_no_notice_period(tmp_path: Path) -> None:
    """Without an earlier release there are no readers to tell in advance: the notice is the information."""
    data = complete()
    data["revision"] = dict(data["revision"], effective=TOMORROW)
    assert notice_period(tmp_path, data) == []


# -- The settings file ------------------------------------------------------------------------------


def test_without_a_settings_file_the_notice_period_is_thirty_days(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "settings.yaml", "policy/settings.yaml") == Settings(30)
    assert read_text("\ufeff# notice_period_days: 14\n\n", "s.yaml") == Settings(30)
    assert read_text("notice_period_days: 0\n", "s.yaml") == Settings(0)
    assert read_text("notice_period_days: 365  # a year\n", "s.yaml") == Settings(365)


@pytest.mark.parametrize(
    "text, where, message",
    [
        (
            "notice_period_days: 30\nnotice_days: 10\n",
            "2:1",
            "notice_days: not a setting; the settings are notice_period_days, moved_from_root",
        ),
        (
            "notice_period_days: '30'\n",
            "1:21",
            "notice_period_days: must be a whole number of days from 0 to 365, such as 30",
        ),
        ("notice_period_days: 30.5\n", "1:21", "notice_period_days: must be a whole number"),
        ("notice_period_days: -1\n", "1:21", "notice_period_days: must be a whole number"),
        ("notice_period_days: 366\n", "1:21", "notice_period_days: must be a whole number"),
        ("notice_period_days: true\n", "1:21", "notice_period_days: must be a whole number"),
        ("notice_period_days:\n", "1:20", "notice_period_days: must be a whole number"),
        ("- notice_period_days: 30\n", "1:1", "the settings must be a mapping of keys (key: value)"),
        ("notice_period_days: 30\nnotice_period_days: 14\n", "2:1", "duplicate key"),
        ("notice_period_days: [30\n", "2:1", ""),
    ],
    ids=["unknown", "text", "fraction", "negative", "too long", "boolean", "empty", "list", "twice", "syntax"],
)
def test_a_mistake_in_the_settings_is_named_at_its_line_and_column(text: str, where: str, message: str) -> None:
    with pytest.raises(NoticeError) as raised:
        read_text(text, "policy/settings.yaml")
    (finding,) = raised.value.findings
    assert finding.level == "error"
    assert str(finding).startswith(f"policy/settings.yaml:{where}: error: {message}"), str(finding)


def test_a_settings_file_is_read_and_its_settings_cannot_change(tmp_path: Path) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text("notice_period_days: 45\nmoved_from_root: customers\n", encoding="utf-8")
    settings = read_settings(path, "policy/settings.yaml")
    assert settings == Settings(45, "customers")
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.notice_period_days = 0  # type: ignore[misc]  # the point: it is frozen


@pytest.mark.parametrize("value", ["5", "Customers", "'../x'", "''", "[customers]"])
def test_moved_from_root_must_name_a_notice_folder(value: str) -> None:
    with pytest.raises(NoticeError) as raised:
        read_text(f"moved_from_root: {value}\n", "policy/settings.yaml")
    (finding,) = raised.value.findings
    assert str(finding) == (
        "policy/settings.yaml:1:18: error: moved_from_root: must be the folder name of one of policy/notices/, "
        "such as customers [settings]"
    )


def test_moved_from_root_names_one_of_the_company_s_notices(tmp_path: Path) -> None:
    """In process, what check says of a notice moved from the root that is not there."""
    company = Project.at(company_project(tmp_path / "company"))
    settings = company.settings
    settings.write_text("# moved\nnotice_period_days: 30\nmoved_from_root:   nosuch\n", encoding="utf-8")
    assert [str(f) for f in unknown_moved(company, read_settings(settings, "s"))] == [
        "policy/settings.yaml:3:20: error: moved_from_root: there is no notice nosuch; the notices are customers, "
        "employees, recruitment [settings]"
    ]
    assert unknown_moved(company, Settings(moved_from_root="employees")) == []
    assert unknown_moved(company, Settings()) == []
    single = Project.at(make_project(tmp_path / "single"))
    single.settings.write_text("moved_from_root: customers\n", encoding="utf-8")
    assert [str(f) for f in unknown_moved(single, read_settings(single.settings, "s"))] == [
        "policy/settings.yaml:1:18: error: moved_from_root: there is no notice customers; the notices are - [settings]"
    ]


# -- check and release, as the command line runs them (in this process) ---------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fictional notice's first version released, its second (a new recipient in the United States) as the
    working copy, in the current folder, on BUILD_DAY."""
    released_here(tmp_path, MULTI_VERSIONS[0])
    second = (
        MULTI_VERSIONS[1].read_text(encoding="utf-8").replace('effective: "2026-03-01"', f'effective: "{TOMORROW}"')
    )
    (tmp_path / "policy" / "notice.yaml").write_text(second, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    return tmp_path


def command(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def test_check_and_release_warn_of_a_material_release_effective_tomorrow(project: Path) -> None:
    code, out, _ = command("check", "--lang", "en")
    assert code == 0
    (line,) = [line for line in out.splitlines() if "[notice-period" in line]
    assert (
        line.startswith("policy/notice.yaml:")
        and ": warning: revision.effective: the revision makes a material" in line
    )
    assert command("check", "--strict")[0] == 1
    code, out, err = command("release", "--lang", "en")
    assert code == 0 and out.startswith(f"released {TOMORROW} (effective {TOMORROW})")
    assert "[notice-period, GDPR Art. 5(1)(a), 13(3), 14(4)]" in err  # said in full: it is about this release
    lock = json.loads((project / "policy" / "releases" / "releases.lock").read_text(encoding="utf-8"))
    assert [entry.get("released") for entry in lock["releases"]] == ["2026-06-15", "2026-06-15"]


def test_a_shorter_notice_period_in_the_settings_is_honoured(project: Path) -> None:
    (project / "policy" / "settings.yaml").write_text("notice_period_days: 1\n", encoding="utf-8")
    code, out, _ = command("check", "--lang", "en")
    assert code == 0 and "[notice-period" not in out


def test_a_bad_settings_file_stops_check_and_release(project: Path) -> None:
    (project / "policy" / "settings.yaml").write_text("notice_period_days: thirty\n", encoding="utf-8")
    for args in (("check",), ("release",), ("build", "--site-dir", str(project / "site"))):
        code, out, err = command(*args, "--lang", "en")
        assert code == 1, args
        assert (
            "policy/settings.yaml:1:21: error: notice_period_days: must be a whole number of days from 0 to 365, "
            "such as 30 [settings]"
        ) in out + err, args
    assert not (project / "policy" / "releases" / TOMORROW).exists()


def test_the_settings_messages_are_said_in_finnish_and_swedish(project: Path) -> None:
    (project / "policy" / "settings.yaml").write_text("notice_days: 30\n", encoding="utf-8")
    assert (
        "notice_days: tällaista asetusta ei ole; asetukset ovat notice_period_days"
        in command("check", "--lang", "fi")[1]
    )
    assert "notice_days: ingen sådan inställning finns" in command("check", "--lang", "sv")[1]


def test_revision_urgent_is_carried_in_the_model_and_the_released_notice_json(project: Path) -> None:
    notice = project / "policy" / "notice.yaml"
    line = "  urgent: {fi: Laki vaatii., sv: Lagen kräver det., en: The law requires it.}\n"
    notice.write_text(notice.read_text(encoding="utf-8") + line, encoding="utf-8")
    code, out, err = command("release", "--lang", "en")
    assert code == 0 and "notice-period" not in out + err
    released = json.loads((project / "policy" / "releases" / TOMORROW / "notice.json").read_text(encoding="utf-8"))
    assert released["revision"]["urgent"]["en"] == "The law requires it."
    urgent = load_releases(Project.at(project))[-1].notice.revision.urgent
    assert urgent is not None and urgent["sv"] == "Lagen kräver det."
    assert load_releases(Project.at(project))[-1].released == date(2026, 6, 15)
