"""The CI job summary (generator/job_summary.py): every cell is text, and the whole stays under GitHub's limit."""

from __future__ import annotations

from generator.findings import Finding, Position
from generator.job_summary import BUDGET, table


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
