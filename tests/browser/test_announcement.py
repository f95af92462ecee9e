"""The announcement of a material change in Chromium (issue 21, item 4).

The ``announced`` site (support.announced_project): the fictional notice's
first version in force, a material change released on 2026-06-01 that applies
from 2026-07-01 (a new recipient whose name is markup of every kind), built as
of 2026-06-15. The notice in force shows the announcement's box; the
announcement's page is its frozen Markdown. Both pass axe-core (light and dark)
and the Nu Html Checker; the name makes no element, runs nothing and asks no
host. The three-release site's announcement pages are page cases of
test_pages.py (axe, the HTML checker, no other host, alternates) as well.
"""

from __future__ import annotations

import json

import pytest
from browser.conftest import ANNOUNCED, AXE_TAGS, nu_html_checker, ready_site
from browser.test_pages import format_axe

from generator.words import i18n
from support import HOSTILE_NAME, PROJECT

pytestmark = pytest.mark.browser

CHANGE = "2026-07-01"
PAGES = ["/{lang}/", f"/{{lang}}/{CHANGE}/announcement/"]

WHAT_THE_TEXT_MADE = """() => ({
  images: document.querySelectorAll("img").length,
  scripts: [...document.querySelectorAll("article script")].length,
  handlers: [...document.querySelectorAll("*")]
    .flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => `${e.tagName} ${a.name}`)),
  hit: window.hit === undefined ? null : window.hit,
  links: [...document.querySelectorAll("article a")].map(a => a.getAttribute("href")),
})"""


def say(lang: str, message: str) -> str:
    return i18n.translations(PROJECT.locales, lang).gettext(message)


def test_the_notice_in_force_links_the_announcement_and_its_changes(open_page, lang: str) -> None:
    visit = open_page(f"/{lang}/", site=ANNOUNCED)
    try:
        page = visit.page
        box = page.locator(".seloste-status--announcement")
        assert box.count() == 1 and box.is_visible()
        assert box.locator(".admonition-title").inner_text().strip() == say(lang, "Announced change")
        box.get_by_role("link", name=say(lang, "Read the announcement")).click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/{lang}/{CHANGE}/announcement/"), page.url
        assert page.locator("h1").count() == 1
        full = page.locator("article a.seloste-permalink").evaluate_all("links => links.map(a => a.textContent)")
        assert full == [page.url.removesuffix("announcement/"), page.url.removesuffix("announcement/") + "diff/"]
        assert visit.foreign == []
    finally:
        visit.close()


@pytest.mark.parametrize("path", [p.format(lang=lang) for p in PAGES for lang in ("fi", "en")])
def test_markup_in_a_changed_item_s_name_makes_no_element_and_runs_nothing(open_page, path: str) -> None:
    visit = open_page(path, site=ANNOUNCED, stay=True)
    try:
        dialogs: list[str] = []
        page = visit.page.context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(visit.page.url, wait_until="load")
        made = page.evaluate(WHAT_THE_TEXT_MADE)
        assert dialogs == [] and made["hit"] is None
        assert made["images"] == 0 and made["scripts"] == 0 and made["handlers"] == [], made
        assert not [href for href in made["links"] if href and href.lower().startswith(("javascript", "data"))]
        if "announcement" in path:
            assert " ".join(HOSTILE_NAME.split()) in " ".join(page.inner_text("article").split())
        assert visit.foreign == []
    finally:
        visit.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [p.format(lang=lang) for p in PAGES for lang in ("fi", "sv", "en")])
def test_axe_finds_no_violation(open_page, axe_source, path: str, scheme: str) -> None:
    visit = open_page(path, site=ANNOUNCED, color_scheme=scheme, reuse=True)
    try:
        violations = visit.run_axe(axe_source)
    finally:
        visit.close()
    if violations:
        pytest.fail(f"axe-core ({', '.join(AXE_TAGS)}) on {path} ({scheme}):\n{format_axe(violations)}", pytrace=False)


def test_the_nu_html_checker_finds_no_error(pytestconfig: pytest.Config) -> None:
    site = ready_site(pytestconfig, ANNOUNCED)
    files = [site.file_for(p.format(lang=lang)) for p in PAGES for lang in ("fi", "sv", "en")]
    assert all(f.is_file() for f in files), files
    messages = json.loads(nu_html_checker(files))["messages"]
    assert not messages, "\n".join(f"{m.get('url')}: {m['message']} {m.get('extract', '')!r}" for m in messages)
