"""The compare page in Chromium: any two releases, compared in the reader's browser as compare.py compares them.

/<lang>/compare/ fetches the two frozen texts the site serves (/releases/<id>/<lang>.md) and compares them
with site_overrides/assets/compare.js, compare.py said again in JavaScript. Here, on the three-release
fixture's site (archived 2026-01-01, in force 2026-03-01, upcoming 2026-09-01):

- every ordered pair, in every language, chosen in the form, reads as compare.py's result drawn by
  diff.html.j2, element for element and word for word, and as the build-time diff page where one exists;
- the script's comparison equals compare.py's, as data, on many more texts: the releases of Entrack and of
  the fixture changed at random, and text made of what the format escapes (entities, escapes, links, bars);
  it reads every character as Python does (white space, word characters, capital letters);
- the address names the pair (?from=ID&to=ID): opened, it shows that pair; Back shows the one before;
  the diff pages' links open their own pair;
- a release text holding <script> and <img onerror> stays text: no element, no handler, no dialog;
- without JavaScript the page lists the diff pages built; opened from a file it says, in its language, why
  it cannot compare, and keeps those links;
- axe finds nothing in a comparison with a table; nothing asks another host.

tests/browser/test_pages.py opens the page in every language of both sites too (axe, the Nu Html Checker,
no other host, no 404).
"""

from __future__ import annotations

import dataclasses
import functools
import html
import http.server
import json
import random
import re
import threading
import unicodedata
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from generator.notice.changes import _EDGES as EDGES
from generator.record import compare
from generator.words.render import render_file, translate
from support import HOSTILE, PROJECT, REPO, build, make_project, once, release

pytestmark = pytest.mark.browser

MULTI = "multi"
IDS = ("2026-01-01", "2026-03-01", "2026-09-01")
BUILT = {  # (from, to): the build-time page that compares them
    ("2026-01-01", "2026-03-01"): "2026-03-01/diff/",
    ("2026-03-01", "2026-09-01"): "2026-09-01/diff/",
}
AGAINST_CURRENT = ("2026-01-01", "2026-03-01"), "2026-01-01/diff/current/"

SHAPE = """nodes => {
  const keep = n => n.nodeType === 1 || (n.nodeType === 3 && !/^\\n\\s*$/.test(n.data));
  const shape = n => n.nodeType === 3 ? n.data : [n.localName,
    ...[...n.attributes].filter(a => a.name !== "id").map(a => `${a.name}=${a.value}`).sort(),
    [...n.childNodes].filter(keep).map(shape)];
  return nodes.map(n => { const copy = n.cloneNode(true); copy.normalize(); return copy; }).filter(keep).map(shape);
}"""
"""Elements as data: name, attributes (ids aside: the diff pages' headings have them), and children, the
template's line breaks between elements left out; text exactly."""

RESULT = "[...document.getElementById('seloste-compare-result').childNodes]"
PARSED = "html => [...new DOMParser().parseFromString(html, 'text/html').body.childNodes]"


def say(lang: str, message: str, **values: str) -> str:
    return translate(message, lang, PROJECT.locales, **values)


def expected_html(old: str, new: str, lang: str) -> str:
    """compare.py's comparison as the diff pages draw it: each section's heading, then diff.html.j2."""
    parts = []
    for section in compare.compare(old, new):
        title = html.escape(compare.plain(section.heading))
        parts.append(f"<h{section.level}>{title}</h{section.level}>")
        if section.op != "same":
            parts.append(render_file("diff.html.j2", lang, PROJECT.locales, section=section))
    return "\n".join(parts) or f"<p>{html.escape(say(lang, 'The texts are the same.'))}</p>"


def text_of(site: Path, release: str, lang: str) -> str:
    return (site / "releases" / release / f"{lang}.md").read_text(encoding="utf-8")


