"""Markup in the notice stays text in a real browser: no element, no handler, no dialog, no request.

The ``hostile`` site (tests/fixtures/hostile.yaml, built with its draft) names
its controller ``Esimerkki Oy<img src=x onerror=alert(document.domain)>``:
a name that MkDocs Material prints unescaped in the header, the navigation
and <title> unless it arrives escaped. Its summary holds image syntax for a
tracking pixel and attribute lists after links. Chromium opens every kind of
page, listens for dialogs from the first byte on (the page is opened again,
in a tab that listens before it loads), and counts what the text could have
created.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

HOSTILE = "hostile"  # the site conftest builds from tests/fixtures/hostile.yaml
NAME = "Esimerkki Oy<img src=x onerror=alert(document.domain)>"
PATHS = ["/fi/", "/sv/changelog/", "/en/draft/", "/en/draft/diff/", "/en/2026-01-01/", "/fi/404.html"]

WHAT_THE_TEXT_MADE = """() => ({
  images: document.querySelectorAll("img").length,
  handlers: [...document.querySelectorAll("*")]
    .flatMap(e => [...e.attributes].filter(a => a.name.startsWith("on")).map(a => `${e.tagName} ${a.name}`)),
  title: document.title,
  header: [...document.querySelectorAll(".md-header__topic .md-ellipsis, .md-nav__title")]
    .map(e => e.textContent.trim()).filter(text => text.startsWith("Esimerkki")),
})"""


@pytest.mark.parametrize("path", PATHS)
def test_markup_in_the_notice_makes_no_element_and_runs_nothing(open_page, path: str) -> None:
    visit = open_page(path, site=HOSTILE, stay=True)
    try:
        dialogs: list[str] = []
        page = visit.page.context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(visit.page.url, wait_until="load")
        made = page.evaluate(WHAT_THE_TEXT_MADE)
        assert dialogs == []
        assert made["images"] == 0 and made["handlers"] == []
        assert made["title"].endswith(NAME), made["title"]
        if path.startswith(("/fi/", "/sv/", "/en/")):
            assert made["header"] and set(made["header"]) == {NAME}, made["header"]
        assert visit.foreign == []
    finally:
        visit.close()


def test_a_tracking_pixel_in_a_summary_is_text_and_asks_no_host(open_page) -> None:
    visit = open_page("/en/changelog/", site=HOSTILE)
    try:
        text = visit.page.inner_text("article")
        assert "![.](https://tracker.example/p.gif)" in text
        assert "{: onclick=alert }" in text
        assert visit.foreign == []
        links = visit.page.eval_on_selector_all(
            "article a[href^='https://esimerkki.fi']", "links => links.map(a => a.getAttributeNames())"
        )
        assert links == [["href"]]
    finally:
        visit.close()
