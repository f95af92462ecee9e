"""The reader, in real Chromium (issue 23): what a visitor sees and reaches on a release page.

- The status box (in force, archived, upcoming) is set at the body text's size or larger, in its own
  colour, with its own icon and words.
- The keyboard reaches every control that shows, at a phone's width (390 px), a tablet's (1000 px) and a
  desktop's (1280 px), and every element it reaches is visible, on screen and not covered: the menu
  opens by keyboard, the closed drawer and the closed search take no focus.
- On a phone the contents come after the title, with a list icon (not the pencil of Material's note); a
  table shows every column (the cookie table's category and duration say whether consent is needed).
- The controller's colours, initial and footer; the chooser and the root 404 page in the site's look; the
  reader's dark-mode preference.
"""

from __future__ import annotations

import colorsys
import re

import pytest

ENTRACK, MULTI = "entrack", "multi"  # the sites of tests/browser/conftest.py

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 1000, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
STATUS_PAGES = {"current": "2026-03-01", "archived": "2026-01-01", "upcoming": "2026-09-01"}  # the multi site
HUES = {"current": (90, 160), "archived": (340, 20), "upcoming": (200, 250)}  # green, red, blue (degrees)
PENCIL = "M20.71 7.04"  # the path of Material's pencil (its note icon)

_SETTLE = "() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"

# Whether an element shows: some size, in the viewport, no hidden or transparent ancestor, and (for the
# focused element) what is at its centre is itself. A checkbox that stands in for its <label> (the menu)
# shows through that label.
_SHOWS = """(e, strict) => {
  const shown = el => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    // a closed <details>' content (content-visibility), display, visibility, opacity
    if (!el.checkVisibility({contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true})) return false;
    for (let p = el; p; p = p.parentElement) {
      const s = getComputedStyle(p);
      if (s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse' || +s.opacity === 0) return false;
    }
    if (!strict) return r.right > 0 && r.left < innerWidth;
    if (r.right <= 0 || r.left >= innerWidth || r.bottom <= 0 || r.top >= innerHeight) return false;
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height, 20) / 2, 0), innerHeight - 1);
    const at = document.elementFromPoint(x, y);
    return !!at && (el === at || el.contains(at) || at.contains(el));
  };
  if (strict && e.type === 'checkbox' && e.labels && e.labels.length) return [...e.labels].some(shown);
  return shown(e);
}"""

# The controls: what takes focus by nature, and the header's menu and search buttons (<label>s of Material's
# hidden checkboxes; the labels elsewhere are titles).
_CONTROLS = """[...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]):not([type=checkbox]), select, textarea, summary,'
    + '[tabindex]:not([tabindex="-1"]), .md-header label[for]')]"""


def _describe(page, handle) -> str:
    return page.evaluate("e => e.outerHTML.slice(0, 140)", handle)


