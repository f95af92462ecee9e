"""A real MkDocs build of the site: pages, languages, cross-links, no third-party hosts."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

LANGS = ("fi", "sv", "en")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str, name: str) -> list[dict[str, str | None]]:
    parser = _Tags()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_build(entrack_site: Path, lang: str) -> None:
    html = text(entrack_site / lang / "index.html")
    assert tags(html, "html")[0]["lang"] == lang
    assert (entrack_site / lang / "search" / "search_index.json").exists()
    index = json.loads(text(entrack_site / lang / "search" / "search_index.json"))
    assert index["config"]["lang"] == [lang]


@pytest.mark.parametrize("lang", LANGS)
def test_hreflang_alternates_point_at_the_same_page(multi_site: Path, lang: str) -> None:
    for page in ("index.html", "2026-01-01/index.html", "changelog/index.html", "2026-03-01/diff/index.html"):
        html = text(multi_site / lang / page)
        links = {a["hreflang"]: a["href"] for a in tags(html, "link") if a.get("rel") == "alternate" and a.get("hreflang")}
        assert set(links) == set(LANGS), page
        for other, href in links.items():
            target = (multi_site / lang / page).parent / href / "index.html"
            assert target.resolve() == (multi_site / other / page).resolve(), (page, href)
        switcher = [a["href"] for a in tags(html, "a") if "md-select__link" in (a.get("class") or "")]
        assert sorted(switcher) == sorted(links.values()), page


FINNISH = ["Tietosuojaseloste", "Entrack Oy", "Rekisteröidyn oikeudet", "myynti@entrack.fi", "Google Analytics",
           "YTJ", "Patentti- ja rekisterihallitus", "käyttöoikeuksin ja salasanoin", "alihankkijoille"]
SWEDISH = ["Dataskyddsbeskrivning", "Entrack Oy", "personuppgiftsbiträde", "myynti@entrack.fi", "Google Analytics",
           "Patent- och registerstyrelsen", "lösenord"]
ENGLISH = ["Privacy notice", "Entrack Oy", "processor", "myynti@entrack.fi", "Google Analytics",
           "Finnish Patent and Registration Office", "passwords"]


@pytest.mark.parametrize("lang, phrases", [("fi", FINNISH), ("sv", SWEDISH), ("en", ENGLISH)])
def test_the_whole_notice_is_on_each_language_page(entrack_site: Path, lang: str, phrases: list[str]) -> None:
    html = text(entrack_site / lang / "index.html")
    missing = [p for p in phrases if p not in html]
    assert not missing


def test_no_page_references_a_third_party_host(entrack_site: Path, multi_site: Path) -> None:
    allowed = ("https://tietosuoja.fi", "https://esimerkki.fi", "mailto:")
    for site in (entrack_site, multi_site):
        for page in site.rglob("*.html"):
            html = text(page)
            for attrs in tags(html, "link") + tags(html, "script") + tags(html, "img") + tags(html, "iframe"):
                ref = attrs.get("href") or attrs.get("src") or ""
                assert not re.match(r"^(https?:)?//", ref), (page, ref)
            assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
            for attrs in tags(html, "a"):
                href = attrs.get("href") or ""
                if re.match(r"^(https?:)?//", href):
                    assert href.startswith(allowed), (page, href)


def test_root_chooser_works_without_javascript(entrack_site: Path) -> None:
    html = text(entrack_site / "index.html")
    refresh = [m for m in tags(html, "meta") if m.get("http-equiv") == "refresh"]
    assert refresh and refresh[0]["content"] == "0; url=fi/"
    hrefs = {a["href"] for a in tags(html, "a")}
    assert {"fi/", "sv/", "en/"} <= hrefs
    assert "<script" not in html


def test_revisions_stay_out_of_the_navigation(multi_site: Path) -> None:
    html = text(multi_site / "fi" / "index.html")
    nav_links = re.findall(r'class="md-nav__link[^"]*"[^>]*href="([^"]+)"|href="([^"]+)"[^>]*class="md-nav__link', html)
    assert not any("2026-01-01" in "".join(pair) for pair in nav_links)