def shown(page: Any) -> Any:
    """The comparison the page shows, as data, once the script has drawn it."""
    page.wait_for_selector("#seloste-compare-result:not([aria-busy])", state="attached")
    return page.evaluate_handle(RESULT).evaluate(SHAPE)


def choose(page: Any, old: str, new: str) -> None:
    page.select_option("#seloste-compare-from", old)
    page.select_option("#seloste-compare-to", new)
    page.click("#seloste-compare button[type=submit]")


def built_page(page: Any, lang: str) -> Any:
    """The comparison part of a diff page: what follows the sentence that explains the marks."""
    below = say(
        lang,
        "Below, each changed section of the notice under its own heading: added text is underlined on green, "
        "removed text struck through on red, and each is named.",
    )
    nodes = page.evaluate_handle(
        """below => { const all = [...document.querySelector("article").childNodes];
        const start = all.findIndex(n => n.nodeType === 1 && n.textContent === below);
        return all.slice(start + 1).filter(n => !(n.nodeType === 1 && n.matches(".seloste-top"))); }""",
        below,
    )
    return nodes.evaluate(SHAPE)


def test_every_pair_reads_as_compare_py_and_as_its_diff_page(lang, multi_release_site, open_page) -> None:
    site = multi_release_site.root
    visit = open_page(f"/{lang}/compare/", site=MULTI)
    try:
        page = visit.page
        for old in IDS:
            for new in IDS:
                choose(page, old, new)
                got = shown(page)
                expected = page.evaluate_handle(
                    PARSED, expected_html(text_of(site, old, lang), text_of(site, new, lang), lang)
                )
                assert got == expected.evaluate(SHAPE), f"{lang}: {old} -> {new}"
                status = page.text_content("#seloste-compare-status")
                assert f" {old} " in status and f" {new} " in status, status
        pairs = {**BUILT, AGAINST_CURRENT[0]: AGAINST_CURRENT[1]}
        for (old, new), path in pairs.items():
            choose(page, old, new)
            got = shown(page)
            diff = visit.page.context.new_page()
            diff.goto(f"{visit.page.url.split('/' + lang + '/')[0]}/{lang}/{path}")
            assert got == built_page(diff, lang), f"{lang}: {old} -> {new} differs from /{lang}/{path}"
            diff.close()
        assert visit.foreign == []
    finally:
        visit.close()


# -- The script's comparison as data, on many texts ---------------------------------------------------------

ATOMS = [
    *("&amp;", "&amp", "&lt;", "&gt;", "&#126;", "&#x80;", "&#0;", "&#13;", "&#xD800;", "&#999999999;", "&#x7f;"),
    *("&nbsp", "&apos;", "&quot", "&ampx;", "&unknown;", "&", "\\", "\\*", "**", "*", "[", "]", "(", ")", "<", ">"),
    *("[t](<https://a.fi>)", "[https://a.fi](<https://a.fi>)", "[m](<mailto:a@b.fi>)", "[a@b.fi](<mailto:a@b.fi>)"),
    *("|", "\\|", " ", "  ", "\t", "\u00a0", "\u2003", "\u200b", "\ufeff", "\x1f", "ı", "İ", "ß", "ẞ", "Σ", "ς"),
    *("λόγος", "Ꭰ", "ꭰ", "ﬁ", "a", "B", "word", "Word,", '"q"', "—", "-", ":", "/", "@", "1,5", "_", "#", "## "),
    *("# ", "- ", "---", "\n", "\n", "\n", "\r\n", "\r", "\u2028", "\x0c", "\x85", "{ #x }", "\U0001f600", "\u0301"),
    *("٣", "Ⅻ", "- **Lead:** text", "| a | b |", "|---|---|"),
]
"""What a released text is made of, and what the format escapes or a hand-made release might hold."""

INSERTED = ["uusi", "NEW", "ny", "**x**", "&amp;", "ı", "Straße", "λόγος", "|", "e-mail", "<script>", "\\*"]
LINES = ["- **Lead:** item text", "", "| a | b |", "A new paragraph.", "## New { #new-section }", "### Sub", "---"]


