"""The current notice as a reader gets it: printed, weighed, and pictured.

- print: Chromium prints the current notice of each language to PDF; the
  text (pdftotext, Debian's poppler-utils) holds the facts a printed notice
  must carry and none of the site's chrome. An archived release of the
  three-release fixture's site, printed the same way, states when it was in
  force and its permanent address, in the catalog's own words.
- weight: everything the current notice page loads, gzip-compressed (level 9,
  computed here whatever the server does), stays within WEIGHT_BUDGET, in at
  most REQUEST_BUDGET requests (search loads on first use: test_reading.py).
- screenshots: desktop and mobile full-page pictures of the current notice in
  test-artifacts/screenshots/, and no sideways scrolling on a phone.
"""

from __future__ import annotations

import datetime
import gzip
import json
import pathlib
import re
import shutil
import subprocess
import time
import urllib.parse

import material
import pytest
from ruamel.yaml import YAML

from generator.words import i18n
from support import PROJECT

pytestmark = pytest.mark.browser

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
# The whole current notice page: the HTML and two stylesheets, 31-32 kB in
# November 2026 (Material's main.css 22.7 kB of it), plus a small margin.
WEIGHT_BUDGET = 36_000  # bytes, gzip-compressed
REQUEST_BUDGET = 3  # the page, Material's stylesheet, Seloste's; any other is a regression
MATERIAL_LANGUAGES = pathlib.Path(material.__file__).parent / "templates/partials/languages"
# Material's interface strings that must not reach paper: the search box,
# the skip link, the table of contents and navigation titles.
CHROME_KEYS = (
    "action.skip",
    "search.placeholder",
    "search.result.initializer",
    "search.result.placeholder",
    "toc",
    "nav",
    "top",
)


def material_strings(lang: str) -> dict[str, str]:
    """Material's interface strings for a language, read from its template."""
    text = (MATERIAL_LANGUAGES / f"{lang}.html").read_text(encoding="utf-8")
    return dict(re.findall(r'^\s*"([a-z.]+)": "(.*)",?$', text, re.M))


def controller_name(site, release: dict) -> str:
    """The controller's name as released (the site's own copy of the notice)."""
    if release.get("notice"):
        notice = json.loads(site.file_for(release["notice"]).read_text(encoding="utf-8"))
        return notice["controller"]["name"]
    with open(REPO / "policy" / "notice.yaml", encoding="utf-8") as f:
        return YAML(typ="safe").load(f)["controller"]["name"]


def current_release(site) -> dict:
    versions = site.versions()
    assert versions, f"no versions.json in {site.root}: nothing tells the current release"
    current = [r for r in versions["releases"] if r["id"] == versions["current"]]
    assert current, f"versions.json: current {versions['current']!r} is not among its releases"
    return current[0]


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


def print_to_pdf(open_page, path: str, out: pathlib.Path, **open_options) -> str:
    """Print a page of a site to A4 PDF at `out`, and return the PDF's text."""
    visit = open_page(path, reuse=True, **open_options)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        visit.page.pdf(path=str(out), format="A4")
    finally:
        visit.close()
    return pdf_text(out)


def chrome_on_paper(text: str, lang: str) -> list[str]:
    """Material's interface labels found in a printed page's text, described."""
    strings = material_strings(lang)
    problems = []
    for key in CHROME_KEYS:
        label = strings[key]
        if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text):
            problems.append(f"site chrome on paper: {key} {label!r}")
    return problems


def test_printed_notice_carries_its_facts_and_no_chrome(lang, site, open_page, report_figure):
    release = current_release(site)
    out = ARTIFACTS / "print" / f"notice-{lang}.pdf"
    raw = print_to_pdf(open_page, f"/{lang}/", out)
    text = squeeze(raw)
    # pdftotext joins a word hyphenated at a line's end ("2026-11-" + "25/"); -layout keeps the hyphen
    no_space = re.sub(r"\s+", "", pdf_text(out, "-layout"))
    effective = datetime.date.fromisoformat(release["effective"])
    expected = {
        "company name": controller_name(site, release),
        "release id": release["id"],
        "effective date": i18n.format_date(effective, lang),
    }
    problems = [f"no {what} {value!r}" for what, value in expected.items() if value not in text]
    permanent = urllib.parse.urlsplit(urllib.parse.urljoin("/versions.json", release["urls"][lang])).path
    if permanent not in no_space:  # a long address may wrap across lines
        problems.append(f"no permanent address {permanent!r}")
    problems += chrome_on_paper(text, lang)
    pages = raw.count("\f")
    report_figure(f"print {lang}: {pages} A4 page(s), {len(text)} characters, {out.relative_to(REPO)}")
    if problems:
        pytest.fail(
            f"printed /{lang}/ ({out}): " + "; ".join(problems) + f"\n--- text begins ---\n{raw[:1500]}",
            pytrace=False,
        )


