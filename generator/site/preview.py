"""The live preview's plan: the working copy's pages, or its errors on every page.

`make serve` rebuilds on every save. While the project has errors (what
`check` calls one, or releases that fail their lock), every page of the
preview is one page listing them, each with its file, line and column, rule
and sentence, and the terminal prints them as `check` does. The build itself
succeeds, so the browser's live reload shows the errors at once and shows the
notice again as soon as the file is fixed; no request waits on a failed
build. Without errors, `check`'s warnings (the GDPR gaps) are a closed panel
under each page's title, listed the same way; the terminal counts them
(`make check` lists them). Both lists are in the page's language where the
catalog has the rule's message. Addresses the preview does not build
(archived releases, diffs between releases, other languages) get a page that
says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.environment import Environment
from generator.findings import Finding, NoticeError, Words
from generator.notice.markup import Markdown
from generator.project import Project
from generator.record.inspection import inspect
from generator.report import visible
from generator.site.plan import IN_FORCE, PREVIEWED, Page, SitePlan, plan_site
from generator.words import vocabulary
from generator.words.i18n import speaker
from generator.words.render import render_file, translate
from generator.words.vocabulary import N_

ERRORS_TITLE = N_("Errors in the working copy")
NAME = "Seloste"
"""The site's name while the notice cannot be read."""


def plan(
    project: Project, lang: str, environment: Environment, problems: tuple[Finding, ...] = ()
) -> tuple[SitePlan, tuple[Finding, ...]]:
    """The preview of `lang` in `environment`: the draft, the notice in force and the changelog, or the errors;
    and its findings for the terminal (the warnings alone while the preview shows the notice: the terminal
    counts them). `problems` are errors found before (a bad site address): they are shown like any other."""
    inspection = inspect(project, today=environment.today)
    errors = inspection.errors() + problems
    if not errors:
        try:
            site = plan_site(project, environment, draft=True, preview=lang, working=inspection.notice)
        except NoticeError as exc:
            errors = tuple(exc.findings)
        else:
            warnings = tuple(f for f in inspection.findings if f.level == "warning")
            return with_warnings(project, lang, site, list(warnings)), warnings
    findings = inspection.findings + problems if inspection.errors() or problems else errors
    name = inspection.notice.controller.name if inspection.notice else NAME
    return error_plan(project, lang, [f for f in findings if f.level == "error"], name), findings


@dataclass(frozen=True)
class Shown:
    """A finding as the preview lists it, in the page's language: where, the rule and the article it cites, the
    field and what is wrong with it. Each is one line of text as `check` prints it (a control character or a
    bidirectional control in a quoted value is an escape); the autoescaped templates make it HTML."""

    position: str
    rule: str
    citation: str
    field: str
    sentence: str


def shown(findings: Iterable[Finding], words: Words) -> list[Shown]:
    """`findings` in `words`' language, in the order of the file."""
    listed = []
    for finding in sorted(findings, key=lambda f: (f.position, f.rule, f.message)):
        field, sentence = finding.about(words)
        listed.append(
            Shown(
                visible(str(finding.position)),
                finding.rule,
                finding.citation(words),
                visible(field),
                visible(sentence),
            )
        )
    return listed


def with_warnings(project: Project, lang: str, site: SitePlan, warnings: list[Finding]) -> SitePlan:
    """The preview's pages, each with `warnings` in a closed panel under its title (none: as they are)."""
    if not warnings:
        return site
    words = speaker(project.locales, lang)
    block = render_file("preview_warnings.html.j2", lang, project.locales, warnings=shown(warnings, words))
    block = block.rstrip("\n")
    return dataclasses.replace(site, pages={lang: tuple(_with_panel(page, block) for page in site.pages[lang])})


def _with_panel(page: Page, block: str) -> Page:
    """`page` with the HTML `block` right under its title (an HTML block of its own, between blank lines)."""
    heading, _, rest = page.markdown.partition("\n")
    if heading.startswith("# "):
        rest = rest.lstrip("\n")
        markdown = f"{heading}\n\n{block}\n\n{rest}"
    else:
        markdown = f"{block}\n\n{page.markdown}"
    return dataclasses.replace(page, markdown=markdown, html_blocks=(block, *page.html_blocks))


def error_plan(project: Project, lang: str, errors: list[Finding] | tuple[Finding, ...], name: str) -> SitePlan:
    """One page listing `errors`, at every address the preview has."""
    heading = translate(ERRORS_TITLE, lang, project.locales)
    listed = shown(errors, speaker(project.locales, lang))
    block = render_file("preview_errors.html.j2", lang, project.locales, errors=listed).rstrip("\n")
    markdown = f"# {heading}\n\n{Markdown(block)}\n"
    pages = tuple(
        Page(path, heading, markdown, robots="noindex, nofollow", in_nav=path == IN_FORCE, html_blocks=(block,))
        for path in PREVIEWED
    )
    labels = {key: translate(message, lang, project.locales) for key, message in vocabulary.LABELS.items()}
    return SitePlan(name, (lang,), {lang: pages}, labels={lang: labels})


def write_failure(project: Project, lang: str, site_dir: Path, problem: str) -> None:
    """When the site host itself fails (a template or catalog it cannot use): a page saying so at
    every address the preview has, so that the browser shows it and reloads when it is fixed."""
    page = render_file("preview_failure.html.j2", lang, project.locales, lang=lang, problem=problem).encode("utf-8")
    for path in [page.removesuffix(".md") + ".html" for page in PREVIEWED] + ["404.html"]:
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(page)


def not_found(project: Project, lang: str) -> bytes:
    """The preview's 404 page: self-contained, since it is served at any address."""
    return render_file("preview_404.html.j2", lang, project.locales, lang=lang).encode("utf-8")


def write_not_found(project: Project, lang: str, site_dir: Path) -> None:
    (site_dir / "404.html").write_bytes(not_found(project, lang))
