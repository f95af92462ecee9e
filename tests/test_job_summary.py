"""The CI job summary (generator/job_summary.py): every cell is text, and the whole stays under GitHub's limit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.findings import Finding, Position
from generator.job_summary import BUDGET, MAX_CELL, append, redline, table
from generator.record.releases import Release
from generator.site.plan import Redline
from generator.words.i18n import speaker
from support import PROJECT


def _findings(errors: int, warnings: int, message: str = "x" * 200) -> list[Finding]:
    return [Finding(Position("n.yaml", i + 1, 1), "warning", message, "retention") for i in range(warnings)] + [
        Finding(Position("n.yaml", i + 1, 1), "error", message, "unknown-reference") for i in range(errors)
    ]


def test_a_summary_of_eleven_thousand_findings_stays_under_one_mebibyte_errors_first() -> None:
    """GitHub drops a step summary over 1 MiB whole, errors included: the table stops in time and says so."""
    text = table(_findings(3000, 8000), "n.yaml")
    assert len(text.encode("utf-8")) <= BUDGET < 1024 * 1024
    rows = [line for line in text.splitlines() if line.startswith("| error") or line.startswith("| warning")]
    assert [r.split(" | ")[0] for r in rows[:3000]] == ["| error"] * 3000  # every error is there, first
    left = 11000 - len(rows)
    assert left > 0 and text.rstrip().endswith(
        f"{left} more findings are left out here, to keep the summary under "
        "GitHub's 1 MiB; \\`make check\\` lists them all\\."
    )


def test_one_huge_message_is_cut_and_a_small_summary_is_whole() -> None:
    text = table(_findings(1, 1, "y" * 500_000), "n.yaml")
    assert len(text.encode("utf-8")) < 10_000 and "y \\[\\.\\.\\.\\]" in text
    assert "left out" not in table(_findings(10, 10), "n.yaml")


def test_no_cell_mentions_anyone_or_reorders_text() -> None:
    """`@name` in a quoted value would notify a GitHub user; U+202E would reverse the rest of the row."""
    text = table(
        [Finding(Position("n.yaml", 1, 1), "error", "'@octocat and @org/team \u202eexe.gnp' a@b.fi")], "n.yaml"
    )
    assert "@octocat" not in text and "@org" not in text and "\u202e" not in text
    assert "@\u2060octocat" in text and "a@b\\.fi" in text and "\\\\u202e" in text


def _filling(room: int) -> list[Finding]:
    """Warnings whose table is exactly `room` bytes long, a kilobyte or so each."""
    findings = _findings(0, room // 1100, "x" * 1000)
    missing = room - len(table(findings, "n.yaml").encode("utf-8"))
    filled = []
    for finding in findings:
        more = min(missing, MAX_CELL - 1000)
        filled.append(Finding(finding.position, finding.level, "x" * (1000 + more), finding.rule))
        missing -= more
    return filled


def test_the_table_uses_its_budget_to_the_byte_and_leaves_a_tenth_of_github_s_limit_to_other_steps() -> None:
    """900 KiB less the line that says what is left out; one finding more, and that line says it is one."""
    room = 900 * 1024 - 200
    findings = _filling(room)
    whole = table(findings, "n.yaml")
    assert len(whole.encode("utf-8")) == room and "left out" not in whole
    extra = Finding(Position("n.yaml", 2, 1), "warning", "y", "retention")
    cut = table([*findings, extra], "n.yaml")
    assert cut.endswith(
        "\n\n1 more finding is left out here, to keep the summary under GitHub's 1 MiB; "
        "\\`make check\\` lists them all\\.\n"
    )


def test_a_message_as_long_as_a_cell_may_be_is_shown_whole() -> None:
    text = table(_findings(1, 0, "z" * MAX_CELL), "n.yaml")
    assert f"| {'z' * MAX_CELL} |" in text and "[...]" not in text


def test_append_adds_the_table_as_asked_for_after_what_the_file_holds(tmp_path: Path) -> None:
    """Every step of a job appends to one summary file: nothing before is lost, and strict and the language hold."""
    summary = tmp_path / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    fi = speaker(PROJECT.locales, "fi")
    findings = _findings(0, 1)
    append(summary, findings, "n.yaml", strict=True, words=fi)
    expected = table(findings, "n.yaml", strict=True, words=fi)
    assert expected != table(findings, "n.yaml", words=fi) and expected != table(findings, "n.yaml", strict=True)
    assert summary.read_text(encoding="utf-8") == "before\n" + expected


def _redline(changes: list[tuple[str, list[str]]]) -> Redline:
    v1 = Release("2026-01-01", date(2026, 1, 1), {}, Path("x"))
    return Redline(v1, "/en/draft/diff/", [], (), changes, "")


def test_a_redline_without_a_download_names_each_page_as_an_address() -> None:
    text = redline({"en": _redline([("", ["Purpose added"])])})
    assert "**English**: `en/draft/diff/`\n" in text and "](<" not in text


def test_a_redline_leads_each_group_of_changes_as_its_page_does() -> None:
    text = redline({"en": _redline([("Material changes:", ["a"]), ("Editorial changes:", ["b"])])})
    assert text.endswith("\nMaterial changes:\n\n- a\n\nEditorial changes:\n\n- b\n")


def test_a_redline_too_long_for_the_summary_stops_and_says_how_many_changes_it_left_out() -> None:
    """Half the budget is for the changes: the rest of the list stays on the redline page."""
    huge = "c" * (BUDGET // 5)
    text = redline({"en": _redline([("", [huge, huge, huge, huge, "d"])])})
    assert text.count("\n- c") == 2 and "\n- d" not in text
    assert text.endswith("\n- 3 more changes are left out here; the redline lists them all\\.\n")
