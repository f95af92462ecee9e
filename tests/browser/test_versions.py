"""Versions no one can mistake, diffs a lawyer reads, records that print, and a phone.

On the three-release fixture's site (archived 2026-01-01, current 2026-03-01,
upcoming 2026-09-01, built as of 2026-06-15) and Entrack's:

- the status box under the H1 of every release page says the status in the
  catalog's words, with an icon and a colour, on a phone's first screen;
- the marks of a diff pass axe-core's colour contrast, and axe did look at them;
- every printed sheet of a release (pdftotext, page by page) carries the
  controller, the release id, its effective date, its permanent address and
  "page N / M", and a link prints its address once; every sheet of the
  version history and of a comparison its title, the versions compared (the
  history: those it lists, and its date), its permanent address and "page N / M";
- the language menu names the current language; each 404 page speaks its
  language; the table of contents is one tap away on a phone and the page
  has a plain link back to the top;
- a screenshot of every page type at 1280 and 390 px in test-artifacts/,
  and no page scrolls sideways on a phone.
"""

from __future__ import annotations

import datetime
import json
import pathlib
import re
import shutil
import subprocess
import urllib.parse

import pytest

from generator.words import i18n
from support import PROJECT

pytestmark = pytest.mark.browser

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
STATUS = {  # status -> (box title, Material admonition type)
    "archived": ("Archived version: not in force", "danger"),
    "current": ("In force", "success"),
    "upcoming": ("Upcoming version: not yet in force", "info"),
}
RELEASES = {"archived": "2026-01-01", "current": "2026-03-01", "upcoming": "2026-09-01"}


def say(lang: str, message: str, **values: str) -> str:
    text = i18n.translations(PROJECT.locales, lang).gettext(message)
    if lang != "en":
        assert text != message, f"untranslated in {lang}: {message}"
    return text % values if values else text


_BOX = """() => {
  const box = document.querySelector('article .seloste-status');
  if (!box) return null;
  const title = box.querySelector('.admonition-title');
  const icon = getComputedStyle(title, '::before');
  const r = box.getBoundingClientRect();
  return {classes: box.className, title: title.textContent.trim(), text: box.textContent.replace(/\\s+/g, ' '),
          background: getComputedStyle(box).backgroundColor, border: getComputedStyle(box).borderLeftColor,
          icon: icon.maskImage || icon.webkitMaskImage || 'none', bottom: r.bottom,
          afterH1: !!document.querySelector('article h1 + .seloste-status, article h1 ~ .seloste-status')};
}"""


