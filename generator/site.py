"""The site as data: every page of every language, and the files beside them.

`plan_site` decides what is published: the release in force at /<lang>/, every
release at /<lang>/<id>/, a diff page per release, the changelog, an Atom feed,
versions.json and each release's structured notice as JSON. It reads only the
repository and the build date, and returns plain values; an adapter (MkDocs
today) turns the pages into HTML. Pages share their paths across languages so
that a language switch can stay on the same page.
"""

from __future__ import annotations

import json
import os
import posixpath
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape as xml_escape

from markupsafe import escape

from . import diff, i18n, vocabulary
from .findings import Finding, NoticeError, Position
from .markup import Markdown
from .model import LANGUAGES, Notice, Text
from .read import read_notice
from .releases import Release, in_force, load_releases, verify
from .render import render_notice, render_template

CHANGELOG = "changelog/index.md"
DRAFT = "draft/index.md"


@dataclass(frozen=True)
class Page:
    """One page of one language: where it goes, its Markdown, and how it is indexed."""

    path: str
    title: str
    markdown: str
    searchable: bool = False
    robots: str = ""
    in_nav: bool = False


@dataclass(frozen=True)
class SitePlan:
    site_name: str
    pages: dict[str, tuple[Page, ...]]
    files: dict[str, bytes] = field(default_factory=dict)  # path under site/ -> bytes


def plan_site(root: Path, *, today: date, draft: bool = False, site_url: str = "",
              preview: str | None = None) -> SitePlan:
    """Everything to publish, as of `today`; NoticeError if a release was tampered with.

    `site_url` (from the host's configuration) makes permanent addresses absolute.
    `preview` (a language) plans the live preview instead: that language only,
    and only the pages an edit can change (the draft, the notice in force and
    the changelog), so a rebuild stays fast however many releases there are.
    """
    releases = load_releases(root)
    problems = verify(root, releases)
    if not releases:
        problems.append(Finding(Position("policy/releases/releases.lock"), "error",
                                "nothing is released yet: run `python -m generator release` first"))
    if problems:
        raise NoticeError(problems)
    working = read_notice(root / "policy" / "notice.yaml")[0] if draft else None
    current = in_force(releases, today)
    builder = _Builder(releases, current, today, working, site_url)
    if preview:
        return SitePlan(builder.controller, {preview: builder.preview_pages(preview)})
    return SitePlan(builder.controller, {lang: builder.pages(lang) for lang in LANGUAGES}, builder.files())


