"""Text from the YAML is data in every output of a real build: pages, <title>, header, navigation,
table cells, the Atom feed, versions.json and the search index.

One project with hostile values in the fields that reach each output is
released and built for real (MkDocs, Material, the site's own Markdown
extensions). Markup in the values must arrive as the text typed, escaped
once: no element, attribute or request that the templates do not make.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from generator.notice.read import read_notice_text
from generator.words.render import render_notice
from support import MULTI_VERSIONS, PROJECT, hostile_project, run

NAME = "Esimerkki Oy<img src=x onerror=alert(document.domain)>"
PIXEL = "![.](https://tracker.example/p.gif)"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_project(tmp_path_factory.mktemp("hostile"))
    result = run(root, "build", "--draft")
    assert result.returncode == 0, result.stderr
    return root / "site"


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes; the text of <title> and of the scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.title, self.scripts, self._in = "", "", ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in = tag

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.scripts += data


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) >= 12
    return found


def test_no_element_attribute_or_request_comes_from_the_text(site: Path) -> None:
    for page in pages(site):
        parsed = parse(page)
        assert "alert" not in parsed.scripts, page
        for tag, attrs in parsed.tags:
            assert tag not in ("img", "b", "iframe", "object", "embed"), (page, tag, attrs)
            assert tag != "script" or not attrs.get("src") or "//" not in attrs["src"], (page, attrs)
            assert not [name for name in attrs if name.startswith("on")], (page, tag, attrs)
            assert not [v for v in attrs.values() if v and "tracker.example" in v], (page, tag, attrs)


def test_the_controller_name_is_text_in_title_header_and_navigation(site: Path) -> None:
    for lang in ("fi", "sv", "en"):
        for page in (site / lang / "index.html", site / lang / "404.html", site / lang / "changelog" / "index.html"):
            parsed = parse(page)
            assert parsed.title.endswith(NAME), (page, parsed.title)
            labels = [attrs.get("aria-label") for tag, attrs in parsed.tags if "md-logo" in (attrs.get("class") or "")]
            assert labels and all(label == NAME for label in labels), (page, labels)
            html = page.read_text(encoding="utf-8")
            assert "&amp;lt;" not in html and "&amp;amp;lt;" not in html  # escaped once, not twice
    for page in (site / "index.html", site / "404.html"):
        assert parse(page).title.endswith(NAME)


def test_a_bar_in_a_cookie_adds_no_table_cell(site: Path) -> None:
    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = ""

        def handle_endtag(self, tag: str) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append(self.cell)
                self.cell = None

        def handle_data(self, data: str) -> None:
            if self.cell is not None:
                self.cell += data

    cells = Cells()
    cells.feed((site / "en" / "index.html").read_text(encoding="utf-8"))
    assert [len(row) for row in cells.rows] == [5, 5]
    assert cells.rows[1][:2] == ["sess|ion|x", "Esimerkki | Oy \\ <b> (first party)"]


def test_links_keep_no_attribute_list_and_images_stay_text(site: Path) -> None:
    parsed = parse(site / "en" / "changelog" / "index.html")
    links = {attrs.get("href"): attrs for tag, attrs in parsed.tags if tag == "a"}
    assert links["https://esimerkki.fi"] == {"href": "https://esimerkki.fi"}
    assert links["mailto:a@esimerkki.fi"] == {"href": "mailto:a@esimerkki.fi"}
    html = (site / "en" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert f"First {PIXEL} then" in html
    assert '<a href="https://esimerkki.fi">our site</a>{: onclick=alert } and' in html
    assert "\\{: onclick=alert \\} &amp;amp; &lt;script&gt;" in html


def test_feed_versions_and_search_index_carry_the_text(site: Path) -> None:
    for lang in ("fi", "sv", "en"):
        feed = ElementTree.parse(site / lang / "feed.xml").getroot()
        atom = "{http://www.w3.org/2005/Atom}"
        assert feed.find(f"{atom}author/{atom}name").text == NAME
        summary = feed.find(f"{atom}entry/{atom}summary").text
        assert lang != "en" or summary.startswith(f"First {PIXEL}")
        index = json.loads((site / lang / "search" / "search_index.json").read_text(encoding="utf-8"))
        titles = [doc["title"] for doc in index["docs"] if doc["location"] == ""]
        assert titles and titles[0].endswith("Esimerkki Oy&lt;img src=x onerror=alert(document.domain)&gt;")
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert versions["releases"][0]["summary"]["en"].startswith(f"First {PIXEL}")


def html_of(text: str) -> str:
    """A notice's English page body as the site's Markdown extensions make it."""
    body = render_notice(read_notice_text(text, "n.yaml", PROJECT.schema)[0], "en", PROJECT.locales)
    return markdown.markdown(body, extensions=["attr_list", "tables", "toc"])


@pytest.mark.parametrize(
    "value, shown",
    [
        ("[x](javascript:alert)", "[x](javascript:alert)"),
        ("[x](data:text/html,hi)", "[x](data:text/html,hi)"),
        ("![x](https://tracker.example/p.gif)", "![x](https://tracker.example/p.gif)"),
        ("[x](https://a.fi){: onclick=alert }", None),
        ("a \\[x](https://a.fi)\\{: onclick=alert }", None),
        ("\\*not emphasis\\* \\`not code\\`", "\\*not emphasis\\* \\`not code\\`"),
        ("[<b>bold</b> *em*](https://a.fi)", None),
    ],
)
def test_the_only_markup_is_an_https_or_mailto_link(value: str, shown: str | None) -> None:
    text = (
        MULTI_VERSIONS[0]
        .read_text(encoding="utf-8")
        .replace("en: We handle orders.}", "en: " + json.dumps(value) + "}")
    )
    html = html_of(text)
    tags = Elements()
    tags.feed(html)
    assert not [tag for tag, attrs in tags.tags if tag in ("img", "b", "em", "code", "script")], html
    assert not [attrs for tag, attrs in tags.tags if any(n.startswith("on") for n in attrs)], html
    assert not [attrs for tag, attrs in tags.tags if tag == "a" and not attrs["href"].startswith(("https:", "mailto:"))]
    if shown:
        assert f"<p>{shown}</p>" in html


def test_an_attribute_list_ending_a_heading_stays_text() -> None:
    """attr_list reads `{: ...}` at the end of a heading; a purpose's name is one."""
    text = (
        MULTI_VERSIONS[0]
        .read_text(encoding="utf-8")
        .replace("en: Handling orders}", 'en: "Orders {: onclick=alert }"}')
    )
    html = html_of(text)
    assert '<h3 id="purpose-orders">Orders {: onclick=alert }</h3>' in html