def archived_release(site) -> tuple[dict, dict]:
    """The first archived release in versions.json, and the release that replaced it."""
    versions = site.versions()
    assert versions, f"no versions.json in {site.root}"
    releases = sorted(versions["releases"], key=lambda r: r["effective"])
    archived = [r for r in releases if r.get("status") == "archived"]
    assert archived, f"versions.json of the {site.name} site lists no archived release"
    later = [r for r in releases if r["effective"] > archived[0]["effective"]]
    assert later, f"archived release {archived[0]['id']} has no successor in versions.json"
    return archived[0], later[0]


def test_printed_archived_release_states_its_period_and_address(lang, multi_release_site, open_page, report_figure):
    """On paper, an archived release says when it was in force and where it stays."""
    release, successor = archived_release(multi_release_site)
    permanent = urllib.parse.urlsplit(urllib.parse.urljoin("/versions.json", release["urls"][lang])).path
    out = ARTIFACTS / "print" / f"{multi_release_site.name}-archived-{release['id']}-{lang}.pdf"
    raw = print_to_pdf(open_page, permanent, out, site=multi_release_site.name)
    text = squeeze(raw)
    # pdftotext joins a word hyphenated at a line's end ("2026-11-" + "25/"); -layout keeps the hyphen
    no_space = re.sub(r"\s+", "", pdf_text(out, "-layout"))
    gettext = i18n.translations(PROJECT.locales, lang).gettext
    period = gettext("This version was in force from %(start)s until it was replaced on %(end)s.") % {
        "start": i18n.format_date(datetime.date.fromisoformat(release["effective"]), lang),
        "end": i18n.format_date(datetime.date.fromisoformat(successor["effective"]), lang),
    }
    address = gettext("Permanent address:")
    problems = []
    if squeeze(period) not in text:
        problems.append(f"no in-force period {period!r}")
    if address not in text:
        problems.append(f"no {address!r}")
    if permanent not in no_space:  # a long address may wrap across lines
        problems.append(f"no permanent address {permanent!r}")
    problems += chrome_on_paper(text, lang)
    report_figure(
        f"print {permanent} ({multi_release_site.name}, archived): "
        f"{raw.count(chr(12))} A4 page(s), {out.relative_to(REPO)}"
    )
    if problems:
        pytest.fail(
            f"printed {permanent} of the {multi_release_site.name} site ({out}): "
            + "; ".join(problems)
            + f"\n--- text begins ---\n{raw[:1500]}",
            pytrace=False,
        )


def test_current_notice_weighs_under_budget(lang, server, open_page, report_figure):
    started = time.monotonic()
    visit = open_page(f"/{lang}/")
    try:
        page = visit.page
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # anything asked for after load, e.g. by a worker
        seconds = time.monotonic() - started
        rows = []
        for response in visit.responses:
            url = urllib.parse.urlsplit(response.url)
            if url.netloc != server.netloc or response.status != 200:
                continue
            body = response.body()
            rows.append((url.path, len(body), len(gzip.compress(body, compresslevel=9, mtime=0))))
    finally:
        visit.close()
    total_raw = sum(r[1] for r in rows)
    total_gz = sum(r[2] for r in rows)
    detail = "\n".join(f"    {gz:>8,} gz {raw:>9,} raw  {path}" for path, raw, gz in sorted(rows, key=lambda r: -r[2]))
    report_figure(
        f"weight /{lang}/: {total_gz / 1000:.1f} kB gzip ({total_raw / 1000:.1f} kB raw) in "
        f"{len(rows)} responses, budget {WEIGHT_BUDGET / 1000:.0f} kB in {REQUEST_BUDGET}; loaded in {seconds:.2f} s"
    )
    assert rows, f"/{lang}/ loaded nothing from the test server"
    assert len(visit.responses) <= REQUEST_BUDGET, (
        f"/{lang}/ made {len(visit.responses)} requests, over {REQUEST_BUDGET}:\n"
        + "\n".join(f"    {r.status} {r.url}" for r in visit.responses)
    )
    assert total_gz <= WEIGHT_BUDGET, (
        f"/{lang}/ weighs {total_gz:,} bytes gzip-compressed, over {WEIGHT_BUDGET:,}:\n{detail}"
    )


@pytest.mark.parametrize("width, height, mobile", [(1280, 800, False), (390, 844, True)], ids=["desktop", "mobile"])
def test_screenshot_of_current_notice(lang, width, height, mobile, open_page, report_figure):
    out = ARTIFACTS / "screenshots" / f"notice-{lang}-{width}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    options = {"viewport": {"width": width, "height": height}}
    if mobile:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    visit = open_page(f"/{lang}/", **options)
    try:
        page = visit.page
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out), full_page=True)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    finally:
        visit.close()
    assert out.stat().st_size > 10_000, f"{out} is suspiciously small"
    report_figure(f"screenshot {out.relative_to(REPO)}")
    assert overflow <= 0, f"/{lang}/ scrolls sideways by {overflow}px at {width}px wide"