def _tab_walk(page, limit: int = 200) -> list[tuple[str, bool]]:
    """Tab from the top of the page until focus comes back round: each stop's description, and whether it showed.
    Every element reached gets data-reached."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        page.evaluate(_SETTLE)
        focused = page.evaluate_handle("() => document.activeElement")
        if page.evaluate("e => !e || e === document.body || e.hasAttribute('data-reached')", focused):
            if stops:
                break
            continue
        page.evaluate("e => e.setAttribute('data-reached', '')", focused)
        stops.append((_describe(page, focused), focused.evaluate(_SHOWS, True)))
    return stops


def _unreached(page) -> list[str]:
    """Controls that show but the walk did not reach (a <label> counts as reached when its control was,
    the search button when the search box was)."""
    return page.evaluate(
        "() => "
        + _CONTROLS
        + """.filter(e => ("""
        + _SHOWS
        + """)(e, false)).filter(e => {
          if (e.hasAttribute('data-reached')) return false;
          if (e.tagName === 'LABEL') {
            const control = e.htmlFor === '__search' ? document.querySelector('.md-search__input') : e.control;
            return !(control && control.hasAttribute('data-reached'));
          }
          return !e.closest('[data-reached]');
        }).map(e => e.outerHTML.slice(0, 140))"""
    )


@pytest.mark.parametrize("viewport", [PHONE, TABLET, DESKTOP], ids=["390px", "1000px", "1280px"])
@pytest.mark.parametrize(
    "site_name, path", [(ENTRACK, "/fi/"), (MULTI, "/en/2026-01-01/")], ids=["entrack-fi", "multi-archived-en"]
)
def test_tab_reaches_every_control_and_only_what_shows(site_name, path, viewport, open_page, report_figure):
    visit = open_page(path, site=site_name, viewport=viewport)
    try:
        page = visit.page
        page.wait_for_load_state("networkidle")
        stops = _tab_walk(page)
        page.keyboard.press("Escape")
        page.evaluate("() => { document.activeElement.blur(); document.getElementById('__search').checked = false; }")
        page.evaluate(_SETTLE)
        unreached = _unreached(page)
    finally:
        visit.close()
    hidden = [what for what, shows in stops if not shows]
    report_figure(f"Tab stops {site_name} {path} at {viewport['width']} px: {len(stops)}, {len(hidden)} not visible")
    assert not hidden, f"{path} at {viewport['width']} px: Tab reaches what does not show:\n  " + "\n  ".join(hidden)
    assert not unreached, f"{path} at {viewport['width']} px: Tab never reaches:\n  " + "\n  ".join(unreached)
    assert len(stops) >= 8


def test_the_menu_opens_and_closes_by_keyboard_on_a_phone(open_page):
    visit = open_page("/en/2026-01-01/", site=MULTI, viewport=PHONE)
    try:
        page = visit.page
        page.wait_for_load_state("networkidle")
        drawer_links = "() => [...document.querySelectorAll('.md-sidebar--primary a[href]')]"
        showing = drawer_links + ".filter(a => (" + _SHOWS + ")(a, false)).length"
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == "__drawer", "Tab does not start at the menu"
        assert page.evaluate("() => document.activeElement.getAttribute('aria-label')") == "Menu"
        page.keyboard.press("Space")
        page.evaluate(_SETTLE)
        focused = page.evaluate_handle("() => document.activeElement")
        assert page.evaluate("e => !!e.closest('.md-sidebar--primary')", focused), "the open menu has no focus"
        assert focused.evaluate(_SHOWS, True), "the focused link of the open menu does not show"
        shown = page.evaluate(showing)
        assert shown >= 3
        page.keyboard.press("Escape")
        page.evaluate(_SETTLE)
        assert page.evaluate("() => document.activeElement.id") == "__drawer"
        assert not page.evaluate("() => document.getElementById('__drawer').checked")
        assert page.evaluate(showing) == 0, "the closed menu's links show"
    finally:
        visit.close()


def _hue(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+(?:\.\d+)?", rgb)[:3])
    return colorsys.rgb_to_hls(r, g, b)[0] * 360


def _in(hue: float, bounds: tuple[int, int]) -> bool:
    low, high = bounds
    return low <= hue <= high if low < high else hue >= low or hue <= high


def test_the_status_box_reads_first(lang, open_page, report_figure):
    """At the body's size or larger, in its own colour (green, red, blue), its own icon, words that say it."""
    icons = {}
    for status, release in STATUS_PAGES.items():
        visit = open_page(f"/{lang}/{release}/", site=MULTI, viewport=PHONE, reuse=True)
        try:
            facts = visit.page.evaluate("""() => {
              const box = document.querySelector('article .seloste-status');
              const title = box.querySelector('.admonition-title');
              const body = document.querySelector('article.md-typeset');  // the body text's size
              const px = e => parseFloat(getComputedStyle(e).fontSize);
              return {box: px(box), text: px(box.querySelector('p:not(.admonition-title)')), title: px(title),
                      body: px(body), colour: getComputedStyle(title).color,
                      line: getComputedStyle(box).borderLeftColor, lineWidth: parseFloat(getComputedStyle(box).borderLeftWidth),
                      icon: getComputedStyle(title, '::before').maskImage || getComputedStyle(title, '::before').webkitMaskImage,
                      words: title.textContent.trim(), classes: box.className,
                      afterTitle: !!(document.querySelector('article h1').compareDocumentPosition(box) & 4)};
            }""")
        finally:
            visit.close()
        report_figure(
            f"status box {status} {lang}: text {facts['text']} px, title {facts['title']} px, body {facts['body']} px"
        )
        assert facts["text"] >= facts["body"] and facts["title"] >= facts["body"], (status, lang, facts)
        assert f"seloste-status--{status}" in facts["classes"] and facts["afterTitle"]
        assert _in(_hue(facts["colour"]), HUES[status]) and _in(_hue(facts["line"]), HUES[status]), (status, facts)
        assert facts["lineWidth"] >= 6
        assert facts["icon"].startswith("url(") and PENCIL not in facts["icon"]
        icons[status] = facts["icon"]
    assert len(set(icons.values())) == 3, "two statuses share an icon"


