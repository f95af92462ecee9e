"""The live preview's plan: the working copy's pages, or its errors on every page.

`make serve` rebuilds on every save. While the project has errors (what
`check` calls one, or releases that fail their lock), every page of the
preview is one page listing them, each with its file, line and column, rule
and sentence, and the terminal prints them as `check` does. The build itself
succeeds, so the browser's live reload shows the errors at once and shows the
notice again as soon as the file is fixed; no request waits on a failed
build. Addresses the preview does not build (archived releases, diffs, other
languages) get a page that says so.
"""

from __future__ import annotations

from pathlib import Path

from generator.environment import Environment
from generator.findings import Finding, NoticeError
from generator.notice.markup import Markdown
from generator.project import Project
from generator.record.inspection import inspect
from generator.site.plan import IN_FORCE, PREVIEWED, Page, SitePlan, plan_site
from generator.words import vocabulary
from generator.words.render import render_file, translate
from generator.words.vocabulary import N_

ERRORS_TITLE = N_("Errors in the working copy")
NAME = "Seloste"
"""The site's name while the notice cannot be read."""


def plan(
    project: Project, lang: str, environment: Environment, problems: tuple[Finding, ...] = ()
) -> tuple[SitePlan, tuple[Finding, ...]]:
    """The preview of `lang` in `environment`: the draft, the notice in force and the changelog, or the errors;
    and the findings the terminal should print (none while the preview shows the notice). `problems` are
    errors found before (a bad site address): they are shown like any other."""
    inspection = inspect(project, today=environment.today)
    errors = inspection.errors() + problems
    if not errors:
        try:
            return plan_site(project, environment, draft=True, preview=lang, working=inspection.notice), ()
        except NoticeError as exc:
            errors = tuple(exc.findings)
    findings = inspection.findings + problems if inspection.errors() or problems else errors
    name = inspection.notice.controller.name if inspection.notice else NAME
    return error_plan(project, lang, [f for f in findings if f.level == "error"], name), findings


def error_plan(project: Project, lang: str, errors: list[Finding] | tuple[Finding, ...], name: str) -> SitePlan:
    """One page listing `errors`, at every address the preview has."""
    heading = translate(ERRORS_TITLE, lang, project.locales)
    block = render_file("preview_errors.html.j2", lang, project.locales, errors=errors).rstrip("\n")
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
