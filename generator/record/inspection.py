"""What `check`, `release` and `build` all ask first: is the project fit to publish?

`inspect` reads the notice (each shared party it names taken from
policy/parties.yaml) and the project's settings, runs every rule
(generator/notice/rules.py), verifies the releases against their lock, and
says which shared parties changed since the notice's last release
(record/parties.py); every finding comes back at once. `check` prints them; `release` and `build` refuse
to go on while any is an error (or, with `strict`, any at all), with the same
messages.

>>> from generator.notice.read import read_notice_text
>>> notice, doc = read_notice_text(
...     "seloste: 2\\ncontroller: {name: X}\\n"
...     "revision: {effective: 2026-01-01, summary: {fi: a, sv: b, en: c}}\\n"
...     "purposes:\\n- id: a\\n  name: {fi: Myynti, sv: Försäljning, en: Sales}\\n"
...     "  recipients: [nobody]\\n", "n.yaml", PROJECT.schema)
>>> [f.rule for f in run_rules(Context(notice, doc)) if f.level == "error"]
['unknown-reference']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.findings import Finding, NoticeError, _
from generator.notice.languages import SUPPORTED
from generator.notice.load import Document
from generator.notice.model import Notice
from generator.notice.read import read_notice
from generator.notice.rules import Context, run_rules
from generator.project import Project
from generator.record import lock
from generator.record.ledger import history, recorded_at
from generator.record.lock import read_entries
from generator.record.parties import parties_changed
from generator.record.releases import Release, repeated_summary, verified
from generator.settings import Settings, read_settings, unknown_moved
from generator.words import catalogs


@dataclass(frozen=True)
class Inspection:
    """The notice as read (None if it could not be), the releases, and every finding about them."""

    notice: Notice | None
    doc: Document | None
    releases: tuple[Release, ...]
    findings: tuple[Finding, ...]

    def errors(self, strict: bool = False) -> tuple[Finding, ...]:
        """What stops publication: errors, and with `strict` warnings too."""
        return tuple(f for f in self.findings if strict or f.level == "error")


def inspect(project: Project, path: Path | None = None, since: str | None = None, *, today: date) -> Inspection:
    """Read the notice at `path` (default: the project's) and check it and the project's releases as of
    `today` (which adequacy decisions apply, how far ahead a revision is); with `since` (a git revision),
    also that no release recorded there was rewritten."""
    try:
        settings = read_settings(project.settings, project.shown(project.settings))
        problems = unknown_moved(project, settings)
    except NoticeError as exc:
        settings, problems = Settings(), list(exc.findings)
    try:
        releases, findings = verified(project)
        findings += _languages_without_catalog(project, releases)
        if since is not None:
            findings += history(project, since, read_entries(project))
            findings += _made_by_hand(project, releases, recorded_at(project, since), settings)
    except NoticeError as exc:
        releases, findings = (), list(exc.findings)
    findings += catalogs.problems(project.locales, SUPPORTED, project.shown)
    findings += problems
    notice = doc = None
    try:
        notice, doc = read_notice(path or project.notice, project.schema, project.parties)
        previous = releases[-1].notice if releases and not _about_releases(findings) else None
        findings += run_rules(
            Context(notice, doc, previous, today, settings.notice_period_days, company=bool(project.id))
        )
        if previous is not None:
            findings += repeated_summary(notice, doc, releases[-1], "warning")
    except NoticeError as exc:
        findings += exc.findings
    findings += parties_changed(project)
    return Inspection(notice, doc, releases, tuple(findings))


def _languages_without_catalog(project: Project, releases: tuple[Release, ...]) -> list[Finding]:
    """A release is published in each of its languages: one the project has no catalog for cannot be built."""
    return [
        lock.finding(
            project.shown(r.directory / lock.text_name(lang)),
            # NOTE: %(lang)s is a language code in quotes, such as 'de'; %(catalog)s the catalog's file.
            _(
                "release %(id)s is published in %(lang)s, for which the project has no catalog (%(catalog)s)",
                id=r.id,
                lang=repr(lang),
                catalog=project.shown(project.locales / lang / "LC_MESSAGES" / "messages.po"),
            ),
        )
        for r in releases
        for lang in r.languages
        if not (project.locales / lang / "LC_MESSAGES" / "messages.po").is_file()
    ]


def _made_by_hand(
    project: Project, releases: tuple[Release, ...], recorded: frozenset[str], settings: Settings
) -> list[Finding]:
    """Each release added since the revision whose lock lists `recorded` must be what `release` writes: its texts
    rendered anew from its notice.json with this commit's templates, word for word, its announcement written
    anew with the project's notice period, and its first layer and form notices written anew."""
    found: list[Finding] = []
    for previous, release in zip((None, *releases), releases, strict=False):
        if release.id not in recorded:
            try:
                found += release.rendered_anew(
                    project.locales, previous, settings.notice_period_days, project.prefix, project.id or None
                )
            except NoticeError as exc:
                found += exc.findings
    return found


def refuse_errors(inspection: Inspection, strict: bool = False) -> None:
    """Raise NoticeError with every finding if any of them stops publication."""
    if inspection.errors(strict):
        raise NoticeError([_as_error(f) if strict else f for f in inspection.findings])


def strictly(findings: Iterable[Finding]) -> list[Finding]:
    """Every finding as an error (`--strict`)."""
    return [_as_error(f) for f in findings]


def exit_code(findings: Iterable[Finding]) -> int:
    """1 if any finding is an error, else 0."""
    return 1 if any(f.level == "error" for f in findings) else 0


def _as_error(finding: Finding) -> Finding:
    return dataclasses.replace(finding, level="error")


def _about_releases(findings: Iterable[Finding]) -> bool:
    return any(f.rule == "release-integrity" for f in findings)