def changed(text: str, rng: random.Random) -> str:
    """`text` with a few random edits of the kinds releases make: words, capital letters, punctuation, lines
    added, removed or moved."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(lines))
        words = lines[i].split(" ")
        pick = rng.random()
        if pick < 0.2 and len(words) > 2:
            j = rng.randrange(len(words))
            words[j] = words[j].upper() if rng.random() < 0.5 else words[j] + ","
        elif pick < 0.4 and len(words) > 2:
            del words[rng.randrange(len(words))]
        elif pick < 0.55:
            words.insert(rng.randrange(len(words) + 1), rng.choice(INSERTED))
        elif pick < 0.65:
            lines.insert(i, rng.choice(LINES))
            continue
        elif pick < 0.75:
            del lines[i]
            continue
        elif pick < 0.85:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            continue
        else:
            lines[i] = lines[i].lower()
            continue
        lines[i] = " ".join(words)
    return "\n".join(lines)


def pairs_to_compare(site: Path) -> list[tuple[str, str]]:
    rng = random.Random(21)
    texts = [path.read_text(encoding="utf-8") for path in sorted((site / "releases").glob("*/*.md"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted((REPO / "policy" / "releases").glob("*/*.md"))]
    pairs = [(a, b) for a in texts for b in texts if rng.random() < 0.1]
    for _ in range(120):
        text = rng.choice(texts)
        pairs += [(text, changed(text, rng)), (changed(text, rng), text)]
    made = ["".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 60))) for _ in range(600)]
    return pairs + list(zip(made[::2], made[1::2], strict=True))


def test_the_script_compares_as_compare_py_on_many_texts(multi_release_site, open_page) -> None:
    pairs = pairs_to_compare(multi_release_site.root)
    visit = open_page("/en/compare/", site=MULTI)
    try:
        got = visit.page.evaluate("pairs => pairs.map(([a, b]) => selosteCompare.compare(a, b))", pairs)
        sections = visit.page.evaluate("texts => texts.map(selosteCompare.sections)", [b for _, b in pairs])
    finally:
        visit.close()
    differ = [
        index
        for index, (old, new) in enumerate(pairs)
        if got[index] != json.loads(json.dumps([dataclasses.asdict(s) for s in compare.compare(old, new)]))
    ]
    assert not differ, f"{len(differ)} of {len(pairs)} pairs differ, the first: {[t[:300] for t in pairs[differ[0]]]!r}"
    assert sections == [json.loads(json.dumps([dataclasses.asdict(s) for s in compare.sections(b)])) for _, b in pairs]
    assert len(pairs) > 500


CHARACTERS = """() => {
  const {fold, tokens, wording} = selosteCompare;
  const found = {folded: {}, word: [], space: [], edge: []};
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp), f = fold(c);
    if (f !== c) found.folded[cp] = f;
    if (tokens("a" + c).length === 1) found.word.push(cp);
    if (tokens(" " + c).length === 1) found.space.push(cp);
    if (wording("a" + c + "a").length === 1 && wording(c + "a")[0] === "a") found.edge.push(cp);
  }
  return found;
}"""


IN_CONTEXT = ["ΟΔΟΣ", "ΟΔΟΣ ΑΣ.", "οδός", "ΣΑ", "İstanbul", "ISTANBUL", "Straße", "STRAẞE", "ﬁne", "ǅ", "ꭰᏸ"]


def test_the_script_reads_every_character_as_python_does(multi_release_site, open_page) -> None:
    """Capital letters (str.casefold), word characters (\\w), white space (\\s) and what opens or closes a word,
    for every character Python's Unicode database assigns (Chromium's may know newer ones)."""
    visit = open_page("/en/compare/", site=MULTI)
    try:
        found = visit.page.evaluate(CHARACTERS)
        words = visit.page.evaluate("words => words.map(selosteCompare.fold)", IN_CONTEXT)
    finally:
        visit.close()
    assert words == [word.casefold() for word in IN_CONTEXT]  # a final sigma is one only at a word's end
    assigned = [cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF and unicodedata.category(chr(cp)) != "Cn"]
    folded = {int(cp): text for cp, text in found["folded"].items()}
    word, space, edge = set(found["word"]), set(found["space"]), set(found["edge"])
    wrong = {
        "casefold": [hex(cp) for cp in assigned if folded.get(cp, chr(cp)) != chr(cp).casefold()],
        "word": [hex(cp) for cp in assigned if (cp in word) != bool(re.fullmatch(r"\w", chr(cp)))],
        "space": [hex(cp) for cp in assigned if (cp in space) != chr(cp).isspace()],
        "edge": [hex(cp) for cp in assigned if (cp in edge) != (chr(cp) in EDGES)],
    }
    assert wrong == {"casefold": [], "word": [], "space": [], "edge": []}


# -- The address, the links, JavaScript off, a file -----------------------------------------------------------


def test_the_address_names_the_pair_and_back_shows_the_one_before(multi_release_site, open_page) -> None:
    visit = open_page("/sv/compare/?from=2026-09-01&to=2026-01-01", site=MULTI)
    try:
        page = visit.page
        first = shown(page)
        assert page.input_value("#seloste-compare-from") == "2026-09-01"
        assert page.input_value("#seloste-compare-to") == "2026-01-01"
        choose(page, "2026-01-01", "2026-09-01")
        second = shown(page)
        assert urllib.parse.urlsplit(page.url).query == "from=2026-01-01&to=2026-09-01"
        assert second != first
        page.reload()
        assert shown(page) == second and page.input_value("#seloste-compare-from") == "2026-01-01"
        page.go_back()
        page.wait_for_function("() => document.getElementById('seloste-compare-from').value === '2026-09-01'")
        assert shown(page) == first
        page.goto(page.url.split("?")[0] + "?from=nothing&to=<b>")  # not a version: the defaults
        assert page.input_value("#seloste-compare-from") == "2026-01-01"
        assert page.input_value("#seloste-compare-to") == "2026-03-01"
        assert visit.foreign == []
    finally:
        visit.close()


@pytest.mark.parametrize("path", ["2026-09-01/diff/", "2026-01-01/diff/current/", "changelog/"])
def test_the_diff_pages_and_the_history_open_the_compare_page_on_their_pair(path, open_page) -> None:
    visit = open_page(f"/fi/{path}", site=MULTI)
    try:
        page = visit.page
        page.click(f"article a:text-is('{say('fi', 'Compare any two versions')}')")
        page.wait_for_url("**/fi/compare/**")
        shown(page)
        pair = (page.input_value("#seloste-compare-from"), page.input_value("#seloste-compare-to"))
        wanted = {"2026-09-01/diff/": ("2026-03-01", "2026-09-01"), "changelog/": ("2026-01-01", "2026-03-01")}
        assert pair == wanted.get(path, ("2026-01-01", "2026-03-01"))
    finally:
        visit.close()


def test_without_javascript_the_page_lists_the_comparisons_built(lang, multi_release_site, open_page, servers) -> None:
    visit = open_page(f"/{lang}/compare/", site=MULTI, java_script_enabled=False)
    try:
        page = visit.page
        assert page.is_hidden("#seloste-compare")
        assert page.text_content("#seloste-compare-note") == say(
            lang,
            "Choosing the versions needs JavaScript. Without it, the comparisons made for each version are listed below.",
        )
        links = page.eval_on_selector_all("#prepared + ul a", "links => links.map(a => new URL(a.href).pathname)")
    finally:
        visit.close()
    assert [link for link in links if "/diff/" in link] == [
        f"/{lang}/2026-09-01/diff/",
        f"/{lang}/2026-03-01/diff/",
        f"/{lang}/2026-01-01/diff/current/",
    ]
    assert all(servers(MULTI).status(link) == 200 for link in links)


def test_opened_from_a_file_the_page_says_why_it_cannot_compare(lang, multi_release_site, browser) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((multi_release_site.root / lang / "compare" / "index.html").as_uri())
        page.wait_for_load_state("load")
        opened = (
            "This page was opened as a file, so the browser cannot read the versions to compare: open the site "
            "through a web server. The comparisons made for each version are listed below."
        )
        page.wait_for_function(
            "text => document.getElementById('seloste-compare-note').textContent === text", arg=say(lang, opened)
        )
        assert page.is_hidden("#seloste-compare")
        assert page.locator("#prepared + ul a").count() == 6
    finally:
        context.close()


def test_a_comparison_with_a_table_passes_axe(multi_release_site, open_page, axe_source) -> None:
    """2026-01-01 to 2026-09-01: a section and a table row removed, items added and changed, words marked."""
    visit = open_page("/en/compare/?from=2026-01-01&to=2026-09-01", site=MULTI)
    try:
        shown(visit.page)
        assert visit.page.locator("#seloste-compare-result .seloste-table ins, #seloste-compare-result del").count()
        violations = visit.run_axe(axe_source)
    finally:
        visit.close()
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


# -- A hostile release text ---------------------------------------------------------------------------------

ATTACK = "<script>alert(document.domain)</script> <img src=x onerror=alert(document.domain)>"


def _hostile_pair(root: Path) -> None:
    """tests/fixtures/hostile.yaml released, then a second release whose texts hold markup, built."""
    make_project(root)
    release(root, HOSTILE)
    second = root / "second.yaml"
    text = HOSTILE.read_text(encoding="utf-8")
    text = text.replace('effective: "2026-01-01"', 'effective: "2026-02-01"')
    text = text.replace(
        '{fi: Ensimmäinen versio., sv: Första versionen., en: "First', '{fi: Toinen., sv: Andra., en: "Second'
    )
    text = text.replace("en: We handle orders.}", f'en: "We handle orders. {ATTACK}"}}')
    text = text.replace('provider: "Esimerkki | Oy \\\\ <b>"', 'provider: "Esimerkki | Oy <svg onload=alert(1)>"')
    assert ATTACK in text and "<svg onload" in text and "Second" in text
    second.write_text(text, encoding="utf-8")
    release(root, second)
    build(root)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_release_text_holding_markup_stays_text(pytestconfig, browser) -> None:
    root, _ = once(pytestconfig, "hostile-pair", _hostile_pair)
    site = root / "site"
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    foreign: list[str] = []
    origin = f"127.0.0.1:{httpd.server_port}"
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urllib.parse.urlsplit(route.request.url).netloc == origin
            else (foreign.append(route.request.url), route.abort("blockedbyclient"))
        ),
    )
    try:
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(f"http://{origin}/en/compare/?from=2026-01-01&to=2026-02-01")
        shown(page)
        made = page.evaluate(
            """() => { const r = document.getElementById('seloste-compare-result');
            return {elements: [...new Set([...r.querySelectorAll('*')].map(e => e.localName))].sort(),
                    handlers: [...r.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))
                      .filter(name => name.startsWith('on')),
                    added: [...r.querySelectorAll('ins')].map(e => e.textContent), text: r.textContent}; }"""
        )
        assert dialogs == [] and foreign == []
        assert made["handlers"] == []
        assert set(made["elements"]) <= {"div", "p", "ul", "li", "strong", "span", "ins", "del", "h2", "h3"} | {
            "table",
            "thead",
            "tbody",
            "tr",
            "th",
            "td",
        }
        assert any(ATTACK in added for added in made["added"]), made["added"]
        assert "<svg onload=alert(1)" in made["added"][1]  # the cookie table's cell, its words changed
        assert "<svg onload=alert(1)> (first party)" in made["text"]
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