def test_a_table_shows_every_column_on_a_phone(lang, open_page, report_figure):
    """The cookie table at 390 px: every cell, with its column's name, within the screen."""
    visit = open_page(f"/{lang}/", site=MULTI, viewport=PHONE, reuse=True)
    try:
        page = visit.page
        cells = page.evaluate("""() => [...document.querySelectorAll('article table td')].map(td => {
          // scrolled to vertically only: a table that scrolls sideways must not be scrolled for the reader
          scrollTo(0, td.getBoundingClientRect().top + scrollY - innerHeight / 2);
          const r = td.getBoundingClientRect();
          const name = getComputedStyle(td, '::before').content;
          const at = document.elementFromPoint(r.right - 4, r.top + r.height / 2);
          return {label: td.dataset.label, name, left: r.left, right: r.right, width: r.width,
                  top: at === td || td.contains(at)};
        })""")
        headers = page.evaluate(
            "() => [...document.querySelectorAll('article table th')].map(th => th.textContent.trim())"
        )
    finally:
        visit.close()
    assert len(headers) == 5 and len(cells) >= 5, (headers, cells)
    assert [c["label"] for c in cells[: len(headers)]] == headers
    outside = [c for c in cells if c["left"] < 0 or c["right"] > PHONE["width"] or c["width"] < 100 or not c["top"]]
    assert not outside, f"/{lang}/ at 390 px: cells not on screen: {outside}"
    assert all(c["label"] in c["name"] for c in cells), "a cell does not show its column's name"
    report_figure(f"cookie table {lang} at 390 px: {len(cells)} cells of {len(headers)} columns, all on screen")


def test_the_contents_follow_the_title_on_a_phone_without_the_pencil(open_page):
    visit = open_page("/en/", site=MULTI, viewport=PHONE, reuse=True)
    try:
        facts = visit.page.evaluate("""() => {
          const toc = document.querySelector('details.seloste-toc');
          const h1 = document.querySelector('article h1');
          const summary = toc.querySelector('summary');
          return {after: !!(h1.compareDocumentPosition(toc) & 4), above: toc.getBoundingClientRect().top > h1.getBoundingClientRect().bottom,
                  icon: getComputedStyle(summary, '::before').maskImage, shows: toc.getBoundingClientRect().height > 0,
                  size: parseFloat(getComputedStyle(summary).fontSize)};
        }""")
    finally:
        visit.close()
    assert facts["after"] and facts["above"] and facts["shows"], facts
    assert PENCIL not in facts["icon"] and facts["icon"].startswith("url("), facts
    assert facts["size"] >= 16


