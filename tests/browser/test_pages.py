"""Every page of both built sites, in real Chromium: one case per page type and language.

The cases (see conftest.page_cases) are, for Entrack's site and for the
three-release fixture's site, the language chooser, and in fi, sv and en the
current notice, the changelog, the compare page (with the comparison its
script shows), the first layer in force, the 404 page, and each release in
versions.json (archived, current, upcoming) with its diff page, and its first
layer and its notices at the form in one of the languages. Each page is
loaded once (module-scoped ``page_report``) and the tests below look at what
was measured. Case ids name the site: ``entrack-current-fi``,
``multi-archived-2026-01-01-sv``, ``multi-diff-2026-03-01-en``.
"""

from __future__ import annotations

import dataclasses
import json
import urllib.parse
from typing import Any

import pytest
from browser.conftest import nu_html_checker

from generator.notice.languages import SUPPORTED as LANGS

pytestmark = pytest.mark.browser

DEFAULT_LANG = "fi"  # the chooser's own language: the notice's first
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")  # as conftest runs

# Script run in the page: what the tests below need from the DOM.
_DOM_FACTS = """() => ({
  lang: document.documentElement.getAttribute('lang'),
  alternates: [...document.querySelectorAll('link[rel~="alternate"][hreflang]')]
    .map(l => [l.getAttribute('hreflang'), l.href]),
  languageLinks: [...document.querySelectorAll('a[hreflang]')]
    .map(a => [a.getAttribute('hreflang'), a.href]),
})"""

# Script run after each Tab: the focused element and how its focus shows.
_FOCUS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  return {tag: e.tagName.toLowerCase(), html: e.outerHTML.slice(0, 160),
          outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth,
          outlineColor: s.outlineColor, boxShadow: s.boxShadow};
}"""


@dataclasses.dataclass
class PageReport:
    """What one page load measured."""

    status: int | None
    final_path: str
    foreign: list[str]
    blocked_navigations: list[str]
    lang: str | None
    alternates: list[tuple[str, str]]
    language_links: list[tuple[str, str]]
    violations: list[dict[str, Any]]
    focus: dict[str, str] | None
    not_found: list[str]  # URLs the page asked for that answered 404


@pytest.fixture(scope="module")
def page_report(page_case, open_page, axe_source) -> PageReport:
    if page_case.problem:
        pytest.fail(page_case.problem, pytrace=False)
    # The chooser is examined as a reader sees it who prefers none of the
    # notice's languages (a preferred one sends the browser on, which
    # test_chooser_sends_browsers_to_the_language_they_prefer checks).
    chooser = {"stay": True, "locale": "de-DE"} if page_case.kind == "chooser" else {}
    visit = open_page(page_case.path, site=page_case.site, reuse=True, **chooser)
    try:
        page = visit.page
        facts = page.evaluate(_DOM_FACTS)
        violations = visit.run_axe(axe_source)
        focus = None
        for _ in range(40):  # Tab to the first link
            page.keyboard.press("Tab")
            focus = page.evaluate(_FOCUS)
            if focus and focus["tag"] == "a":
                break
        # Last, so that the half second without a request this waits for passes while axe runs: every
        # request the page makes after its load (its search worker's, a script's) is in the report.
        page.wait_for_load_state("networkidle")
        return PageReport(
            status=visit.response.status if visit.response else None,
            final_path=urllib.parse.urlsplit(page.url).path,
            foreign=list(visit.foreign),
            blocked_navigations=list(visit.blocked_navigations),
            lang=facts["lang"],
            alternates=[tuple(a) for a in facts["alternates"]],
            language_links=[tuple(a) for a in facts["languageLinks"]],
            violations=violations,
            focus=focus,
            not_found=[r.url for r in visit.responses if r.status == 404],
        )
    finally:
        visit.close()


def test_page_loads(page_case, page_report):
    assert page_report.status == 200, f"{page_case.path} answered {page_report.status}"
    assert page_report.final_path == page_case.path, "the page moved on to another address"


def test_no_request_ends_in_404(page_case, page_report):
    assert not page_report.not_found, f"{page_case.path} asked for what is not there: {page_report.not_found}"


def test_no_request_to_another_host(page_case, page_report):
    if page_report.foreign:
        pytest.fail(
            f"{page_case.path} asked hosts other than the site's own:\n  " + "\n  ".join(page_report.foreign),
            pytrace=False,
        )


def format_axe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl'].split('?')[0]})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            for summary_line in node.get("failureSummary", "").splitlines():
                lines.append(f"       {summary_line}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def test_axe_finds_no_violation(page_case, page_report):
    if page_report.violations:
        pytest.fail(
            f"axe-core ({', '.join(AXE_TAGS)}) on {page_case.path}:\n" + format_axe(page_report.violations),
            pytrace=False,
        )


def test_the_nu_html_checker_as_run_here_reports_an_error(tmp_path) -> None:
    """The checker's run (its JVM options included) finds what it is there to find, so its silence on the pages
    means something: an element where none may be, and one id twice."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
        '<body><ul><p id="a">x</p></ul><p id="a">y</p></body></html>',
        encoding="utf-8",
    )
    messages = [m["message"] for m in json.loads(nu_html_checker([page]))["messages"]]
    assert any("not allowed as child of element" in m for m in messages), messages
    assert any("Duplicate ID" in m for m in messages), messages


