"""What a reader of a release page is told, in process (issue 23, "The reader"): an archived page says so in
its title, every release page links the version history in its text, and the live preview links the pages it
does not build by their addresses (never a broken `.../index.md`).

The browser half (the status box's size, the keyboard, the phone's tables) is tests/browser/test_reader.py.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date

import pytest

from generator.environment import Environment
from generator.project import Project
from generator.record.releases import load_releases
from generator.record.timeline import Timeline
from generator.site.plan import CHANGELOG, IN_FORCE, Pages, plan_site, release_page
from support import MULTI_VERSIONS, released_here

ARCHIVED = {
    "fi": "(arkistoitu, 1. tammikuuta 2026 voimaan tullut versio)",
    "sv": "(arkiverad version från den 1 januari 2026)",
    "en": "(archived version of 1 January 2026)",
}
HISTORY = {"fi": "Versiohistoria", "sv": "Versionshistorik", "en": "Version history"}
JUNE = date(2026, 6, 15)  # 2026-01-01 archived, 2026-03-01 in force, 2026-09-01 upcoming


@pytest.fixture(scope="module")
def three_releases(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return released_here(tmp_path_factory.mktemp("reader"), *MULTI_VERSIONS)


def _pages(project: Project) -> Pages:
    return Pages(project, Timeline(load_releases(project), JUNE), None, "")


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_an_archived_page_says_so_in_its_heading_and_its_title(three_releases: Project, lang: str) -> None:
    pages = _pages(three_releases)
    first, current, upcoming = pages.timeline.releases
    archived = pages.notice_page(lang, release_page(first), first)
    heading = archived.markdown.partition("\n")[0]
    assert heading.startswith("# ") and heading.endswith(" " + ARCHIVED[lang]), heading
    assert archived.title.endswith(" " + ARCHIVED[lang]), archived.title
    for other in (current, upcoming):  # the others do not
        page = pages.notice_page(lang, release_page(other), other)
        assert "(" not in page.markdown.partition("\n")[0] and ARCHIVED[lang] not in page.title


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_every_release_page_links_the_version_history_in_its_text(three_releases: Project, lang: str) -> None:
    pages = _pages(three_releases)
    found = [*pages.notice_in_force(lang), *pages.release_pages(lang)]
    assert len(found) == 4
    for page in found:
        depth = page.path.count("/")
        target = "../" * depth + CHANGELOG
        assert f"[{HISTORY[lang]}]({target})" in page.markdown, page.path


def test_the_preview_links_what_it_does_not_build_by_its_address(three_releases: Project) -> None:
    """MkDocs leaves a link to a page it does not build as written: `2026-03-01/index.md`, which no browser can
    open; the preview links the address instead, and answers it with a page that says it is not previewed."""
    plan = plan_site(three_releases, Environment(JUNE), draft=True, preview="en")
    pages = {page.path: page for page in plan.pages["en"]}
    assert set(pages) == {IN_FORCE, CHANGELOG, "draft/index.md", "draft/diff/index.md"}
    links = {path: re.findall(r"\]\(([^)#]+)", page.markdown) for path, page in pages.items()}
    assert "2026-03-01/" in links[IN_FORCE] and "2026-03-01/diff/" in links[IN_FORCE]
    assert "../2026-01-01/diff/current/" in links[CHANGELOG]
    broken = {
        path: [
            link
            for link in found
            if link.endswith(".md") and posixpath.normpath(posixpath.join(posixpath.dirname(path), link)) not in pages
        ]
        for path, found in links.items()
    }
    assert broken == {path: [] for path in pages}
    # a full build links the page sources, which MkDocs resolves and checks
    built = plan_site(three_releases, Environment(JUNE))
    assert "(2026-03-01/index.md)" in next(p for p in built.pages["en"] if p.path == IN_FORCE).markdown
