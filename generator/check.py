"""`python -m generator check`: read a notice, run every rule, report, set the exit code.

A file that cannot be read as a notice (bad YAML, schema errors) gets the
reader's findings; a readable one gets the rules' findings (generator/rules.py).
Either way every finding is printed at once. Exit code: 0 when there is no
error (warnings are fine unless `strict`), 1 when there is one.

>>> from generator.read import read_notice_text
>>> notice, doc = read_notice_text(
...     "seloste: 1\\ncontroller: {name: X}\\n"
...     "revision: {effective: 2026-01-01, summary: {fi: a, sv: b, en: c}}\\n"
...     "purposes:\\n- id: a\\n  name: {fi: Myynti, sv: Försäljning, en: Sales}\\n"
...     "  recipients: [nobody]\\n", "n.yaml")
>>> [f.rule for f in check_notice(notice, doc) if f.level == "error"]
['unknown-reference']
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable

from . import report
from .findings import Finding, NoticeError
from .load import Document
from .model import Notice
from .read import read_notice
from .ledger import history, read_entries
from .releases import load_releases, verify
from .rules import run_rules, stale_translations

__all__ = ["check_notice", "exit_code", "run_check", "stale_translations"]


def check_notice(notice: Notice, doc: Document) -> list[Finding]:
    """Every rule's findings about a notice that has passed the schema, sorted by position."""
    return run_rules(notice, doc)


def run_check(path: str | Path, *, strict: bool = False, output: str = "text", root: Path | None = None,
              since: str | None = None) -> int:
    """Check the notice at `path` and the releases of the project at `root` (default: the
    current folder), and with `since` (a git revision) that no recorded release was rewritten
    since then; print the report in `output` format, return the exit code."""
    root = Path.cwd() if root is None else root
    try:
        releases = load_releases(root)
        findings = verify(root, releases)
        if since is not None:
            findings += history(root, since, read_entries(root))
    except NoticeError as exc:
        releases, findings = (), list(exc.findings)
    try:
        notice, doc = read_notice(path)
        findings += check_notice(notice, doc)
        if releases and not findings_about_releases(findings):
            findings += stale_translations(releases[-1].notice, notice, doc)
    except NoticeError as exc:
        findings += exc.findings
    if strict:
        findings = [dataclasses.replace(f, level="error") for f in findings]
    report.write(findings, str(path), output, strict=strict)
    return exit_code(findings)


def findings_about_releases(findings: Iterable[Finding]) -> bool:
    return any(f.rule == "release-integrity" for f in findings)


def exit_code(findings: Iterable[Finding]) -> int:
    """1 if any finding is an error, else 0."""
    return 1 if any(f.level == "error" for f in findings) else 0
