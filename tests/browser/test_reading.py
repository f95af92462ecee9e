"""The current notice reads fully without JavaScript; search loads when first used.

Material's script, the search worker, its stemmer and the index make most of
a page's weight and serve only the search box, so they load on its first use
(site_overrides/main.html). These tests hold both halves of that bargain:

- without JavaScript (and with it, before search is used) the notice, its
  table of contents, the language menu and the link to the permanent release
  all work, on a wide screen where the sidebars show;
- the first load asks for nothing of search, and using the search box (the
  `/` key, or the search button on a phone) loads exactly what search needs
  and finds the notice's own words.
"""

from __future__ import annotations

import urllib.parse

import pytest

pytestmark = pytest.mark.browser

WIDE = {"width": 1300, "height": 800}  # both sidebars show from 76.25em (1220 px)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# What search may load, and must: Material's script, the worker, the index
# and (for fi and sv) lunr's stemmer support and the language's stemmer.
SEARCH_PARTS = ("/assets/javascripts/bundle.", "/assets/javascripts/workers/search.", "/search/search_index.json")
STEMMERS = {"fi": "lunr.fi.min.js", "sv": "lunr.sv.min.js", "en": None}

_TOC = """() => [...document.querySelectorAll('.md-sidebar--secondary a.md-nav__link')].map(a => {
  const r = a.getBoundingClientRect();
  const id = decodeURIComponent(new URL(a.href).hash.slice(1));
  // On screen and not clipped away: the link itself is what shows at its centre.
  const there = r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight &&
    a.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
  return {href: a.getAttribute('href'), shown: there, target: !!document.getElementById(id)};
})"""


# Material's menu is "closed" at no height and fully transparent, not hidden.
_MENU_OPEN = """() => {
  const s = getComputedStyle(document.querySelector('.md-select__inner'));
  return s.maxHeight !== '0px' && s.opacity === '1';
}"""


def _paths(visit) -> list[str]:
    return [urllib.parse.urlsplit(r.url).path for r in visit.responses]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_table_of_contents_shows_and_leads_to_headings(lang, javascript, open_page):
    visit = open_page(f"/{lang}/", viewport=WIDE, java_script_enabled=javascript, reuse=True)
    try:
        entries = visit.page.evaluate(_TOC)
    finally:
        visit.close()
    assert len(entries) >= 5, f"/{lang}/ has a table of contents of {len(entries)} entries"
    hidden = [e["href"] for e in entries[:5] if not e["shown"]]
    assert not hidden, f"/{lang}/: table of contents entries not on screen: {hidden}"
    broken = [e["href"] for e in entries if not e["target"]]
    assert not broken, f"/{lang}/: table of contents entries with no heading: {broken}"


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_language_menu_opens_and_switches_on_the_same_page(lang, javascript, open_page):
    other = "sv" if lang != "sv" else "en"
    visit = open_page(f"/{lang}/changelog/", viewport=WIDE, java_script_enabled=javascript)
    try:
        page = visit.page
        link = page.locator(f".md-select__link[hreflang={other}]")
        assert page.evaluate(_MENU_OPEN) is False, "the language menu shows before it is opened"
        page.focus(".md-select > button")  # what Tab does; :focus-within opens the menu
        for _ in range(20):  # its transition takes 0.25 s
            if page.evaluate(_MENU_OPEN):
                break
            page.wait_for_timeout(100)
        assert page.evaluate(_MENU_OPEN), f"/{lang}/: the language menu does not open on focus"
        with page.expect_navigation():
            link.click()
        assert urllib.parse.urlsplit(page.url).path == f"/{other}/changelog/"
    finally:
        visit.close()


def test_permanent_address_link_works_without_javascript(lang, site, open_page):
    current = site.versions()["current"]
    visit = open_page(f"/{lang}/", java_script_enabled=False)
    try:
        page = visit.page
        with page.expect_navigation():
            page.click(f"article a[href='{current}/']")
        assert urllib.parse.urlsplit(page.url).path == f"/{lang}/{current}/"
        assert page.locator("article h1").count() == 1
    finally:
        visit.close()


def _use_search(page, word: str) -> int:
    page.keyboard.type(word)
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible", timeout=15_000)
    return items.count()


@pytest.mark.parametrize("how", ["key", "phone-button"])
def test_search_loads_on_first_use_and_only_what_it_needs(lang, how, open_page):
    options = PHONE if how == "phone-button" else {"viewport": WIDE}
    visit = open_page(f"/{lang}/", **options)
    try:
        page = visit.page
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        first = _paths(visit)
        early = [p for p in first if any(part in p for part in SEARCH_PARTS) or "/lunr/" in p]
        assert not early, f"/{lang}/ loads search before it is used: {early}"
        # A word of the notice: the first section heading's longest word.
        heading = page.locator("article h2").first.inner_text()
        word = max(heading.split(), key=len)
        if how == "key":
            page.keyboard.press("/")
        else:
            page.locator("label.md-header__button[for=__search]").tap()
        query = page.locator("[data-md-component=search-query]")
        page.wait_for_function("() => document.activeElement === document.querySelector('.md-search__input')")
        assert query.is_visible()
        found = _use_search(page, word)
        page.wait_for_load_state("networkidle")
        later = _paths(visit)[len(first) :]
    finally:
        visit.close()
    assert found >= 1, f"searching /{lang}/ for {word!r} found nothing"
    for part in SEARCH_PARTS:
        assert any(part in p for p in later), f"search did not load {part}: {later}"
    stemmer = STEMMERS[lang]
    if stemmer:
        assert any(p.endswith(stemmer) for p in later), f"search did not load {stemmer}: {later}"
    unneeded = [p for p in later if not (any(part in p for part in SEARCH_PARTS) or "/lunr/" in p)]
    assert not unneeded, f"using search on /{lang}/ asked for more than search: {unneeded}"
