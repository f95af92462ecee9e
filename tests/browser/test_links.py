"""Every internal link of both built sites leads somewhere.

Each ``href`` and ``src`` that stays on the site, in every built HTML file
of Entrack's site and of the three-release fixture's site (with its archived,
upcoming and diff pages), must name a file of that site, and each
``#fragment`` an element id in the target page. Links with a scheme (https:,
mailto:, tel:, data:, javascript:) or to another host are outside this test.
It reads files, without a browser, but needs the built sites, hence the
browser mark.
"""

from __future__ import annotations

import functools
import html.parser
import pathlib
import urllib.parse

import pytest


class _Scan(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str, str]] = []  # line, tag, attribute, value
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in ("href", "src"):
                if tag == "base" and name == "href":
                    self.base = value
                else:
                    self.refs.append((self.getpos()[0], tag, name, value))

    handle_startendtag = handle_starttag


@functools.cache
def _scan(file: pathlib.Path) -> _Scan:
    scan = _Scan()
    scan.feed(file.read_text(encoding="utf-8"))
    scan.close()
    return scan


def broken_links(root: pathlib.Path) -> list[str]:
    """Every internal reference under root that leads nowhere, described."""
    problems = []
    for file in sorted(root.rglob("*.html")):
        page_path = "/" + file.relative_to(root).as_posix()
        scan = _scan(file)
        base = urllib.parse.urljoin(page_path, scan.base) if scan.base else page_path
        for line, tag, attribute, value in scan.refs:
            url = urllib.parse.urlsplit(value.strip())
            if url.scheme or url.netloc:
                continue  # another host, or mailto:, tel:, data:, javascript:
            where = f"{file.relative_to(root)}:{line}: <{tag} {attribute}={value!r}>"
            target_path = urllib.parse.urljoin(base, url.path) if url.path else page_path
            target = root / urllib.parse.unquote(target_path).lstrip("/")
            if target_path.endswith("/") or target.is_dir():
                target = target / "index.html"
            try:
                target.resolve().relative_to(root.resolve())
            except ValueError:
                problems.append(f"{where}: leads outside the site")
                continue
            if not target.is_file():
                problems.append(f"{where}: no file {target.relative_to(root)}")
                continue
            fragment = urllib.parse.unquote(url.fragment)
            if fragment and target.suffix == ".html" and fragment not in _scan(target).ids:
                problems.append(f"{where}: no id {fragment!r} in {target.relative_to(root)}")
    return problems


@pytest.mark.browser
def test_every_internal_link_resolves(each_site, report_figure):
    site = each_site
    files = site.html_files()
    assert files, f"no HTML file in {site.root}"
    problems = broken_links(site.root)
    refs = sum(len(_scan(f).refs) for f in files)
    report_figure(f"links {site.name}: {refs} href/src in {len(files)} HTML files, {len(problems)} broken")
    if problems:
        pytest.fail(
            f"{len(problems)} broken internal link(s) in the {site.name} site:\n  " + "\n  ".join(problems[:60]),
            pytrace=False,
        )


def test_link_checker_sees_a_broken_link(tmp_path):
    """The checker itself: a missing file and a missing id are both reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"><a href="#here">ok</a> <a href="../b.html#x">file</a>'
        ' <a href="/a/#nope">id</a> <img src="pic.png" alt=""> <a href="https://x.invalid/">ext</a>',
        encoding="utf-8",
    )
    problems = broken_links(tmp_path)
    assert len(problems) == 3, problems
    assert "no file b.html" in problems[0]
    assert "no id 'nope'" in problems[1]
    assert "no file a/pic.png" in problems[2]