def build_date() -> date:
    """The build's date: SOURCE_DATE_EPOCH if set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return datetime.now(timezone.utc).date()


def link(source: str, target: str) -> str:
    """A relative link between two page sources, as MkDocs resolves it.

    >>> link("2026-01-01/diff/index.md", "changelog/index.md#2026-01-01")
    '../../changelog/index.md#2026-01-01'
    """
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def release_page(release: Release) -> str:
    return f"{release.id}/index.md"


def diff_page(release: Release) -> str:
    return f"{release.id}/diff/index.md"


def url_of(lang: str, page: str) -> str:
    """The site-absolute address of a page source.

    >>> url_of("sv", "2026-01-01/index.md"), url_of("fi", "index.md")
    ('/sv/2026-01-01/', '/fi/')
    """
    return f"/{lang}/" + page.removesuffix("index.md")


class _Builder:
    def __init__(self, releases: tuple[Release, ...], current: Release, today: date, working: Notice | None,
                 site_url: str):
        self.site_url = site_url
        self.releases = releases
        self.current = current
        self.working = working
        self._changes: dict[str, tuple[diff.Change, ...]] = {}
        self.upcoming = next((r for r in releases if r.effective > today and r.effective > current.effective), None)
        self.controller = releases[-1].notice.controller.name

    def _(self, lang: str, message: str, **values: str) -> str:
        text = i18n.translations(lang).gettext(message)
        return text % values if values else text

    def notice_title(self, lang: str) -> str:
        return f"{self._(lang, vocabulary.PAGE_TITLES['notice'])}: {self.controller}"

    def status(self, release: Release) -> str:
        if release is self.current:
            return "current"
        return "upcoming" if release.effective > self.current.effective else "archived"

    def successor(self, release: Release) -> Release | None:
        index = self.releases.index(release)
        return self.releases[index + 1] if index + 1 < len(self.releases) else None

    def predecessor(self, release: Release) -> Release | None:
        index = self.releases.index(release)
        return self.releases[index - 1] if index else None

    # -- pages ---------------------------------------------------------------

    def pages(self, lang: str) -> tuple[Page, ...]:
        pages = [self.notice_page(lang, "index.md", self.current, in_nav=True)]
        pages += [self.notice_page(lang, release_page(r), r) for r in self.releases]
        pages += [self.diff_page(lang, r) for r in self.releases if self.predecessor(r)]
        pages.append(self.changelog(lang))
        if self.working is not None:
            pages.append(self.draft_page(lang))
        return tuple(pages)

    def preview_pages(self, lang: str) -> tuple[Page, ...]:
        pages = [self.notice_page(lang, "index.md", self.current, in_nav=True), self.changelog(lang)]
        return tuple(pages + ([self.draft_page(lang)] if self.working is not None else []))

    def notice_page(self, lang: str, path: str, release: Release, in_nav: bool = False) -> Page:
        heading, _, body = release.text(lang).partition("\n")
        status = self.status(release)
        upcoming = self.upcoming if status == "current" else None
        markdown = render_template(
            "page.md.j2", lang, heading=Markdown(heading), body=Markdown(body.strip()), status=status,
            release=release, successor=self.successor(release), upcoming=upcoming,
            upcoming_link=link(path, f"{CHANGELOG}#{upcoming.id}") if upcoming else "",
            current_link=link(path, "index.md"), permalink=self.site_url + url_of(lang, release_page(release)),
            permalink_link=link(path, release_page(release)),
        )
        title = self._(lang, vocabulary.PAGE_TITLES["notice"])
        return Page(path, title if in_nav else f"{title} {release.id}", markdown, searchable=in_nav, in_nav=in_nav)

    def draft_page(self, lang: str) -> Page:
        heading, _, body = render_notice(self.working, lang).partition("\n")
        markdown = render_template("page.md.j2", lang, heading=Markdown(heading), body=Markdown(body.strip()),
                                   status="draft", upcoming=None)
        return Page(DRAFT, self._(lang, vocabulary.PAGE_TITLES["draft"]), markdown, robots="noindex, nofollow")

    def diff_page(self, lang: str, release: Release) -> Page:
        previous = self.predecessor(release)
        path = diff_page(release)
        lines = diff.text_diff(previous.text(lang), release.text(lang))
        markdown = render_template(
            "diff.md.j2", lang, release=release, previous=previous, diff=self.diff_html(lang, lines),
            release_link=link(path, release_page(release)), previous_link=link(path, release_page(previous)),
        )
        return Page(path, self._(lang, "Changes in version %(id)s", id=release.id), markdown)

    def diff_html(self, lang: str, lines: tuple[diff.DiffLine | None, ...]) -> Markdown:
        removed, added = (self._(lang, vocabulary.DIFF_LABELS[op]) for op in ("removed", "added"))
        out = ['<div class="seloste-diff">']
        for line in lines:
            if line is None:
                out.append('<p class="seloste-diff-skip">…</p>')
            elif line.op == "same":
                out.append(f"<p>{escape(line.text)}</p>")
            elif line.op == "removed":
                out.append(f'<p class="seloste-diff-removed"><strong>{escape(removed)}</strong> <del>{escape(line.text)}</del></p>')
            else:
                out.append(f'<p class="seloste-diff-added"><strong>{escape(added)}</strong> <ins>{escape(line.text)}</ins></p>')
        out.append("</div>")
        return Markdown("\n".join(out))

    def changelog(self, lang: str) -> Page:
        entries = []
        for release in reversed(self.releases):
            previous = self.predecessor(release)
            found = self.changes(release)
            entries.append({
                "release": release, "first": previous is None, "summary": release.notice.revision.summary,
                "state": self._(lang, vocabulary.RELEASE_STATES[self.status(release)]),
                "changes": [self.describe(lang, change) for change in found],
                "link": link(CHANGELOG, release_page(release)), "diff_link": link(CHANGELOG, diff_page(release)),
            })
        markdown = render_template("changelog.md.j2", lang, entries=entries, controller=self.controller)
        return Page(CHANGELOG, self._(lang, vocabulary.PAGE_TITLES["changelog"]), markdown, searchable=True, in_nav=True)

    def changes(self, release: Release) -> tuple[diff.Change, ...]:
        """What changed in `release`; the same in every language, so worked out once."""
        if release.id not in self._changes:
            previous = self.predecessor(release)
            self._changes[release.id] = diff.changes(previous.notice, release.notice) if previous else ()
        return self._changes[release.id]

    def describe(self, lang: str, change: diff.Change) -> str:
        subject = change.subject
        if isinstance(subject, Text):
            subject = subject[lang]
        elif change.area == "transfer":
            subject = i18n.country_name(subject, lang)
        return self._(lang, vocabulary.CHANGES[(change.area, change.action)], name=subject)

    # -- files beside the pages ---------------------------------------------

    def files(self) -> dict[str, bytes]:
        files = {"versions.json": self.versions_json(), "index.html": chooser_html(self.notice_title),
                 "404.html": not_found_html(self.notice_title)}
        for release in self.releases:
            files[f"releases/{release.id}.json"] = release.read("notice.json")
        for lang in LANGUAGES:
            files[f"{lang}/feed.xml"] = self.feed(lang)
        return files

    def versions_json(self) -> bytes:
        data = {
            "current": self.current.id,
            "upcoming": self.upcoming.id if self.upcoming else None,
            "releases": [
                {
                    "id": r.id,
                    "effective": r.effective.isoformat(),
                    "status": self.status(r),
                    "urls": {lang: url_of(lang, release_page(r)) for lang in LANGUAGES},
                    "sha256": {lang: r.sha256(lang) for lang in LANGUAGES},
                    "summary": {lang: r.notice.revision.summary[lang] for lang in LANGUAGES},
                    "notice": f"/releases/{r.id}.json",
                }
                for r in reversed(self.releases)
            ],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def feed(self, lang: str) -> bytes:
        title = xml_escape(f"{self.notice_title(lang)}: {self._(lang, vocabulary.PAGE_TITLES['changelog'])}")
        newest = max(r.effective for r in self.releases).isoformat()
        entries = "".join(
            f"""  <entry>
    <id>urn:seloste:{xml_escape(r.id)}:{lang}</id>
    <title>{xml_escape(self._(lang, "Version") + " " + r.id)}</title>
    <updated>{r.effective.isoformat()}T00:00:00Z</updated>
    <link rel="alternate" type="text/html" href="{r.id}/"/>
    <summary>{xml_escape(r.notice.revision.summary[lang])}</summary>
  </entry>