def _luminance(rgb: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("path", ["/en/", "/en/2026-01-01/", "/index.html", "/404.html"])
def test_dark_mode_is_followed(path, open_page, axe_source):
    visit = open_page(path, site=MULTI, color_scheme="dark", stay=True, locale="de-DE", reuse=True)
    try:
        colours = visit.page.evaluate("""() => ({bg: getComputedStyle(document.body).backgroundColor,
                                                  fg: getComputedStyle(document.body).color})""")
        violations = visit.run_axe(axe_source)
    finally:
        visit.close()
    assert _luminance(colours["bg"]) < 0.2 < _luminance(colours["fg"]), colours
    assert not violations, [v["id"] for v in violations]


@pytest.mark.parametrize("path", ["/index.html", "/404.html"])
def test_the_chooser_and_the_root_404_page_look_like_the_site(path, open_page):
    def header(path: str) -> dict[str, str]:
        visit = open_page(path, site=MULTI, stay=True, locale="de-DE", reuse=True)
        try:
            return visit.page.evaluate("""() => {
              const h = document.querySelector('header');
              return {bg: getComputedStyle(h).backgroundColor, text: h.innerText.trim(),
                      font: getComputedStyle(document.body).fontFamily.split(',').map(f => f.trim()).filter(f => f !== '_')[0]};
            }""")
        finally:
            visit.close()

    site, page = header("/en/"), header(path)
    assert page["bg"] == site["bg"] and page["font"] == site["font"], (page, site)
    assert "Esimerkki Oy" in page["text"]


def test_the_controllers_colours_initial_and_footer(open_page, site):
    visit = open_page("/en/", viewport=DESKTOP, reuse=True)
    try:
        facts = visit.page.evaluate("""() => ({
          header: getComputedStyle(document.querySelector('.md-header')).backgroundColor,
          logo: document.querySelector('.md-header .md-logo').innerHTML,
          footer: document.querySelector('.md-footer').innerText,
          footerLinks: [...document.querySelectorAll('.md-footer a')].map(a => a.getAttribute('href')),
        })""")
    finally:
        visit.close()
    configured = re.search(
        r'primary: "(#[0-9a-f]{6})"',
        (site.root.parent / "mkdocs.yml").read_text() if (site.root.parent / "mkdocs.yml").is_file() else "",
    )
    assert facts["header"] != "rgb(63, 81, 181)", "Material's indigo header"
    if configured:
        hex_ = configured.group(1)
        assert facts["header"] == "rgb({}, {}, {})".format(*(int(hex_[i : i + 2], 16) for i in (1, 3, 5)))
    assert "seloste-monogram" in facts["logo"] and ">E<" in facts["logo"], facts["logo"]
    assert "Entrack Oy" in facts["footer"] and "changelog/" in facts["footerLinks"], facts


def test_the_site_opens_from_a_file(browser, site):
    """site/index.html opened as a file (no server): the chooser goes to a language, and a click on a link to
    a folder (the version history) goes to that folder's index.html, not to a listing of its files."""
    context = browser.new_context(locale="sv-FI")
    try:
        page = context.new_page()
        page.goto((site.root / "index.html").as_uri())
        page.wait_for_url("**/sv/index.html")
        assert page.locator("h1").first.inner_text().startswith("Dataskyddsbeskrivning")
        page.locator("a[href$='changelog/']").first.click()
        page.wait_for_url("**/sv/changelog/index.html")
        assert page.locator("h1").first.inner_text().startswith("Versionshistorik")
    finally:
        context.close()


def test_the_chooser_and_the_pages_carry_the_same_script_for_files() -> None:
    """The script is in two places, one per template environment (the chooser's and MkDocs'): the same bytes."""
    root = __import__("pathlib").Path(__file__).resolve().parents[2]
    pages = (root / "site_overrides" / "partials" / "from_file.js").read_bytes()
    assert pages == (root / "generator" / "words" / "templates" / "files" / "from_file.js").read_bytes()