@pytest.mark.parametrize("status", sorted(STATUS))
def test_status_box_says_the_status_on_the_first_screen(status, lang, multi_release_site, open_page):
    title, kind = STATUS[status]
    release = RELEASES[status]
    visit = open_page(
        f"/{lang}/{release}/", site=multi_release_site.name, java_script_enabled=False, reuse=True, **PHONE
    )
    try:
        box = visit.page.evaluate(_BOX)
        robots = visit.page.locator("meta[name=robots]").evaluate_all("m => m.map(e => e.content)")
        page_title = visit.page.title()
    finally:
        visit.close()
    assert box, f"/{lang}/{release}/ has no status box"
    assert box["title"] == say(lang, title), box["title"]
    assert kind in box["classes"].split() and box["afterH1"]
    assert box["icon"] != "none" and box["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
    assert box["bottom"] <= PHONE["viewport"]["height"], "the status box is below a phone's first screen"
    effective = i18n.format_date(datetime.date.fromisoformat(release), lang)
    current = i18n.format_date(datetime.date(2026, 3, 1), lang)
    if status == "archived":
        wanted = [
            say(
                lang,
                "This version was in force from %(start)s until it was replaced on %(end)s.",
                start=effective,
                end=current,
            ),
            say(lang, "version %(id)s, in force from %(date)s", id="2026-03-01", date=current),
            say(lang, "Compare with the version in force"),
        ]
    elif status == "upcoming":
        wanted = [
            say(lang, "This version applies from %(date)s.", date=effective),
            say(lang, "version %(id)s, in force from %(date)s", id="2026-03-01", date=current),
            say(lang, "Changes in this version"),
        ]
    else:
        wanted = [say(lang, "In force from %(date)s.", date=effective), say(lang, "Changes in this version")]
    missing = [sentence for sentence in wanted if sentence not in box["text"]]
    assert not missing, f"status box of /{lang}/{release}/: {box['text']!r} lacks {missing}"
    assert ("noindex" in robots) == (status == "archived"), robots
    # the tab names the version: an archived one by its date, as its heading does ("archived version of ...")
    assert release in page_title if status != "archived" else effective in page_title, page_title


def test_diff_marks_pass_colour_contrast(lang, multi_release_site, open_page, axe_source):
    """axe-core checks the colour contrast of the added and removed text, and finds none too faint."""
    visit = open_page(f"/{lang}/2026-03-01/diff/", site=multi_release_site.name, reuse=True)
    try:
        visit.page.add_script_tag(path=str(axe_source))
        result = visit.page.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
        marks = visit.page.locator(".seloste-diff ins, .seloste-diff del").count()
    finally:
        visit.close()
    assert not result["violations"], result["violations"]
    checked = [node["html"] for rule in result["passes"] for node in rule["nodes"]]
    assert marks >= 4
    for tag in ("<ins", "<del"):
        assert any(html.startswith(tag) for html in checked), f"axe did not check any {tag}> mark"


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: pathlib.Path, *options: str) -> str:
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.fail("pdftotext is missing: install Debian's poppler-utils (.ci/run does)", pytrace=False)
    done = subprocess.run(
        [pdftotext, "-enc", "UTF-8", *options, str(pdf), "-"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _print(open_page, site: str, path: str, name: str, paper: str = "A4"):
    out = ARTIFACTS / "print" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    visit = open_page(path, site=site, reuse=True)
    try:
        visit.page.pdf(path=str(out), format=paper)
    finally:
        visit.close()
    sheets = pdf_text(out).count("\f")
    return out, [pdf_text(out, "-f", str(n), "-l", str(n)) for n in range(1, sheets + 1)]


@pytest.mark.parametrize("site_name", ["multi", "entrack"])
def test_every_printed_sheet_names_the_release(site_name, lang, request, open_page, report_figure):
    site = request.getfixturevalue("multi_release_site" if site_name == "multi" else "site")
    versions = site.versions()
    release = next(
        r for r in versions["releases"] if r["status"] == ("archived" if site_name == "multi" else "current")
    )
    path = urllib.parse.urlsplit(urllib.parse.urljoin("/versions.json", release["urls"][lang])).path
    out, sheets = _print(open_page, site_name, path, f"{site_name}-{release['id']}-{lang}.pdf")
    assert len(sheets) >= 2, f"{path} printed on {len(sheets)} sheet(s): the test needs two or more"
    header = squeeze(
        say(
            lang,
            "%(controller)s · %(title)s, version %(id)s · effective date %(date)s",
            controller=_controller(site, release),
            title=say(lang, "Privacy notice"),
            id=release["id"],
            date=i18n.format_date(datetime.date.fromisoformat(release["effective"]), lang),
        )
    )
    problems = _sheet_problems(sheets, header, path, lang)
    report_figure(f"print {site_name} {path}: {len(sheets)} sheet(s), each with header and page number")
    assert not problems, f"{out}: " + "; ".join(problems) + f"\n--- sheet 1 ---\n{sheets[0][:800]}"
    whole = squeeze(" ".join(sheets))
    assert not re.search(r"(https://\S+) \(\1\)", whole), "a link printed its address twice"


def _sheet_problems(sheets: list[str], header: str, path: str, lang: str) -> list[str]:
    """What a printed sheet lacks of its record: the running header, "page N / M", the permanent address."""
    problems = []
    for number, text in enumerate(sheets, start=1):
        flat = squeeze(text)
        if header not in flat:
            problems.append(f"sheet {number}: no header {header!r}")
        if f"{say(lang, 'Page')} {number} / {len(sheets)}" not in flat:
            problems.append(f"sheet {number}: no '{say(lang, 'Page')} {number} / {len(sheets)}'")
        if path not in re.sub(r"\s+", "", text):
            problems.append(f"sheet {number}: no permanent address {path}")
    return problems


# The version history and each kind of comparison on the three-release site: the page, the title its header
# names, and the versions compared (none for the history, which names its first and last version and its date).
PRINTED_PAGES = {
    "changelog": ("changelog/", ("Version history", {}), None),
    "diff": ("2026-03-01/diff/", ("Changes in version %(id)s", {"id": "2026-03-01"}), ("2026-01-01", "2026-03-01")),
    "compare": (
        "2026-01-01/diff/current/",
        ("Version %(id)s compared with the version in force", {"id": "2026-01-01"}),
        ("2026-01-01", "2026-03-01"),
    ),
}


@pytest.mark.parametrize("kind", sorted(PRINTED_PAGES))
def test_every_printed_sheet_of_the_history_and_of_a_comparison_names_it(
    kind, lang, multi_release_site, open_page, report_figure
):
    """Controller, the page's title, the versions compared (the history: the versions it lists, as of its
    date), the permanent address and "page N / M" on every sheet; A5, so that every page prints on several."""
    where, (title, values), compared = PRINTED_PAGES[kind]
    path = f"/{lang}/{where}"
    out, sheets = _print(open_page, multi_release_site.name, path, f"multi-{kind}-{lang}.pdf", paper="A5")
    assert len(sheets) >= 2, f"{path} printed on {len(sheets)} sheet(s): the test needs two or more"
    common = {"controller": "Esimerkki Oy", "title": say(lang, title, **values)}
    if compared:
        message = "%(controller)s · %(title)s · from version %(old)s to version %(new)s"
        header = say(lang, message, old=compared[0], new=compared[1], **common)
    else:
        message = "%(controller)s · %(title)s · versions %(first)s to %(last)s · as of %(date)s"
        built = i18n.format_date(datetime.date(2026, 6, 15), lang)
        header = say(lang, message, first="2026-01-01", last="2026-09-01", date=built, **common)
    problems = _sheet_problems(sheets, squeeze(header), path, lang)
    report_figure(f"print multi {path}: {len(sheets)} A5 sheet(s), each with header, address and page number")
    assert not problems, f"{out}: " + "; ".join(problems) + f"\n--- sheet 1 ---\n{sheets[0][:800]}"
    assert not any(say(lang, "Show the version in force on that day") in sheet for sheet in sheets), "the form printed"


def _controller(site, release) -> str:
    """The controller's name as released (the site's own copy of the structured notice)."""
    notice = json.loads(site.file_for(release["notice"]).read_text(encoding="utf-8"))
    return notice["controller"]["name"]


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_language_menu_names_the_current_language(lang, javascript, open_page):
    visit = open_page(f"/{lang}/", java_script_enabled=javascript, reuse=True, **PHONE)
    try:
        page = visit.page
        label = page.locator(".md-header .seloste-language__name")
        assert label.is_visible() and label.inner_text().strip() == i18n.language_name(lang, lang)
        current = page.locator(".md-select__link[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("hreflang") == lang
        name = page.locator(".md-header .seloste-language").evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()")
        assert name == f"{say(lang, 'Language')}: {i18n.language_name(lang, lang)}"
    finally:
        visit.close()


def test_404_page_speaks_its_language(lang, site, open_page):
    visit = open_page(f"/{lang}/404.html", reuse=True)
    try:
        assert visit.page.locator("article h1").inner_text().strip() == say(lang, "Page not found")
        assert "Not found" not in visit.page.locator("article").inner_text() or lang == "en"
    finally:
        visit.close()


def test_search_clear_button_in_the_page_language(lang, site):
    html = (site.root / lang / "index.html").read_text(encoding="utf-8")
    assert f'aria-label="{say(lang, "Clear")}"' in html and "Tyhjää" not in html


def test_phone_table_of_contents_is_one_tap_away_and_back_to_top_works(lang, open_page):
    visit = open_page(f"/{lang}/", java_script_enabled=False, **PHONE)
    try:
        page = visit.page
        summary = page.locator("article details.seloste-toc > summary")
        assert summary.is_visible() and summary.bounding_box()["y"] < PHONE["viewport"]["height"]
        assert summary.inner_text().strip() == say(lang, "Contents")
        summary.tap()
        link = page.locator("article details.seloste-toc a").nth(2)
        assert link.is_visible()
        target = urllib.parse.unquote(link.get_attribute("href")).lstrip("#")
        link.tap()
        page.wait_for_timeout(300)
        assert page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target) < 100
        top = page.locator("article .seloste-top a")
        assert top.inner_text().strip().endswith(say(lang, "Back to top"))
        top.tap()
        page.wait_for_timeout(300)
        assert page.evaluate("scrollY") == 0
    finally:
        visit.close()


def test_phone_table_of_contents_hides_where_the_sidebar_shows(open_page):
    visit = open_page("/fi/", viewport={"width": 1300, "height": 800}, reuse=True)
    try:
        assert not visit.page.locator("article details.seloste-toc").is_visible()
    finally:
        visit.close()


def _page_types(site) -> dict[str, str]:
    """One path per page type of the three-release site, named as the screenshots are."""
    return {
        "chooser": "/index.html",
        "current": "/fi/",
        "archived": "/fi/2026-01-01/",
        "upcoming": "/sv/2026-09-01/",
        "diff": "/en/2026-03-01/diff/",
        "diff-removed-table": "/fi/2026-09-01/diff/",
        "compare-with-current": "/fi/2026-01-01/diff/current/",
        "announcement": "/sv/2026-09-01/announcement/",
        "compare-any": "/sv/compare/?from=2026-01-01&to=2026-09-01",
        "changelog": "/en/changelog/",
        "404": "/sv/404.html",
        "site-404": "/404.html",
    }


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_every_page_type(width, multi_release_site, open_page, report_figure):
    options = dict(PHONE, device_scale_factor=2) if width == 390 else {"viewport": {"width": 1280, "height": 900}}
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    sideways = []
    for name, path in _page_types(multi_release_site).items():
        # the chooser as a reader sees it who prefers none of the notice's languages
        extra = {"locale": "de-DE"} if name == "chooser" else {}
        visit = open_page(path, site=multi_release_site.name, reuse=True, **extra, **options)
        try:
            if name == "compare-any":  # the comparison its script draws
                visit.page.wait_for_selector("#seloste-compare-result h2")
            out = folder / f"multi-{name}-{width}.png"
            visit.page.screenshot(path=str(out), full_page=True)
            overflow = visit.page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
        finally:
            visit.close()
        assert out.stat().st_size > 5_000, f"{out} is suspiciously small"
        if overflow > 0:
            sideways.append(f"{path} by {overflow}px")
    report_figure(
        f"screenshots of {len(_page_types(multi_release_site))} page types at {width} px in {folder.relative_to(REPO)}"
    )
    assert not sideways, f"at {width} px these pages scroll sideways: {sideways}"
