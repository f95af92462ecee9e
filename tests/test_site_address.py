"""The site works at any address: served under a sub-path (/notice/, as a GitHub Pages project
site is), with and without its address configured.

Each site is served over HTTP under /notice/ only (any other path is 404), and every page is
crawled as a browser would follow it: each href and src of every HTML page (with the scanner of
tests/browser/test_links.py), every link of the feeds and sitemaps, every address in
versions.json. A 404 page is also read as GitHub Pages serves it: at a missing address deep in
the site.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser.test_links import _Scan

from support import multi_release_project, run

PREFIX = "/notice/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class SubPathServer:
    """A static server of `site` at http://127.0.0.1:PORT/notice/ and nowhere else."""

    def __init__(self) -> None:
        self.site: Path | None = None
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def translate_path(self, path: str) -> str:
                path = urllib.parse.urlsplit(path).path
                if not (path + "/").startswith(PREFIX) or server.site is None:
                    return str(Path("/nonexistent") / "nothing")
                self.directory = str(server.site)
                return super().translate_path("/" + path[len(PREFIX) :])

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = self.origin + PREFIX
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@functools.cache
def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # a hang guard, not a speed limit
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def broken_links(server: SubPathServer, site: Path) -> tuple[int, list[str]]:
    """Every link of every HTML page of `site`, as served, that leads nowhere; and how many were followed."""
    problems, followed = [], 0
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        page = server.base + relative.removesuffix("index.html")
        where = [page]
        if file.name == "404.html":  # GitHub Pages serves it at any missing address below its folder
            where.append(urllib.parse.urljoin(page, "no/such/page/"))
        for address in where:
            scan = _Scan()
            scan.feed(file.read_text(encoding="utf-8"))
            for line, tag, attribute, value in scan.refs:
                followed += 1
                problem = _follow(server, urllib.parse.urljoin(address, value.strip()))
                if problem:
                    problems.append(f"{relative}:{line} (at {address}): <{tag} {attribute}={value!r}>: {problem}")
    return followed, problems