""" for r in reversed(self.releases))
        return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">
  <id>urn:seloste:{xml_escape(self.controller)}:{lang}</id>
  <title>{title}</title>
  <updated>{newest}T00:00:00Z</updated>
  <link rel="alternate" type="text/html" href="./"/>
  <author><name>{xml_escape(self.controller)}</name></author>
{entries}</feed>
""".encode("utf-8")


def chooser_html(title: Callable[[str], str]) -> bytes:
    """The language chooser at the site root: works without JavaScript, sends browsers to /fi/."""
    links = "\n".join(
        f'    <li><a href="{lang}/" hreflang="{lang}" lang="{lang}">{escape(i18n.language_name(lang, lang))}: '
        f'{escape(title(lang))}</a></li>'
        for lang in LANGUAGES
    )
    alternates = "\n".join(f'  <link rel="alternate" hreflang="{lang}" href="{lang}/">' for lang in LANGUAGES)
    return f"""<!doctype html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta http-equiv="refresh" content="0; url=fi/">
  <title>{escape(title("fi"))}</title>
{alternates}
  <link rel="alternate" hreflang="x-default" href="fi/">
  <style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}}a{{color:#1a3a9c}}</style>
</head>
<body>
  <main>
  <h1>{escape(title("fi"))}</h1>
  <ul>
{links}
  </ul>
  </main>
</body>
</html>
""".encode("utf-8")


def not_found_html(title: Callable[[str], str]) -> bytes:
    """The site-wide 404 page (GitHub Pages serves only the root one): self-contained, all languages."""
    messages = {"fi": "Sivua ei löytynyt.", "sv": "Sidan hittades inte.", "en": "Page not found."}
    items = "\n".join(
        f'    <li lang="{lang}">{messages[lang]} <a href="/{lang}/" hreflang="{lang}">{escape(title(lang))}</a></li>'
        for lang in LANGUAGES
    )
    return f"""<!doctype html>
<html lang="fi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>404 – {escape(title("fi"))}</title>
  <style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}}a{{color:#1a3a9c}}</style>
</head>
<body>
  <main>
  <h1>404</h1>
  <ul>
{items}
  </ul>
  </main>
</body>
</html>
""".encode("utf-8")
