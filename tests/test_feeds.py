"""The Atom feeds: well-formed, complete per RFC 4287, with permanent tag: ids (RFC 4151),
and advertised in the head of every page.

Parsed with the standard library's XML parser, which refuses a document that is not
well-formed; each element RFC 4287 requires is looked for by name and counted.
"""

from __future__ import annotations

import html.parser
import re
import shutil
import urllib.parse
from pathlib import Path
from xml.etree import ElementTree as ET

from support import LANGS, MULTI_VERSIONS, make_project, run

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4151: tag:<DNS name or e-mail address>,<YYYY[-MM[-DD]]>:<specific>, here in plain ASCII.
TAG = re.compile(
    r"tag:(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"|[\w.+-]+@[a-z0-9.-]+),\d{4}(?:-\d\d(?:-\d\d)?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]+"
)
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
HOSTILE = 'Åbo "Data" & <b>Söner</b> Ab'


def _one(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{parent.tag} has {len(found)} atom:{name}"
    return found[0]


def _links(parent: ET.Element, rel: str) -> list[ET.Element]:
    return [link for link in parent.findall(f"{ATOM}link") if link.get("rel", "alternate") == rel]


def check_feed(site: Path, lang: str, site_url: str = "") -> tuple[ET.Element, list[str]]:
    """The feed of `lang`, checked element by element against RFC 4287; and all its ids.
    Its links lead to files of `site`, served at `site_url` (or anywhere, when links are relative)."""
    path = site / lang / "feed.xml"
    root = site_url or "https://anywhere.invalid/sub"

    def local(href: str) -> Path:
        url = urllib.parse.urljoin(f"{root}/{lang}/feed.xml", href)
        assert url.startswith(root + "/"), url
        return site / url[len(root) + 1 :]

    feed = ET.parse(path).getroot()  # raises unless well-formed
    assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    ids = [_one(feed, "id").text]
    assert _one(feed, "title").text.strip()
    updated = _one(feed, "updated").text
    assert RFC3339.fullmatch(updated)
    author = _one(feed, "author")
    assert _one(author, "name").text.strip()
    (self_link,) = _links(feed, "self")
    assert self_link.get("type") == "application/atom+xml"
    assert local(self_link.get("href")) == path
    (alternate,) = _links(feed, "alternate")
    assert alternate.get("type") == "text/html"
    assert (local(alternate.get("href")) / "index.html").is_file()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        ids.append(_one(entry, "id").text)
        assert _one(entry, "title").text.strip()
        assert RFC3339.fullmatch(_one(entry, "updated").text)
        assert _one(entry, "updated").text <= updated
        assert _one(entry, "summary").text.strip()
        (link,) = _links(entry, "alternate")
        assert link.get("type") == "text/html" and (local(link.get("href")) / "index.html").is_file()
    for atom_id in ids:
        assert TAG.fullmatch(atom_id), atom_id
    return feed, ids


def test_every_feed_is_complete_and_its_ids_are_permanent_tags(multi_site: Path) -> None:
    all_ids = []
    for lang in LANGS:
        feed, ids = check_feed(multi_site, lang)
        assert [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")] == [
            "2026-09-01/",
            "2026-03-01/",
            "2026-01-01/",
        ]
        assert ids[1:] == [f"{ids[0]}/{release}" for release in ("2026-09-01", "2026-03-01", "2026-01-01")]
        all_ids += ids
    assert len(set(all_ids)) == len(all_ids)


class _Head(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.feeds: list[dict[str, str | None]] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_head = self.in_head or tag == "head"
        found = dict(attrs)
        if tag == "link" and self.in_head and found.get("type") == "application/atom+xml":
            assert found.get("rel") == "alternate"
            self.feeds.append(found)

    def handle_endtag(self, tag: str) -> None:
        self.in_head = self.in_head and tag != "head"


def test_every_page_advertises_its_feed(multi_site: Path) -> None:
    # the notices at the form beside each forms page (forms/purpose-<id>.html) are fragments to paste, not pages
    pages = sorted(f for f in multi_site.rglob("*.html") if f.parent.name != "forms" or f.name == "index.html")
    assert len(pages) > 20
    for file in pages:
        head = _Head()
        head.feed(file.read_text(encoding="utf-8"))
        assert head.feeds, f"{file.relative_to(multi_site)} names no feed"
        for link in head.feeds:
            assert link["title"]
            base = "/" + file.relative_to(multi_site).as_posix()
            if file.name == "404.html":
                base = "/no/such/page/"  # served at any missing address: its links start at the root
            target = urllib.parse.urljoin(base, link["href"]).lstrip("/")
            ET.parse(multi_site / target)
    fi = _Head()
    fi.feed((multi_site / "fi" / "2026-01-01" / "index.html").read_text(encoding="utf-8"))
    assert [link["href"] for link in fi.feeds] == ["../feed.xml"]


def test_a_controller_name_with_spaces_and_markup_gives_valid_ids_and_text(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    shutil.copy(MULTI_VERSIONS[0], root / "policy" / "notice.yaml")
    notice = root / "policy" / "notice.yaml"
    text = notice.read_text(encoding="utf-8")
    # No website or e-mail address to take the tag's authority from: the name is all there is.
    text = text.replace("  email: tietosuoja@esimerkki.fi\n  website: https://esimerkki.fi\n", "")
    notice.write_text(text.replace("  name: Esimerkki Oy\n", f"  name: '{HOSTILE}'\n", 1), encoding="utf-8")
    assert run(root, "release").returncode == 0
    built = run(root, "build")
    assert built.returncode == 0, built.stderr
    for lang in LANGS:
        feed, ids = check_feed(root / "site", lang)
        assert ids[0] == f"tag:abo-data-b-soner-b-ab,2026-01-01:seloste/{lang}"
        assert HOSTILE in feed.find(f"{ATOM}title").text
        assert feed.find(f"{ATOM}author/{ATOM}name").text == HOSTILE


def test_feed_ids_do_not_depend_on_the_site_address(multi_site: Path, tmp_path: Path) -> None:
    """Setting the address later (SELOSTE_SITE_URL) changes links, never ids: readers see no new entries."""
    shutil.copytree(multi_site.parent, tmp_path, dirs_exist_ok=True, ignore=shutil.ignore_patterns("site"))
    built = run(tmp_path, "build", env={"SELOSTE_SITE_URL": "https://owner.github.io/notice"})
    assert built.returncode == 0, built.stderr
    for lang in LANGS:
        addressed, ids = check_feed(tmp_path / "site", lang, "https://owner.github.io/notice")
        assert ids == check_feed(multi_site, lang)[1]
        assert _links(addressed, "self")[0].get("href") == f"https://owner.github.io/notice/{lang}/feed.xml"