def _follow(server: SubPathServer, url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != urllib.parse.urlsplit(server.origin).netloc:
        return ""  # the notice's own links to other hosts; mailto:, tel:, data:
    if not parts.path.startswith(PREFIX):
        return f"leaves the site's path {PREFIX}"
    status, body = fetch(urllib.parse.urlunsplit(parts._replace(fragment="")))
    if status != 200:
        return f"HTTP {status}"
    if parts.fragment and body.startswith(b"<!doctype html"):
        scan = _Scan()
        scan.feed(body.decode("utf-8"))
        if urllib.parse.unquote(parts.fragment) not in scan.ids:
            return f"no id {parts.fragment!r}"
    return ""


def _resolves(url: str) -> bytes:
    status, body = fetch(url)
    assert status == 200, f"{url}: HTTP {status}"
    return body


@pytest.fixture(scope="module")
def server() -> Iterator[SubPathServer]:
    served = SubPathServer()
    yield served
    served.close()


@pytest.fixture(scope="module")
def addressed_site(server: SubPathServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-release site built for its address under the sub-path (SELOSTE_SITE_URL)."""
    root = multi_release_project(tmp_path_factory.mktemp("addressed"))
    result = run(root, "build", env={"SELOSTE_SITE_URL": server.base})
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_link_works_under_a_sub_path_with_the_address_set(server: SubPathServer, addressed_site: Path) -> None:
    server.site = addressed_site
    followed, problems = broken_links(server, addressed_site)
    assert followed > 500
    assert not problems, "\n".join(problems[:40])


def test_versions_feeds_and_sitemaps_give_full_addresses_that_resolve(
    server: SubPathServer, addressed_site: Path
) -> None:
    server.site = addressed_site
    versions = json.loads(_resolves(server.base + "versions.json"))
    for entry in versions["releases"]:
        for lang, url in entry["urls"].items():
            assert url == f"{server.base}{lang}/{entry['id']}/"
            assert f"{entry['id']}" in _resolves(url).decode("utf-8")
        assert json.loads(_resolves(entry["notice"]))["revision"]["effective"] == entry["effective"]
        for lang, said in (entry["announcement"] or {}).items():
            assert said["page"] == f"{server.base}{lang}/{entry['id']}/announcement/"
            assert hashlib.sha256(_resolves(said["text"])).hexdigest() == said["sha256"]
            assert entry["id"] in _resolves(said["page"]).decode("utf-8")
    for lang in ("fi", "sv", "en"):
        feed = ET.fromstring(_resolves(f"{server.base}{lang}/feed.xml"))
        links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
        announced = [entry for entry in versions["releases"] if entry["announcement"]]  # its entry links it too
        assert f"{server.base}{lang}/feed.xml" in links
        assert len(links) == 2 + len(versions["releases"]) + len(announced) and announced
        for href in links:
            assert href.startswith(server.base), href
            _resolves(href)
        sitemap = ET.fromstring(_resolves(f"{server.base}{lang}/sitemap.xml"))
        locations = [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
        assert locations and all(loc.startswith(f"{server.base}{lang}/") for loc in locations), locations
        for loc in locations:
            assert 'name="robots" content="noindex' not in _resolves(loc).decode("utf-8"), loc
        listed = {loc.removeprefix(server.base) for loc in locations}
        assert {f"{lang}/", f"{lang}/changelog/"} <= listed and f"{lang}/2026-01-01/" not in listed, listed
    page = _resolves(f"{server.base}sv/2026-01-01/").decode("utf-8")
    assert f'<link rel="canonical" href="{server.base}sv/2026-01-01/">' in page
    assert f">{server.base}sv/2026-01-01/</a>" in page  # the permanent address, in full, without a script


def test_without_an_address_pages_work_under_a_sub_path_and_say_nothing_false(
    server: SubPathServer, multi_site: Path
) -> None:
    """No canonical link, no sitemap (its <loc> must be a full address), addresses relative to
    versions.json; every page but the 404 pages (which can only link from the host's root) works."""
    server.site = multi_site
    assert not list(multi_site.rglob("sitemap.xml*"))
    followed, problems = broken_links(server, multi_site)
    assert followed > 500
    assert [p for p in problems if not p.split(":")[0].endswith("404.html")] == []
    assert not [f for f in multi_site.rglob("*.html") if 'rel="canonical"' in f.read_text(encoding="utf-8")]
    versions = json.loads(_resolves(server.base + "versions.json"))
    for entry in versions["releases"]:
        for url in entry["urls"].values():
            assert entry["id"] in _resolves(urllib.parse.urljoin(server.base + "versions.json", url)).decode("utf-8")
        _resolves(urllib.parse.urljoin(server.base + "versions.json", entry["notice"]))
    feed = ET.fromstring(_resolves(server.base + "fi/feed.xml"))
    for link in feed.iter(f"{ATOM}link"):
        _resolves(urllib.parse.urljoin(server.base + "fi/feed.xml", link.get("href")))


NOT_ADDRESSES = [
    "javascript:alert(1)//",
    "https://x//evil.example",
    "http://example.fi",
    "https://x.fi:99999/",
    "https://-/",
    "https://user@x.fi/",
    "https://x.fi/?q=1",
    "https://x.fi/#top",
    "ftp://x.fi/",
    "https://x.fi/a b",
    "https://x.fi/\u202e",
    'https://x.fi/"><script>',
    "//x.fi/",
    "https:x.fi",
]


@pytest.mark.parametrize("address", NOT_ADDRESSES)
def test_an_address_that_is_not_one_stops_build_and_serve(pristine: Path, address: str) -> None:
    """SELOSTE_SITE_URL is an https: address with a host and an optional path, or nothing is built or served."""
    for command in (["build"], ["serve", "--dev-addr", "127.0.0.1:9"]):
        result = run(pristine, *command, env={"SELOSTE_SITE_URL": address})
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"SELOSTE_SITE_URL {address!r} is not a site's address: " in result.stderr
    assert not (pristine / "site").exists()


@pytest.mark.parametrize(
    "address",
    [
        "https://owner.github.io/repo/",
        "https://privacy.example.fi",
        "http://127.0.0.1:8000/sub/",
        "https://x.fi:8443/a/b",
    ],
)
def test_a_site_address_is_taken_without_its_final_slash(address: str) -> None:
    from generator.environment import site_url

    assert site_url({"SELOSTE_SITE_URL": address}) == address.rstrip("/")


@pytest.mark.parametrize(
    "address, taken",
    [
        ("https://x.fi:1/", True),
        ("https://x.fi:65535/a", True),
        ("https://x.fi:0/", False),
        ("https://x.fi:65536/", False),
    ],
)
def test_a_site_address_port_is_from_1_to_65535(address: str, taken: bool) -> None:
    from generator.environment import is_site_address

    assert is_site_address(address) is taken


def test_a_configured_address_that_is_not_one_is_an_error_at_its_file() -> None:
    """The host's configuration is a file of the project: a bad site_url there is a finding at it, not exit 2."""
    from generator.environment import site_url
    from generator.findings import NoticeError

    with pytest.raises(NoticeError) as caught:
        site_url({}, lambda: ("javascript:alert(1)//", "mkdocs.yml"))
    assert [str(f).split(": it must")[0] for f in caught.value.findings] == [
        "mkdocs.yml: error: site_url 'javascript:alert(1)//' is not a site's address"
    ]