def test_nu_html_checker_finds_no_error(page_case, page_site, vnu_errors):
    if page_case.problem:
        pytest.fail(page_case.problem, pytrace=False)
    file = page_site.file_for(page_case.path)
    assert file.is_file(), f"{page_case.path}: no {file}"
    relative = str(file.relative_to(page_site.root))
    errors = vnu_errors[(page_site.name, relative)]
    if errors:
        pytest.fail(
            f"Nu Html Checker on {page_site.name} {relative}:\n"
            + "\n".join(
                f"  line {e.get('lastLine', '?')}:{e.get('firstColumn', e.get('lastColumn', '?'))}:"
                f" {e['message']}\n      {e.get('extract', '').strip()[:160]!r}"
                for e in errors
            ),
            pytrace=False,
        )


def test_html_lang_is_the_page_language(page_case, page_report):
    assert page_report.lang == (page_case.lang or DEFAULT_LANG)


def _path(url: str) -> str:
    """The path from the site's root of an address versions.json gives (relative to itself)."""
    return urllib.parse.urlsplit(urllib.parse.urljoin("/versions.json", url)).path


def test_hreflang_alternates_lead_to_the_same_page(page_case, page_report, page_server):
    """Each other language's version is linked, and is the same kind of page."""
    if page_case.lang is None:  # the chooser and the site-wide 404 link every language
        links = page_report.alternates + page_report.language_links
        expected = {lang: f"/{lang}/" for lang in LANGS}
    else:
        links = page_report.alternates
        expected = {lang: page_case.in_lang(lang) for lang in LANGS if lang != page_case.lang}
    problems = []
    for lang, path in expected.items():
        found = {_path(url) for hreflang, url in links if hreflang == lang}
        if not found:
            problems.append(f"no hreflang={lang} link (expected {path})")
            continue
        for url_path in found:
            if url_path != path:
                problems.append(f"hreflang={lang} leads to {url_path}, not the same page {path}")
            elif (status := page_server.status(url_path)) != 200:
                problems.append(f"hreflang={lang} {url_path} answers HTTP {status}")
    if problems:
        pytest.fail(f"{page_case.path}: " + "; ".join(problems), pytrace=False)


def test_keyboard_focus_is_visible(page_case, page_report):
    focus = page_report.focus
    if not focus or focus["tag"] != "a":
        pytest.fail(f"Tab reached no link on {page_case.path}: {focus}", pytrace=False)
    outlined = focus["outlineStyle"] != "none" and focus["outlineWidth"] not in ("0px", "")
    shadowed = focus["boxShadow"] not in ("none", "")
    if not (outlined or shadowed):
        pytest.fail(f"{page_case.path}: the focused link shows no focus: {focus}", pytrace=False)


def test_chooser_stays_for_a_reader_without_javascript(each_site, open_page):
    visit = open_page("/index.html", site=each_site.name, stay=True, java_script_enabled=False)
    try:
        visit.page.wait_for_timeout(1500)  # a meta refresh would have fired by now
        assert not visit.blocked_navigations, f"the chooser moved on to {visit.blocked_navigations}"
        shown = visit.page.locator("main a[hreflang]").evaluate_all(
            "links => links.map(a => a.getAttribute('hreflang'))"
        )
        assert shown == list(LANGS)
    finally:
        visit.close()


@pytest.mark.parametrize("locale, expected", [("sv-FI", "/sv/"), ("en-GB", "/en/"), ("fi", "/fi/"), ("de-DE", None)])
def test_chooser_sends_browsers_to_the_language_they_prefer(each_site, open_page, locale, expected):
    """Among the notice's languages; a reader who prefers none of them chooses."""
    visit = open_page("/index.html", site=each_site.name, stay=True, locale=locale, wait_until="commit")
    try:
        for _ in range(20):
            if visit.blocked_navigations:
                break
            visit.page.wait_for_timeout(100)
        assert visit.blocked_navigations[:1] == ([expected] if expected else []), (
            f"with {locale} the chooser went to {visit.blocked_navigations or 'nowhere'}, not {expected}"
        )
    finally:
        visit.close()


