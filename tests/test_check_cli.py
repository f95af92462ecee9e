"""`python -m generator check` on Entrack's real notice, in each output format, and its exit codes."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import command_server
import pytest

from generator import report
from generator.findings import Finding, Position

REPO = Path(__file__).resolve().parent.parent
NOTICE = "policy/notice.yaml"

# Entrack's notice leaves out what its Finnish original does not say; each gap, with its article.
ENTRACK_GAPS = {
    ("controller.business_id", "controller-business-id", None),
    ("controller.address", "controller-address", "13(1)(a), 14(1)(a)"),
    ("controller", "controller-contact", "13(1)(a), 14(1)(a)"),
    ("data_protection_officer", "dpo-stated", "13(1)(b), 14(1)(b)"),
    ("purposes[customer-service].legal_bases", "purpose-legal-basis", "13(1)(c), 14(1)(c)"),
    ("purposes[personnel].legal_bases", "purpose-legal-basis", "13(1)(c), 14(1)(c)"),
    ("purposes[marketing].legitimate_interest", "legitimate-interest", "13(1)(d), 14(2)(b)"),
    ("transfers_outside_eea", "transfers-listed", "13(1)(f), 14(1)(f)"),
    ("purposes[customer-service].retention", "retention", "13(2)(a), 14(2)(a)"),
    ("purposes[marketing].retention", "retention", "13(2)(a), 14(2)(a)"),
    ("purposes[legal-obligations].retention", "retention", "13(2)(a), 14(2)(a)"),
    ("purposes[personnel].retention", "retention", "13(2)(a), 14(2)(a)"),
    ("rights.granted", "complaint", "13(2)(d), 14(2)(e)"),
    ("purposes[customer-service].provision", "requirement", "13(2)(e)"),
    ("purposes[marketing].provision", "requirement", "13(2)(e)"),
    ("purposes[legal-obligations].provision", "requirement", "13(2)(e)"),
    ("purposes[personnel].provision", "requirement", "13(2)(e)"),
    ("purposes[marketing].consent_withdrawal", "consent-withdrawal", "7(3), 13(2)(c), 14(2)(d)"),
    ("automated_decisions", "automated-decisions", "13(2)(f), 14(2)(g)"),
}

LINE = re.compile(
    r"^policy/notice\.yaml:(\d+):(\d+): (error|warning): ([^:]+): (.+) \[([a-z-]+)(?:, GDPR Art\. ([^\]]+))?\]$"
)
# ::warning file=...,line=..,col=..,title=...::message, with properties and data escaped as GitHub documents.
WORKFLOW_COMMAND = re.compile(
    r"^::(error|warning|notice) file=[^,:\r\n]+(?:,line=\d+(?:,col=\d+)?)?,title=[^,:\r\n]+::[^\r\n]+$"
)


def check(*args: str) -> subprocess.CompletedProcess[str]:
    return command_server.run(["check", "--lang", "en", *args], REPO, command_server.BASE, timeout=120)


@pytest.mark.slow
def test_entrack_lists_its_real_gaps_as_warnings() -> None:
    result = check()  # the default file, policy/notice.yaml
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    *lines, summary = result.stdout.splitlines()
    found = set()
    for line in lines:
        match = LINE.match(line)
        assert match, line
        _, _, level, field, _, rule, article = match.groups()
        assert level == "warning"
        found.add((field, rule, article))
    assert found == ENTRACK_GAPS
    assert summary == f"{NOTICE}: 0 errors, {len(ENTRACK_GAPS)} warnings"


@pytest.mark.slow
def test_entrack_findings_are_sorted_by_line() -> None:
    lines = check(NOTICE).stdout.splitlines()[:-1]
    positions = [tuple(int(n) for n in LINE.match(line).groups()[:2]) for line in lines]
    assert positions == sorted(positions)


@pytest.mark.slow
def test_strict_fails_on_the_warnings() -> None:
    result = check(NOTICE, "--strict")
    assert result.returncode == 1
    *lines, summary = result.stdout.splitlines()
    assert all(LINE.match(line).group(3) == "error" for line in lines)
    assert summary == f"{NOTICE}: {len(ENTRACK_GAPS)} errors, 0 warnings (--strict: warnings count as errors)"


@pytest.mark.slow
def test_github_format_is_workflow_commands() -> None:
    result = check(NOTICE, "--format", "github")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ENTRACK_GAPS)
    for line in lines:
        assert WORKFLOW_COMMAND.match(line), line
        assert line.startswith(f"::warning file={NOTICE},line=")
        assert re.search(r" \(GDPR Art\. [0-9(),a-z ]+\)$", line) or "title=controller-business-id::" in line, line
    assert re.search(
        r"^::warning file=policy/notice\.yaml,line=\d+,col=\d+,title=complaint::rights\.granted: the right "
        r"to lodge a complaint .* \(GDPR Art\. 13\(2\)\(d\), 14\(2\)\(e\)\)$",
        result.stdout,
        re.MULTILINE,
    )
    assert result.stderr == f"{NOTICE}: 0 errors, {len(ENTRACK_GAPS)} warnings\n"


@pytest.mark.slow
def test_github_format_strict_gives_errors() -> None:
    result = check(NOTICE, "--format", "github", "--strict")
    assert result.returncode == 1
    assert all(line.startswith("::error ") for line in result.stdout.splitlines())


@pytest.mark.slow
def test_json_format() -> None:
    result = check(NOTICE, "--format", "json")
    assert result.returncode == 0
    items = json.loads(result.stdout)
    assert len(items) == len(ENTRACK_GAPS)
    for item in items:
        assert set(item) == {"file", "line", "column", "level", "rule", "article", "message", "lang", "localised"}
        assert item["file"] == NOTICE and item["level"] == "warning"
        assert item["lang"] == "en" and item["localised"] == item["message"]
        assert isinstance(item["line"], int) and isinstance(item["column"], int)
    assert {(i["message"].split(":")[0], i["rule"], i["article"]) for i in items} == ENTRACK_GAPS


@pytest.mark.slow
def test_bad_file_in_machine_formats(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("seloste: 1\ncontroller:\n\tname: x\n", encoding="utf-8")
    result = check(str(bad), "--format", "github")
    assert result.returncode == 1
    assert WORKFLOW_COMMAND.match(result.stdout.strip())
    assert result.stdout.startswith(f"::error file={bad},line=3,col=1,title=seloste::invalid YAML: a tab character")
    result = check(str(bad), "--format", "json")
    assert result.returncode == 1
    (item,) = json.loads(result.stdout)
    assert (item["line"], item["column"], item["level"], item["rule"], item["article"]) == (3, 1, "error", None, None)


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--format", "xml"], ["--bogus"], [NOTICE, "other.yaml"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = check(*args)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_github_escaping() -> None:
    finding = Finding(Position("dir,x/a:b.yaml", 3, 5), "error", "50% done,\r\nnext: line", "rule-id", "13(1)(a)")
    assert report.github(finding) == (
        "::error file=dir%2Cx/a%3Ab.yaml,line=3,col=5,title=rule-id::50%25 done,%0D%0Anext: line (GDPR Art. 13(1)(a))"
    )
    assert WORKFLOW_COMMAND.match(report.github(finding))


def test_github_without_position() -> None:
    finding = Finding(Position("n.yaml"), "error", "the file is larger than 2 MiB, the limit for a notice")
    assert (
        report.github(finding)
        == "::error file=n.yaml,title=seloste::the file is larger than 2 MiB, the limit for a notice"
    )


def test_text_report_and_summary() -> None:
    findings = [
        Finding(Position("n.yaml", 9, 1), "warning", "b: y", "retention", "13(2)(a)"),
        Finding(Position("n.yaml", 2, 1), "error", "a: x"),
    ]
    out, err = io.StringIO(), io.StringIO()
    report.write(findings, "n.yaml", "text", out=out, err=err)
    assert out.getvalue() == (
        "n.yaml:2:1: error: a: x\n"
        "n.yaml:9:1: warning: b: y [retention, GDPR Art. 13(2)(a)]\n"
        "n.yaml: 1 error, 1 warning\n"
    )
    assert err.getvalue() == ""
    assert report.summary([], "n.yaml") == "n.yaml: 0 errors, 0 warnings"


def test_machine_formats_print_the_findings_alone_and_the_summary_to_stderr() -> None:
    """In process: json and github give stdout to the findings (in the order of the file, JSON indented, line and
    column null where unknown, a lone surrogate as its JSON escape) and the summary, --strict said, to stderr."""
    findings = [
        Finding(Position("n.yaml", 9, 0), "warning", "b: y", "retention", "13(2)(a)"),
        Finding(Position("n.yaml"), "error", "a: x\ud800"),
    ]
    out, err = io.StringIO(), io.StringIO()
    report.write(findings, "n.yaml", "json", strict=True, out=out, err=err)
    assert out.getvalue().startswith('[\n  {\n    "file": "n.yaml",\n') and "\\ud800" in out.getvalue()
    assert json.loads(out.getvalue()) == [
        {
            "file": "n.yaml",
            "line": None,
            "column": None,
            "level": "error",
            "rule": None,
            "article": None,
            "message": "a: x\ud800",
            "lang": "en",
            "localised": "a: x\ud800",
        },
        {
            "file": "n.yaml",
            "line": 9,
            "column": None,
            "level": "warning",
            "rule": "retention",
            "article": "13(2)(a)",
            "message": "b: y",
            "lang": "en",
            "localised": "b: y",
        },
    ]
    assert err.getvalue() == "n.yaml: 1 error, 1 warning (--strict: warnings count as errors)\n"
    out, err = io.StringIO(), io.StringIO()
    report.write(findings, "n.yaml", "github", out=out, err=err)
    assert out.getvalue() == (
        "::error file=n.yaml,title=seloste::a: x\\ud800\n"
        "::warning file=n.yaml,line=9,title=retention::b: y (GDPR Art. 13(2)(a))\n"
    )
    assert err.getvalue() == "n.yaml: 1 error, 1 warning\n"


def _rows(markdown_text: str) -> list[list[str]]:
    """The body rows of the Markdown tables in `markdown_text`, as rendered (Python-Markdown's tables)."""
    import html.parser

    import markdown

    class Cells(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.tags: list[str] = []
            self.cell: str | None = None

        def handle_starttag(self, tag: str, attrs: list) -> None:
            self.tags.append(tag)
            if tag == "tr":
                self.rows.append([])
            elif tag == "td":
                self.cell = ""

        def handle_endtag(self, tag: str) -> None:
            if tag == "td":
                self.rows[-1].append(self.cell)
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell += data

    parser = Cells()
    parser.feed(markdown.markdown(markdown_text, extensions=["tables"]))
    assert set(parser.tags) <= {"h3", "p", "table", "thead", "tbody", "tr", "th", "td"}, parser.tags
    return [row for row in parser.rows if row]


@pytest.mark.slow
def test_summary_table_has_every_finding(tmp_path: Path) -> None:
    """--summary appends a table with every finding (GitHub shows only 10 warning annotations)."""
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n\n", encoding="utf-8")
    result = check(NOTICE, "--format", "github", "--summary", str(summary))
    assert result.returncode == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n\n### Seloste check: ")
    rows = _rows(text)
    assert len(rows) == len(ENTRACK_GAPS) > 10
    assert {row[0] for row in rows} == {"warning"}
    assert {(row[3].split(":")[0], row[2].split(" ")[0]) for row in rows} == {(f, r) for f, r, _ in ENTRACK_GAPS}


@pytest.mark.slow
def test_summary_table_errors_first_and_hostile_text_stays_text(tmp_path: Path) -> None:
    """Errors head the table; a message quoting the notice cannot add a cell, a link or markup."""
    hostile = "javascript:a|b</td><td>*c*_@team_<img>"
    notice = tmp_path / "n.yaml"
    notice.write_text(
        (REPO / NOTICE)
        .read_text(encoding="utf-8")
        .replace('en: "Personal data is processed mainly by Entrack Oy\'s employees."', f'en: "See [x]({hostile})"'),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    result = check(str(notice), "--summary", str(summary))
    assert result.returncode == 1
    rows = _rows(summary.read_text(encoding="utf-8"))
    # the notice was edited and its summary was not: each language's summary repeats the last release's
    assert [row[2] for row in rows].count("revision-summary") == 3
    assert [row[0] for row in rows] == ["error"] + ["warning"] * (len(ENTRACK_GAPS) + 3)
    assert all(len(row) == 4 for row in rows), rows
    assert rows[0][2] == "unsafe-link" and f"the link to '{hostile}' is not allowed" in rows[0][3]


@pytest.mark.slow
def test_a_summary_file_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    result = check(NOTICE, "--summary", str(tmp_path / "no" / "such" / "folder" / "summary.md"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write the summary to" in result.stderr and "No such file or directory" in result.stderr


@pytest.mark.slow
def test_a_reader_who_stops_reading_ends_check_silently() -> None:
    """`check --format json | head` stops as `cat` does: no error, exit 128 + SIGPIPE."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "check", "--format", "json"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first byte
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141 and errors == "", errors


@pytest.mark.slow
def test_run_outside_its_environment_it_says_how_to_run_it() -> None:
    """A bare `python3 -m generator` (no libraries: -S leaves site-packages out) says what to run, not a traceback."""
    result = subprocess.run(
        [sys.executable, "-S", "-m", "generator", "check"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert "is not installed here; run it in Seloste's environment, which `make site` makes" in result.stderr
    assert "`make check`" in result.stderr and "`.venv/bin/python -m generator …`" in result.stderr