def test_versions_json_is_consistent(each_site, servers, report_figure):
    """Every release versions.json promises is there in every language."""
    site, server = each_site, servers(each_site.name)
    versions = site.versions()
    if versions is None:
        assert site.name != "multi", "the three-release site has no versions.json"
        report_figure(f"{site.name} versions.json: absent, so no release or diff pages were tested")
        return
    notices = versions.get("notices", [versions])  # a company's notices, or the site's one
    assert notices and (site.name != "company" or len(notices) == 3)
    problems, ids = [], []
    for notice in notices:
        ids += [r["id"] for r in notice["releases"]]
        assert notice["current"] in [r["id"] for r in notice["releases"]], notice["current"]
        for release in notice["releases"]:
            for lang in LANGS:
                url = release.get("urls", {}).get(lang)
                if not url:
                    problems.append(f"{release['id']}: no {lang} URL")
                elif (status := server.status(_path(url))) != 200:
                    problems.append(f"{release['id']}: {url} answers HTTP {status}")
    assert not problems, "; ".join(problems)
    report_figure(f"{site.name} versions.json: {len(notices)} notice(s), {len(ids)} release(s)")


def test_the_multi_site_covers_every_page_type(multi_release_site, site_page_cases, report_figure):
    """The three-release site gives every page type in every language a case.

    Entrack's single release has no archived or upcoming release, no
    diff page and no announcement; the fixture built as of 2026-06-15 must
    have them all (its second and third releases are material changes, the
    third announced that day: the notice in force shows its box), or the
    cases above would quietly stop covering them.
    """
    cases = site_page_cases(multi_release_site)
    found = {(c.label, c.lang) for c in cases}
    wanted = {("chooser", None)} | {
        (kind, lang)
        for kind in (
            "current",
            "changelog",
            "404",
            "archived",
            "upcoming",
            "diff",
            "compare",
            "compare-any",
            "announcement",
            "in-brief",
            "forms",
        )
        for lang in LANGS
    }
    missing = sorted(wanted - found, key=str)
    assert not missing, f"the three-release site has no page of these types: {missing}"
    report_figure(f"page cases of the three-release site: {len(cases)} ({', '.join(sorted({c.label for c in cases}))})")


def test_the_company_site_covers_every_notice_s_page_types(site_page_cases, pytestconfig, report_figure):
    """A company's site: its front page, and each notice's pages under its folder, in every language."""
    from browser.conftest import COMPANY, ready_site

    cases = site_page_cases(ready_site(pytestconfig, COMPANY))
    found = {(c.label, c.lang, c.path.split("/")[2] if c.lang else "") for c in cases}
    wanted = {("front", lang, "") for lang in LANGS} | {
        (kind, lang, notice)
        for notice in ("customers", "employees", "recruitment")
        for kind in ("current", "changelog", "compare-any", "in-brief")
        for lang in LANGS
    }
    wanted |= {(kind, lang, "customers") for kind in ("upcoming", "diff", "announcement") for lang in LANGS}
    missing = sorted(wanted - found, key=str)
    assert not missing, f"the company site has no page of these types: {missing}"
    report_figure(f"page cases of the company site: {len(cases)}")


def test_a_kept_tab_asks_for_everything_again_and_records_only_its_own_visit(site, open_page):
    """The pages above are loaded in a kept tab (open_page's ``reuse``): each visit must still see every request
    its page makes, none answered from a cache, and none of the visit before; a request to another host is
    recorded and not sent."""

    def asked(visit) -> list[str]:
        visit.page.wait_for_load_state("networkidle")
        return sorted(urllib.parse.urlsplit(r.url).path for r in visit.responses)

    first = open_page("/fi/", reuse=True)
    paths = asked(first)
    assert any(path.endswith(".css") for path in paths), paths
    again = open_page("/fi/", reuse=True)
    assert again.page is first.page and asked(again) == paths
    missing = open_page("/fi/no-such-page/", reuse=True)
    assert missing.response.status == 404 and asked(missing) == ["/fi/no-such-page/"]
    missing.page.evaluate("() => fetch('http://other.invalid/tracker.gif').catch(() => null)")
    assert missing.foreign == ["http://other.invalid/tracker.gif"] and not again.foreign
