"""The site as data: every page of every language, and the files beside them.

`plan_site` decides what is published: the release in force at /<lang>/, every
release at /<lang>/<id>/, a diff page per release, each release's first layer at
/<lang>/<id>/in-brief/ (the one in force also at /<lang>/in-brief/) and its
notices at the form at /<lang>/<id>/forms/ (each also a fragment and JSON beside
the page), the changelog, an Atom feed,
versions.json and each release's structured notice as JSON; with a draft, the
working copy at /<lang>/draft/ and its redline (the draft compared with the
version in force, as a diff page compares two releases) at /<lang>/draft/diff/. It reads only the
project and the build date, and returns plain values; an adapter (MkDocs
today) turns the pages into HTML. Pages share their paths across languages so
that a language switch can stay on the same page.

The pages a language has are listed once, in `PAGES`, each with whether the
live preview builds it; `Pages` composes them, `files` writes what is not a
page (from autoescaped templates), and `timeline.Timeline` says which
release is in force.
"""

from __future__ import annotations

import json
import posixpath
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Protocol

from generator.environment import Environment
from generator.findings import Finding, NoticeError, Position
from generator.notice import changes as diff
from generator.notice.languages import in_order
from generator.notice.markup import Markdown
from generator.notice.model import Notice
from generator.notice.read import read_notice
from generator.project import Project
from generator.record import compare
from generator.record.lock import JSON_NAME, announcement_name, text_name
from generator.record.releases import Release, first_layer_of, form_notices_of, verified
from generator.record.timeline import Period, Timeline
from generator.settings import read_settings, unknown_moved
from generator.site import feeds as atom
from generator.words import announcement, changelog, form_notices, i18n, vocabulary
from generator.words.form_notices import FormNotice, lowered
from generator.words.render import render_file, render_notice, render_template, translate

IN_FORCE = "index.md"
IN_BRIEF = "in-brief/index.md"
"""The first layer of the version in force, beside the notice in force (its links to the full text are "../")."""
CHANGELOG = "changelog/index.md"
DRAFT = "draft/index.md"
DRAFT_DIFF = "draft/diff/index.md"
"""The draft compared with the version in force: the redline an approver reads before a release."""
COMPARE = "compare/index.md"
COMPARE_SCRIPT = "assets/compare.js"
"""The compare page's script (site_overrides/assets/compare.js), which every language's build copies."""
PREVIEWED = (IN_FORCE, DRAFT, DRAFT_DIFF, CHANGELOG)
"""The pages the live preview builds (PAGES says which kinds): the notice in force, the draft and its
redline, the changelog."""


@dataclass(frozen=True)
class Page:
    """One page of one language: where it goes, its Markdown, and how it is indexed."""

    path: str
    title: str
    markdown: str
    searchable: bool = False
    robots: str = ""
    in_nav: bool = False
    record: dict[str, str] = field(default_factory=dict)
    """What every printed sheet of the page carries: a running header ("header": for a release the controller,
    the id and the effective date; for a comparison the ids compared; for the version history the versions it
    lists and its date) and the page's permanent address ("address")."""
    changelog: str = "changelog/"
    """The version history the page's footer links, from the language's root ("recruitment/changelog/" on a
    company notice's pages; "" on a company's front page, which has none of its own)."""
    html_blocks: tuple[str, ...] = ()
    """HTML blocks of the Markdown built from autoescaped templates, each between blank lines: finished,
    they need no reading as Markdown (the host's FinishedHtml extension), and they are the only HTML a page
    has. Everything else in its Markdown is read as untrusted text (the host's Inert extension): a released
    text is whatever the release folder holds."""


@dataclass(frozen=True)
class SitePlan:
    site_name: str
    languages: tuple[str, ...]
    """The languages the site is published in; the language menu lists these."""
    pages: Mapping[str, tuple[Page, ...]]
    """The pages to build, by language: every language, or the previewed one (composed when first asked for)."""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """The site templates' own words, by language (vocabulary.LABELS, from the catalogs)."""
    files: dict[str, bytes] = field(default_factory=dict)  # path under site/ -> bytes
    site_url: str = ""
    """The site's public address without a trailing slash (https://host/sub-path), or "" when unknown."""
    feed_titles: dict[str, str] = field(default_factory=dict)
    """The Atom feed's title in each language, for the pages' feed discovery links."""


def plan_site(
    project: Project | Sequence[Project],
    environment: Environment,
    *,
    draft: bool = False,
    preview: str | None = None,
    working: Notice | None = None,
    colors: Mapping[str, str] | None = None,
) -> SitePlan:
    """Everything to publish, as of the environment's date; NoticeError if a release was tampered with.

    `project` is the project's one notice, or a company's notices (`project.notices`): each then has its pages
    under its folder (/fi/recruitment/...) and a front page lists them (/fi/).
    The environment's site address makes permanent addresses absolute; without it every address is relative, except where
    only a path from the host's root can work (the site-wide 404 page).
    `preview` (a language) plans the live preview of one notice instead: that language only,
    and only the pages an edit can change (the draft and its redline, the notice
    in force and the changelog), so a rebuild stays fast however many releases there are.
    `working` is the working copy for the draft when the caller has read it already.
    `colors` are the controller's (checked `#rrggbb` values by name: primary, dark_link), for the files beside
    the pages (the chooser and the site-wide 404 page), which the site host's stylesheet does not reach.
    """
    projects = (project,) if isinstance(project, Project) else tuple(project)
    if not preview and any(p.id for p in projects):
        return _plan_company(projects, environment, draft=draft, colors=colors)
    site_url = environment.site_url
    pages = _pages(projects[0], environment, working if draft else None, draft=draft, previewing=bool(preview))
    titles = {lang: feed_title(pages, lang) for lang in pages.languages}
    if preview:
        return SitePlan(
            pages.controller,
            pages.languages,
            ByLanguage(pages, (preview,), preview=True),
            labels={preview: pages.labels(preview)},
            site_url=site_url,
            feed_titles=titles,
        )
    return SitePlan(
        pages.controller,
        pages.languages,
        ByLanguage(pages, pages.languages),
        labels={lang: pages.labels(lang) for lang in pages.languages},
        files=files(pages, colors or {}),
        site_url=site_url,
        feed_titles=titles,
    )


def _plan_company(
    projects: tuple[Project, ...], environment: Environment, *, draft: bool, colors: Mapping[str, str] | None
) -> SitePlan:
    """A company's site: every notice's pages under its folder, and the front page that lists them."""
    notices: list[Pages] = []
    settings = read_settings(projects[0].settings, projects[0].shown(projects[0].settings))
    problems = unknown_moved(projects[0], settings)
    for project in projects:
        try:
            moved = project.id == settings.moved_from_root
            notices.append(_pages(project, environment, None, draft=draft, moved=moved))
        except NoticeError as exc:
            problems.extend(exc.findings)
    if problems:
        raise NoticeError(problems)
    company = Company(tuple(notices))
    return SitePlan(
        company.name,
        company.languages,
        ByLanguage(company, company.languages),
        labels={lang: company.labels(lang) for lang in company.languages},
        files=company_files(company, colors or {}),
        site_url=environment.site_url,
        feed_titles={lang: company.feed_title(lang) for lang in company.languages},
    )


def redlines(project: Project, environment: Environment, working: Notice | None = None) -> dict[str, Redline]:
    """The draft (`working`, else the project's working copy) compared with the version in force, in each of
    the site's languages, as the redline pages show it: what a CI job summary says of the draft."""
    pages = _pages(project, environment, working, draft=True)
    return {lang: pages.redline(lang) for lang in pages.languages}


def _pages(
    project: Project,
    environment: Environment,
    working: Notice | None,
    *,
    draft: bool,
    previewing: bool = False,
    moved: bool = False,
) -> Pages:
    """The pages of the verified releases (NoticeError if there are none, or one was tampered with), with the
    working copy as the draft when `draft` asks for one (read from the project unless given)."""
    releases, problems = verified(project)
    if not releases:
        problems.append(
            Finding(
                Position(project.shown(project.lock)),
                "error",
                "nothing is released yet: run `make release` first",
            )
        )
    if problems:
        raise NoticeError(problems)
    if draft and working is None:
        working = read_notice(project.notice, project.schema, project.parties)[0]
    timeline = Timeline(releases, environment.today)
    return Pages(
        project, timeline, working if draft else None, environment.site_url, previewing=previewing, moved=moved
    )


class Composer(Protocol):
    def of(self, lang: str, preview: bool = False) -> tuple[Page, ...]: ...


class ByLanguage(Mapping[str, tuple[Page, ...]]):
    """The pages of each language, composed when first asked for: a build composes each language's
    pages in the process that builds that language (host/processes.py), so the languages are composed side by side."""

    def __init__(self, pages: Composer, languages: tuple[str, ...], preview: bool = False):
        self._pages, self._languages, self._preview = pages, languages, preview
        self._composed: dict[str, tuple[Page, ...]] = {}

    def __getitem__(self, lang: str) -> tuple[Page, ...]:
        if lang not in self._languages:
            raise KeyError(lang)
        if lang not in self._composed:
            self._composed[lang] = self._pages.of(lang, preview=self._preview)
        return self._composed[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._languages)

    def __len__(self) -> int:
        return len(self._languages)


def link(source: str, target: str) -> str:
    """A relative link between two page sources, as MkDocs resolves it.

    >>> link("2026-01-01/diff/index.md", "changelog/index.md#2026-01-01")
    '../../changelog/index.md#2026-01-01'
    """
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(path, posixpath.dirname(source) or ".")
    return rel + (f"#{anchor}" if anchor else "")


def address_link(source: str, target: str) -> str:
    """A relative link from a page source to the address (not the source) of another page.

    >>> address_link("index.md", "2026-01-01/index.md"), address_link("changelog/index.md", "2026-01-01/diff/index.md")
    ('2026-01-01/', '../2026-01-01/diff/')
    """
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath(posixpath.dirname(path) or ".", posixpath.dirname(source) or ".")
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def published(site_url: str, path: str) -> str:
    """A path from the site's root ("fi/2026-01-01/") as published: under the site's address
    when it is known, else as it is (relative, so it resolves wherever the site is served).

    >>> published("https://x.github.io/notice", "fi/"), published("", "fi/")
    ('https://x.github.io/notice/fi/', 'fi/')
    """
    return f"{site_url}/{path}" if site_url else path


def release_page(release: Release) -> str:
    return f"{release.id}/index.md"


def diff_page(release: Release) -> str:
    return f"{release.id}/diff/index.md"


def in_brief_page(release: Release) -> str:
    """The page of a release's first layer, under its own page (its links to the full text are "../")."""
    return f"{release.id}/in-brief/index.md"


def forms_page(release: Release) -> str:
    """The page, for a website's developers, of a release's notices at the form."""
    return f"{release.id}/forms/index.md"


def form_notice_file(release: Release, purpose_id: str, kind: str) -> str:
    """A notice at the form beside its page, under the notice's folder of a language: the HTML fragment ("html")
    or JSON."""
    return f"{release.id}/forms/purpose-{purpose_id}.{kind}"


def announcement_page(release: Release) -> str:
    """The page of a release's announcement (words/announcement.py gives its links from this address)."""
    return f"{release.id}/{announcement.PAGE}"


def current_diff_page(release: Release) -> str:
    """The comparison of an archived release with the release in force."""
    return f"{release.id}/diff/current/index.md"


def compare_link(link: str, old: str, new: str) -> str:
    """A link to the compare page that opens on one pair of releases (the page reads `?from=ID&to=ID`).

    >>> compare_link("../../compare/index.md", "2026-01-01", "2026-03-01")
    '../../compare/index.md?from=2026-01-01&to=2026-03-01'
    """
    return f"{link}?{urllib.parse.urlencode({'from': old, 'to': new})}"


def release_files(prefix: str = "") -> str:
    """The folder of the frozen files the site serves (every release's texts and notice.json), from the
    site's root, for the notice whose pages are under `prefix`.

    >>> release_files(), release_files("recruitment/")
    ('releases/', 'releases/recruitment/')
    """
    return f"releases/{prefix}"


def url_of(lang: str, page: str) -> str:
    """The site-absolute address of a page source.

    >>> url_of("sv", "2026-01-01/index.md"), url_of("fi", "index.md")
    ('/sv/2026-01-01/', '/fi/')
    """
    return f"/{lang}/" + page.removesuffix("index.md")


# -- Pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Redline:
    """The draft compared with the version in force, in one language: what its page at /<lang>/draft/diff/
    shows, and what a CI job summary lists."""

    in_force: Release
    address: str
    """The page's address from the site's root: /fi/draft/diff/."""
    sections: list[dict[str, Markdown | str]]
    """Each changed section's heading and HTML block, for diff.md.j2."""
    blocks: tuple[str, ...]
    """The sections' HTML blocks, which the page takes as finished."""
    changes: list[tuple[str, list[str]]]
    """The changes as the changelog lists them, in the language's words: groups (a lead, its lines), the material
    changes first (`Pages.described`)."""
    change_class: str = ""
    """Whether the draft is a material or an editorial change, in the language's words ("" if it changes nothing)."""

    @property
    def unchanged(self) -> bool:
        """Whether the draft says word for word what the version in force says."""
        return not self.sections and not self.changes


class Pages:
    """Composes the pages of one language from the releases' frozen texts."""

    def __init__(
        self,
        project: Project,
        timeline: Timeline,
        working: Notice | None,
        site_url: str,
        previewing: bool = False,
        moved: bool = False,
    ):
        self.project = project
        self.moved = moved
        """A company's notice published before as the project's one notice (settings' moved_from_root): its
        old addresses lead to its new ones, and its feed entries keep their ids."""
        self.timeline = timeline
        self.working = working
        self.site_url = site_url
        self.previewing = previewing
        """Composing the live preview, which builds only the PREVIEWED pages."""
        self.controller = timeline.newest.notice.controller.name
        self.prefix = "" if previewing else project.prefix
        """The notice's folder in each language ("recruitment/" in a company's site): its pages' paths are
        composed without it, so that their links to each other stay relative, and it is added last (`of`)."""
        self._draft_texts: dict[str, str] = {}
        self._forms: dict[tuple[str, str], tuple[FormNotice, ...]] = {}

    def link(self, source: str, target: str) -> str:
        """`link`, except that the live preview links a page it does not build by its address: MkDocs
        would leave a link to its source as written (a broken `.../index.md`) and say so on the terminal,
        and the preview answers the address with a page saying it is not part of the preview."""
        if self.previewing and target.partition("#")[0] not in PREVIEWED:
            return address_link(source, target)
        return link(source, target)

    @property
    def languages(self) -> tuple[str, ...]:
        """The site's languages: those the releases were published in (a release keeps its languages)."""
        return self.timeline.newest.languages

    def of(self, lang: str, preview: bool = False) -> tuple[Page, ...]:
        """The pages of `lang`: all of them, or those the live preview builds (none in a language the notice is
        not published in), under the notice's folder."""
        if lang not in self.languages:
            return ()
        pages = (page for make, in_preview in PAGES if in_preview or not preview for page in make(self, lang))
        if not self.prefix:
            return tuple(pages)
        return tuple(
            replace(page, path=self.prefix + page.path, in_nav=False, changelog=f"{self.prefix}changelog/")
            for page in pages
        )

    def url(self, lang: str, page: str) -> str:
        """The site-absolute address of one of the notice's page sources (`url_of` under its folder)."""
        return url_of(lang, self.prefix + page)

    def heading(self, lang: str) -> str:
        """Whom the notice is for as a heading ("Job applicants"; the notice's id where it does not say), by
        which a company's front page and feed list it."""
        audience = self.audience(lang) or self.project.id
        return audience[:1].upper() + audience[1:]

    def audience(self, lang: str) -> str:
        """Whom the notice in force is for, in `lang` ("" if it does not say)."""
        audience = self.timeline.current.notice.audience
        return audience[lang] if audience and lang in audience else ""

    def say(self, message: str, lang: str, **values: str) -> str:
        """A message of the catalog in `lang`."""
        return translate(message, lang, self.project.locales, **values)

    def labels(self, lang: str) -> dict[str, str]:
        """The words the site's own templates show (404 page, menus, print header), in `lang`."""
        return {key: self.say(message, lang) for key, message in vocabulary.LABELS.items()}

    def notice_title(self, lang: str) -> str:
        """The notice's name: "Privacy notice: Entrack Oy", and in a company's site whom it is for."""
        return f"{self.say(vocabulary.PAGE_TITLES['notice'], lang)}: {self.named(lang)}"

    def named(self, lang: str) -> str:
        """The controller, and in a company's site whom the notice is for: "Pohjoisväylä Oy – job applicants"."""
        audience = self.audience(lang) if self.prefix else ""
        return f"{self.controller} – {audience}" if audience else self.controller

    def notice_in_force(self, lang: str) -> Iterable[Page]:
        yield self.notice_page(lang, IN_FORCE, self.timeline.current, in_nav=True)

    def release_pages(self, lang: str) -> Iterable[Page]:
        return (self.notice_page(lang, release_page(r), r) for r in self.timeline.releases)

    def form_notices(self, lang: str, release: Release) -> tuple[FormNotice, ...]:
        """A release's notices at the form in `lang`: frozen, or made for a release made before (record/releases.py)."""
        key = (lang, release.id)
        if key not in self._forms:
            self._forms[key] = form_notices_of(
                release,
                lang,
                self.project.locales,
                site_url=self.site_url,
                prefix=self.project.prefix,
                notice_id=self.project.id or None,
            )
        return self._forms[key]

    def in_brief_pages(self, lang: str) -> Iterable[Page]:
        """The first layer of the version in force, then each release's: its frozen Markdown (untrusted text, as
        a released text is), or for a release made before, made from its notice.json."""
        yield self.in_brief_page(lang, IN_BRIEF, self.timeline.current)
        for release in self.timeline.releases:
            yield self.in_brief_page(lang, in_brief_page(release), release)

    def in_brief_page(self, lang: str, path: str, release: Release) -> Page:
        heading, _, body = first_layer_of(release, lang, self.project.locales).partition("\n")
        status = self.timeline.status(release)
        state = self.say(vocabulary.RELEASE_STATES[status], lang)
        markdown = render_template(
            "in_brief_page.md.j2",
            lang,
            self.project.locales,
            heading=Markdown(heading),
            body=Markdown(body.strip()),
            release=release,
            state=state,
            full_text_link=self.link(path, IN_FORCE if path == IN_BRIEF else release_page(release)),
        )
        brief = self.say(vocabulary.IN_BRIEF_TITLE, lang)
        title = f"{brief}: {self.named(lang)}"
        record = {
            "header": self.say(
                vocabulary.PRINT_HEADER,
                lang,
                controller=self.controller,
                title=brief,
                id=release.id,
                date=i18n.format_date(release.effective, lang),
            ),
            "address": self.site_url + self.url(lang, in_brief_page(release)),
        }
        if path != IN_BRIEF:
            title = self.say(vocabulary.RELEASE_TITLE, lang, title=title, id=release.id, state=lowered(state))
        return Page(
            path,
            title,
            markdown,
            searchable=path == IN_BRIEF,
            robots="noindex" if status == "archived" else "",
            record=record,
        )

    def forms_pages(self, lang: str) -> Iterable[Page]:
        """Each release's notices at the form, for a website's developers: each shown as a reader sees it, with
        its HTML to copy and its files (the fragment and the JSON)."""
        for release in self.timeline.releases:
            path = forms_page(release)
            names = {p.id: p.name for p in release.notice.purposes}
            blocks = [
                Markdown(
                    render_file(
                        "form_notice_page.html.j2",
                        lang,
                        self.project.locales,
                        said=said,
                        fragment=said.markup,
                        html_file=posixpath.basename(form_notice_file(release, said.purpose, "html")),
                        json_file=posixpath.basename(form_notice_file(release, said.purpose, "json")),
                    ).strip()
                )
                for said in self.form_notices(lang, release)
            ]
            entries = [
                {"id": said.purpose, "name": names[said.purpose], "block": block}
                for said, block in zip(self.form_notices(lang, release), blocks, strict=True)
            ]
            title = self.say(vocabulary.FORMS_TITLE, lang, name=self.named(lang), id=release.id)
            markdown = render_template(
                "forms.md.j2",
                lang,
                self.project.locales,
                title=title,
                release=release,
                entries=entries,
                consent=any(form_notices.on_consent(p) for p in release.notice.purposes),
                release_link=self.link(path, release_page(release)),
                in_brief_link=self.link(path, in_brief_page(release)),
            )
            yield Page(
                path,
                title,
                markdown,
                robots="noindex",
                html_blocks=tuple(blocks),
                record={"header": f"{self.controller} · {title}", "address": self.site_url + self.url(lang, path)},
            )

    def announced_upcoming(self, lang: str) -> list[Release]:
        """The upcoming releases whose announcement the notice in force shows in `lang`: from the day each was
        released (and its readers told) up to the day before it takes effect, nearest first."""
        today = self.timeline.today
        return [
            release
            for release in self.timeline.releases
            if self.timeline.status(release) == "upcoming"
            and lang in release.announced
            and release.released is not None
            and release.released <= today < release.effective
        ]

    def notice_page(self, lang: str, path: str, release: Release, in_nav: bool = False) -> Page:
        heading, _, body = release.text(lang).partition("\n")
        timeline = self.timeline
        status = timeline.status(release)
        announced = self.announced_upcoming(lang) if status == "current" else []
        upcoming = timeline.upcoming if status == "current" and timeline.upcoming not in announced else None
        successor = timeline.successor(release)
        permalink = self.site_url + self.url(lang, release_page(release))
        archived_title = (
            self.say(vocabulary.ARCHIVED_TITLE, lang, date=i18n.format_date(release.effective, lang))
            if status == "archived"
            else ""
        )
        markdown = render_template(
            "page.md.j2",
            lang,
            self.project.locales,
            heading=Markdown(heading),
            body=Markdown(body.strip()),
            status=status,
            archived_title=archived_title,
            release=release,
            successor=successor,
            current=timeline.current,
            upcoming=upcoming,
            upcoming_link=self.link(path, diff_page(upcoming)) if upcoming else "",
            announced=[
                {
                    "release": r,
                    "link": self.link(path, announcement_page(r)),
                    "diff_link": self.link(path, diff_page(r)),
                }
                for r in announced
            ],
            current_link=self.link(path, IN_FORCE),
            changelog_link=self.link(path, CHANGELOG),
            permalink=permalink,
            permalink_link=self.link(path, release_page(release)),
            in_brief_link=self.link(path, IN_BRIEF if path == IN_FORCE else in_brief_page(release)),
            diff_link=self.link(path, diff_page(release)) if timeline.predecessor(release) else "",
            current_diff_link=self.link(path, current_diff_page(release)) if status == "archived" else "",
        )
        title = self.say(vocabulary.PAGE_TITLES["notice"], lang)
        audience = release.notice.audience
        if self.prefix and audience and lang in audience:  # a company's notices, told apart
            title = f"{title} – {audience[lang]}"
        if archived_title:  # as its heading says it
            title = f"{title} {archived_title}"
        elif not in_nav:
            title = self.say(
                vocabulary.RELEASE_TITLE,
                lang,
                title=title,
                id=release.id,
                state=lowered(self.say(vocabulary.RELEASE_STATES[status], lang)),
            )
        record = {
            "header": self.say(
                vocabulary.PRINT_HEADER,
                lang,
                controller=self.controller,
                title=self.say(vocabulary.PAGE_TITLES["notice"], lang),
                id=release.id,
                date=i18n.format_date(release.effective, lang),
            ),
            "address": permalink,
        }
        return Page(
            path,
            title,
            markdown,
            searchable=in_nav,
            in_nav=in_nav,
            robots="noindex" if status == "archived" else "",
            record=record,
        )

    def announcement_pages(self, lang: str) -> Iterable[Page]:
        """Each announced release's announcement, from its frozen Markdown: untrusted text like a released
        text (the host's Inert extension), under the date its readers were told."""
        for release in self.timeline.releases:
            if lang in release.announced:
                yield self.announcement_page(lang, release)

    def announcement_page(self, lang: str, release: Release) -> Page:
        path = announcement_page(release)
        heading, _, body = release.announcement(lang).partition("\n")
        published = i18n.format_date(release.released, lang) if release.released else ""
        markdown = render_template(
            "announcement_page.md.j2",
            lang,
            self.project.locales,
            heading=Markdown(heading),
            body=Markdown(body.strip()),
            published=published,
            changelog_link=self.link(path, f"{CHANGELOG}#{release.id}"),
        )
        title = self.say(vocabulary.ANNOUNCEMENT_TITLE, lang, id=release.id)
        header = (
            self.say(
                vocabulary.ANNOUNCEMENT_PRINT_HEADER, lang, controller=self.controller, title=title, date=published
            )
            if published  # `release` records it; a lock entry made by hand may not
            else f"{self.controller} · {title}"
        )
        return Page(
            path,
            title,
            markdown,
            robots="noindex" if self.timeline.status(release) == "archived" else "",
            record={"header": header, "address": self.site_url + self.url(lang, path)},
        )

    def draft_text(self, lang: str) -> str:
        """The working copy rendered in `lang`, as `release` would freeze it: the draft's page and its redline
        read the same text, rendered once."""
        assert self.working is not None, "only a plan with a draft renders one"
        if lang not in self._draft_texts:
            self._draft_texts[lang] = render_notice(self.working, lang, self.project.locales)
        return self._draft_texts[lang]

    def draft(self, lang: str) -> Iterable[Page]:
        if self.working is None:
            return
        heading, _, body = self.draft_text(lang).partition("\n")
        markdown = render_template(
            "page.md.j2",
            lang,
            self.project.locales,
            heading=Markdown(heading),
            body=Markdown(body.strip()),
            status="draft",
            upcoming=None,
            announced=[],
            draft_diff_link=self.link(DRAFT, DRAFT_DIFF),
        )
        yield Page(DRAFT, self.say(vocabulary.PAGE_TITLES["draft"], lang), markdown, robots="noindex, nofollow")

    def redline(self, lang: str) -> Redline:
        """The draft compared with the version in force in `lang`: the text section by section, and the list
        of changes the changelog would give, exactly as a diff page compares two releases."""
        current = self.timeline.current
        sections, blocks = self.compared(lang, current.text(lang), self.draft_text(lang))
        changes = self.described(lang, self.draft_changes)
        change_class = (
            self.say(vocabulary.CLASSES[diff.classed(self.draft_changes)], lang) if sections or changes else ""
        )
        return Redline(current, self.url(lang, DRAFT_DIFF), sections, blocks, changes, change_class)

    def draft_diff(self, lang: str) -> Iterable[Page]:
        """The redline's page, linked from the draft's and linking back to it."""
        if self.working is None:
            return
        redline = self.redline(lang)
        markdown = render_template(
            "diff.md.j2",
            lang,
            self.project.locales,
            draft=True,
            against_current=False,
            release=None,
            previous=redline.in_force,
            sections=redline.sections,
            changes=redline.changes,
            change_class=redline.change_class,
            unchanged=redline.unchanged,
            release_link=self.link(DRAFT_DIFF, DRAFT),
            previous_link=self.link(DRAFT_DIFF, IN_FORCE),
        )
        title = self.say(vocabulary.DRAFT_DIFF_TITLE, lang)
        header = self.say(
            vocabulary.DRAFT_DIFF_PRINT_HEADER,
            lang,
            controller=self.controller,
            title=title,
            id=redline.in_force.id,
            date=i18n.format_date(self.timeline.today, lang),
        )
        yield Page(
            DRAFT_DIFF,
            title,
            markdown,
            robots="noindex, nofollow",
            html_blocks=redline.blocks,
            record={"header": header, "address": self.site_url + self.url(lang, DRAFT_DIFF)},
        )

    @cached_property
    def draft_changes(self) -> tuple[diff.Change, ...]:
        """What the draft changes in the version in force, in the changelog's order (the same in every language)."""
        assert self.working is not None, "only a plan with a draft compares one"
        return self.ordered(diff.changes(self.timeline.current.notice, self.working))

    def diff_pages(self, lang: str) -> Iterable[Page]:
        for release in self.timeline.releases:
            previous = self.timeline.predecessor(release)
            if previous:
                yield self.diff_page(lang, diff_page(release), release, previous, self.changes[release.id])

    def current_diff_pages(self, lang: str) -> Iterable[Page]:
        """Each archived release compared with the release in force."""
        current = self.timeline.current
        for release in self.timeline.releases:
            if self.timeline.status(release) == "archived":
                yield self.diff_page(
                    lang,
                    current_diff_page(release),
                    current,
                    release,
                    self.ordered(diff.changes(release.notice, current.notice)),
                )

    def compared(self, lang: str, old: str, new: str) -> tuple[list[dict[str, Markdown | str]], tuple[str, ...]]:
        """Two texts of `lang` compared section by section, for diff.md.j2: each changed section's heading and
        its HTML block (from the autoescaped diff.html.j2), and those blocks, which the page takes as finished."""
        sections: list[dict[str, Markdown | str]] = [
            {
                "heading": Markdown(f"{'#' * section.level} {section.heading} {{ #{section.key} }}"),
                "html": Markdown(render_file("diff.html.j2", lang, self.project.locales, section=section).strip())
                if section.op != "same"
                else "",
            }
            for section in compare.compare(old, new)
        ]
        return sections, tuple(section["html"] for section in sections if section["html"])

    def diff_page(
        self, lang: str, path: str, release: Release, previous: Release, changes: tuple[diff.Change, ...]
    ) -> Page:
        """`previous` compared with `release`, section by section, and whether that is a material change."""
        sections, blocks = self.compared(lang, previous.text(lang), release.text(lang))
        against_current = path == current_diff_page(previous)
        markdown = render_template(
            "diff.md.j2",
            lang,
            self.project.locales,
            draft=False,
            release=release,
            previous=previous,
            sections=sections,
            changes=self.described(lang, changes),
            change_class=self.say(vocabulary.CLASSES[diff.classed(changes)], lang),
            unchanged=False,
            against_current=against_current,
            release_link=self.link(path, release_page(release)),
            previous_link=self.link(path, release_page(previous)),
            compare_link=compare_link(self.link(path, COMPARE), previous.id, release.id),
        )
        title = (
            self.say("Version %(id)s compared with the version in force", lang, id=previous.id)
            if against_current
            else self.say("Changes in version %(id)s", lang, id=release.id)
        )
        header = self.say(
            vocabulary.DIFF_PRINT_HEADER, lang, controller=self.controller, title=title, old=previous.id, new=release.id
        )
        return Page(
            path,
            title,
            markdown,
            robots="noindex" if against_current else "",
            html_blocks=blocks,
            record={"header": header, "address": self.site_url + self.url(lang, path)},
        )

    def compare_page(self, lang: str) -> Iterable[Page]:
        """Any two releases compared in the reader's browser (site_overrides/assets/compare.js) from the frozen
        texts the site serves beside the pages (releases/<id>/<lang>.md): nothing is built per pair, and per
        release only its line in the page's lists. Without JavaScript, the page lists the diff pages built."""
        timeline = self.timeline
        listed = [release for release in reversed(timeline.releases) if lang in release.languages]
        chosen_to = timeline.current if lang in timeline.current.languages else listed[0]
        earlier = timeline.releases[: timeline.releases.index(chosen_to)]
        chosen_from = next((release for release in reversed(earlier) if lang in release.languages), chosen_to)
        here = self.url(lang, COMPARE).strip("/")  # the page's folder, from the site's root
        form = render_file(
            "compare.html.j2",
            lang,
            self.project.locales,
            releases=[
                {
                    "id": release.id,
                    "date": i18n.format_date(release.effective, lang),
                    "state": self.say(vocabulary.RELEASE_STATES[timeline.status(release)], lang),
                }
                for release in listed
            ],
            chosen_from=chosen_from.id,
            chosen_to=chosen_to.id,
            texts=posixpath.relpath(release_files(self.prefix).rstrip("/"), here) + "/",
            text=text_name(lang),
            script=posixpath.relpath(f"{lang}/{COMPARE_SCRIPT}", here),
        ).strip()
        entries = [
            {
                "release": release,
                "state": self.say(vocabulary.RELEASE_STATES[timeline.status(release)], lang),
                "link": self.link(COMPARE, release_page(release)),
                "diff_link": self.link(COMPARE, diff_page(release)) if timeline.predecessor(release) else "",
                "current_diff_link": self.link(COMPARE, current_diff_page(release))
                if timeline.status(release) == "archived"
                else "",
            }
            for release in listed
        ]
        markdown = render_template("compare.md.j2", lang, self.project.locales, form=Markdown(form), entries=entries)
        yield Page(COMPARE, self.say("Compare two versions", lang), markdown, html_blocks=(form,))

    def changelog(self, lang: str) -> Iterable[Page]:
        """Every release, newest first, each with its period in force; the list of periods answers "which
        version was in force on this date?", and a date form jumps to the answer where scripts run."""
        timeline = self.timeline
        entries = []
        for release in reversed(timeline.releases):
            entries.append(
                {
                    "release": release,
                    "first": timeline.predecessor(release) is None,
                    "summary": release.notice.revision.summary,
                    "period": self.in_force_words(lang, release),
                    "change_class": self.say(vocabulary.CLASSES[self.classes[release.id]], lang)
                    if timeline.predecessor(release)
                    else "",  # a first publication is no change
                    "changes": self.described(lang, self.changes[release.id]),
                    "link": self.link(CHANGELOG, release_page(release)),
                    "diff_link": self.link(CHANGELOG, diff_page(release)),
                    "current_diff_link": self.link(CHANGELOG, current_diff_page(release))
                    if timeline.status(release) == "archived"
                    else "",
                }
            )
        periods = Markdown(
            render_file(
                "in_force.html.j2",
                lang,
                self.project.locales,
                entries=[
                    {"id": release.id, "period": timeline.in_force(release), "words": entry["period"]}
                    for release, entry in zip(reversed(timeline.releases), entries, strict=True)
                ],
                first_date=i18n.format_date(timeline.releases[0].effective, lang),
            ).strip()
        )
        markdown = render_template(
            "changelog.md.j2",
            lang,
            self.project.locales,
            entries=entries,
            controller=self.named(lang),
            periods=periods,
            compare_link=self.link(CHANGELOG, COMPARE) if len(self.timeline.releases) > 1 else "",
        )
        title = self.say(vocabulary.PAGE_TITLES["changelog"], lang)
        first, last = timeline.releases[0], timeline.newest
        values = {"controller": self.controller, "title": title, "date": i18n.format_date(timeline.today, lang)}
        header = (
            self.say(vocabulary.HISTORY_PRINT_HEADER, lang, first=first.id, last=last.id, **values)
            if first is not last
            else self.say(vocabulary.HISTORY_PRINT_HEADER_ONE, lang, id=first.id, **values)
        )
        yield Page(
            CHANGELOG,
            title,
            markdown,
            searchable=True,
            in_nav=True,
            record={"header": header, "address": self.site_url + self.url(lang, CHANGELOG)},
            html_blocks=(periods,),
        )

    def in_force_words(self, lang: str, release: Release) -> str:
        """A release's period in force in words ("In force from 1 March 2026 to 31 August 2026."), by its status."""
        timeline = self.timeline
        period = timeline.in_force(release)
        if period is None:
            successor = timeline.successor(release)
            assert successor is not None  # only a release replaced the same day has no period
            return self.say(vocabulary.IN_FORCE["never"], lang, id=successor.id)
        status = timeline.status(release)
        key = f"{status}_until" if period.end is not None and status != "archived" else status
        if period.end == period.start:  # one day: "from 25 November to 25 November" reads as a slip
            key = f"{status}_one_day"
        dates = {"start": i18n.format_date(period.start, lang)}
        if period.end is not None:
            dates["end"] = i18n.format_date(period.end, lang)
        return self.say(vocabulary.IN_FORCE[key], lang, **dates)

    @cached_property
    def changes(self) -> dict[str, tuple[diff.Change, ...]]:
        """What changed in each release, in the changelog's order; the same in every language, so worked out once."""
        found = {}
        for release in self.timeline.releases:
            previous = self.timeline.predecessor(release)
            changes = diff.changes(previous.notice, release.notice) if previous else ()
            found[release.id] = self.ordered(changes)
        return found

    @cached_property
    def classes(self) -> dict[str, diff.Class]:
        """Each release's class in law: material if any of its changes is, and the first release."""
        return {
            release.id: diff.classed(self.changes[release.id], first=self.timeline.predecessor(release) is None)
            for release in self.timeline.releases
        }

    @staticmethod
    def ordered(changes: tuple[diff.Change, ...]) -> tuple[diff.Change, ...]:
        """Changes in the order the changelog lists them (vocabulary.CHANGES)."""
        return changelog.ordered(changes)

    def described(self, lang: str, changes: tuple[diff.Change, ...]) -> list[tuple[str, list[str]]]:
        """The changes as the changelog lists them, in groups (a lead, its lines): the material changes first,
        then the editorial ones, each change of substance on a line of its own and last one line naming where
        only capital letters, spacing or punctuation changed, so that a corrected capital letter never reads
        as a change of what the notice says. Where a release has changes of one class only, one group without
        a lead (its class is said beside it)."""
        material = [self.describe(lang, change) for change in changes if change.material]
        editorial = [
            self.describe(lang, change) for change in changes if not change.material and change.nature != "editorial"
        ]
        wording = self.editorial(lang, changes)
        editorial += [wording] if wording else []
        if material and editorial:
            leads = {group: self.say(lead, lang) for group, lead in vocabulary.CHANGE_GROUPS.items()}
            return [(leads["material"], material), (leads["editorial"], editorial)]
        return [("", material or editorial)] if material or editorial else []

    def editorial(self, lang: str, changes: tuple[diff.Change, ...]) -> str:
        """The areas with editorial changes, each with how many of its items changed so ("" if none)."""
        counts: dict[str, int] = {}
        for change in changes:
            if change.nature == "editorial":
                counts[change.area] = counts.get(change.area, 0) + (1 if change.subject else 0)
        if not counts:
            return ""
        areas = [
            self.say(
                vocabulary.EDITORIAL_COUNT,
                lang,
                area=self.say(vocabulary.EDITORIAL_AREAS[area], lang),
                count=str(count),
            )
            if count
            else self.say(vocabulary.EDITORIAL_AREAS[area], lang)
            for area, count in counts.items()
        ]
        return self.say(vocabulary.EDITORIAL, lang, areas=i18n.format_list(areas, lang))

    def describe(self, lang: str, change: diff.Change) -> str:
        return changelog.describe(change, lang, self.project.locales)


PAGES: tuple[tuple[Callable[[Pages, str], Iterable[Page]], bool], ...] = (
    # (the pages, whether the live preview builds them), in the order they are built
    (Pages.notice_in_force, True),
    (Pages.release_pages, False),
    (Pages.diff_pages, False),
    (Pages.current_diff_pages, False),
    (Pages.announcement_pages, False),
    (Pages.in_brief_pages, False),
    (Pages.forms_pages, False),
    (Pages.compare_page, False),
    (Pages.changelog, True),
    (Pages.draft, True),
    (Pages.draft_diff, True),
)


# -- A company's site ---------------------------------------------------------

FRONT = "index.md"
"""A company's front page, at /<lang>/: its notices, whom each is for, which version is in force."""


@dataclass(frozen=True)
class Company:
    """A company's notices on one site: each notice's pages under its folder, and a front page listing them."""

    notices: tuple[Pages, ...]

    @property
    def name(self) -> str:
        """The controller the site is named for: the first notice's (a company's notices share it)."""
        return self.notices[0].controller

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language any notice is published in, in the site's order."""
        return in_order({lang for pages in self.notices for lang in pages.languages})

    def of(self, lang: str, preview: bool = False) -> tuple[Page, ...]:
        return (self.front(lang),) + tuple(page for pages in self.notices for page in pages.of(lang, preview))

    def say(self, message: str, lang: str, **values: str) -> str:
        return self.notices[0].say(message, lang, **values)

    def labels(self, lang: str) -> dict[str, str]:
        """The site templates' words, where the site's home is the list of notices (vocabulary.COMPANY_LABELS)."""
        company = {key: self.say(message, lang) for key, message in vocabulary.COMPANY_LABELS.items()}
        return self.notices[0].labels(lang) | company

    def title(self, lang: str) -> str:
        """ "Privacy notices: Pohjoisväylä Oy": the site's name in the chooser, the front page and the feed."""
        return f"{self.say(vocabulary.PAGE_TITLES['notices'], lang)}: {self.name}"

    def feed_title(self, lang: str) -> str:
        return f"{self.title(lang)}: {self.say(vocabulary.PAGE_TITLES['changelog'], lang)}"

    def front(self, lang: str) -> Page:
        """The front page of `lang`: each notice published in it, with whom it is for, the version in force
        and the upcoming one, linked."""
        entries = []
        for pages in self.notices:
            if lang not in pages.languages:
                continue
            timeline = pages.timeline
            entries.append(
                {
                    "heading": pages.heading(lang),
                    "period": pages.in_force_words(lang, timeline.current),
                    "upcoming": timeline.upcoming,
                    "upcoming_date": i18n.format_date(timeline.upcoming.effective, lang) if timeline.upcoming else "",
                    "link": link(FRONT, pages.prefix + IN_FORCE),
                    "changelog_link": link(FRONT, pages.prefix + CHANGELOG),
                    "upcoming_link": link(FRONT, pages.prefix + release_page(timeline.upcoming))
                    if timeline.upcoming
                    else "",
                }
            )
        title = self.title(lang)
        markdown = render_template(
            "front.md.j2", lang, self.notices[0].project.locales, title=title, controller=self.name, entries=entries
        )
        today = i18n.format_date(self.notices[0].timeline.today, lang)
        return Page(
            FRONT,
            self.say(vocabulary.PAGE_TITLES["notices"], lang),
            markdown,
            searchable=True,
            in_nav=True,
            changelog="",
            record={"header": f"{title} · {today}", "address": self.notices[0].site_url + url_of(lang, FRONT)},
        )


def company_files(company: Company, colors: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Everything a company's site publishes beside its pages: the root's files (versions.json lists the
    notices), each notice's files and feed, and the feed of all the notices in each language."""
    first = company.notices[0]
    site = {lang: {"title": company.title(lang), "feed_title": company.feed_title(lang)} for lang in company.languages}
    found = site_files(first, site, company_versions_json(company), colors)
    for pages in company.notices:
        found |= notice_files(pages)
    for lang in company.languages:
        found[f"{lang}/feed.xml"] = company_feed(company, lang)
    return found


def company_versions_json(company: Company) -> bytes:
    """versions.json of a company's site: `{"notices": [{"id", "audience", "current", "upcoming", "releases"}]}`."""
    return _json(
        {
            "notices": [
                {
                    "id": pages.project.id,
                    "audience": {lang: pages.audience(lang) for lang in pages.languages if pages.audience(lang)},
                    **versions(pages),
                }
                for pages in company.notices
            ]
        }
    )


def company_feed(company: Company, lang: str) -> bytes:
    """The feed of every notice of a company in `lang` (/<lang>/feed.xml): each notice's entries, with the same
    ids as in the notice's own feed, newest first; each title names whom the notice is for."""
    entries = []
    for pages in company.notices:
        if lang in pages.languages:
            for entry in feed_entries(pages, lang, pages.prefix):
                entries.append(entry | {"title": f"{pages.heading(lang)}: {entry['title']}"})
    entries.sort(key=lambda entry: str(entry["updated"]), reverse=True)
    first = company.notices[0]
    authority, since = feed_authority(first)
    return _file(
        first,
        "feed.xml.j2",
        lang,
        lang=lang,
        controller=company.name,
        title=company.feed_title(lang),
        id=atom.feed_id(authority, min(feed_authority(pages)[1] for pages in company.notices), lang),
        base=f"{first.site_url}/{lang}/" if first.site_url else "",
        home="./",
        updated=max(str(entry["updated"]) for entry in entries),
        entries=entries,
    )


# -- Files beside the pages ------------------------------------------------------


def files(pages: Pages, colors: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Everything published that is not a page: versions.json, the chooser, the 404 page, feeds, release JSON."""
    site = {
        lang: {"title": pages.notice_title(lang), "feed_title": feed_title(pages, lang)} for lang in pages.languages
    }
    return (
        site_files(pages, site, versions_json(pages), colors)
        | notice_files(pages)
        | {f"{lang}/feed.xml": feed(pages, lang) for lang in pages.languages}
    )


def site_files(
    pages: Pages, site: Mapping[str, Mapping[str, str]], versions: bytes, colors: Mapping[str, str] | None
) -> dict[str, bytes]:
    """The files at the site's root: versions.json, the language chooser and the site-wide 404 page, which
    name the site (`site`: by language, its title and its feed's)."""
    languages = [
        {
            "lang": lang,
            "name": i18n.language_name(lang, lang),
            "not_found": pages.say(vocabulary.NOT_FOUND, lang),
            **named,
        }
        for lang, named in site.items()
    ]
    first = languages[0]
    look = {"controller": pages.controller, "colors": dict(colors or {})}
    return {
        "versions.json": versions,
        "index.html": _file(pages, "chooser.html.j2", first["lang"], languages=languages, first=first, **look),
        # GitHub Pages serves it at any missing address: its links start at the host's root.
        "404.html": _file(
            pages, "404.html.j2", first["lang"], languages=languages, first=first, root=pages.site_url or "", **look
        ),
    }


def notice_files(pages: Pages) -> dict[str, bytes]:
    """A notice's frozen files the site serves (release JSON, texts, announcements for e-mail) and, in a
    company's site, its own feed in each language (and a moved notice's old addresses)."""
    found = frozen_files(pages, release_files(pages.prefix)) | form_notice_files(pages)
    if pages.prefix:
        for lang in pages.languages:
            found[f"{lang}/{pages.prefix}feed.xml"] = feed(pages, lang)
    if pages.moved:
        found |= frozen_files(pages, release_files()) | moved_pages(pages)
    return found


def frozen_files(pages: Pages, folder: str) -> dict[str, bytes]:
    """The frozen files of a notice's releases the site serves, under `folder` (releases/<notice>/)."""
    found = {}
    for release in pages.timeline.releases:
        found[f"{folder}{release.id}.json"] = release.read(JSON_NAME)
        for lang in release.languages:  # the frozen texts themselves, so that their sha256 can be checked
            found[f"{folder}{release.id}/{text_name(lang)}"] = release.read(text_name(lang))
        for lang in release.announced:  # the announcement for e-mail, at a stable address
            name = announcement_name(lang, "txt")
            release.announcement(lang, "txt")  # refused, as a released text is, if it holds what Seloste never writes
            found[f"{folder}{release.id}/{name}"] = release.read(name)
    return found


def form_notice_files(pages: Pages) -> dict[str, bytes]:
    """Each release's notices at the form beside its forms page: the HTML fragment and the JSON of each purpose."""
    found = {}
    for release in pages.timeline.releases:
        for lang in release.languages:
            for said in pages.form_notices(lang, release):
                path = f"{lang}/{pages.prefix}{form_notice_file(release, said.purpose, '')}"
                found[f"{path}html"] = (said.html + "\n").encode("utf-8")
                found[f"{path}json"] = form_notices.one_json(said)
    return found


def moved_pages(pages: Pages) -> dict[str, bytes]:
    """A moved notice's old addresses (/fi/2026-11-25/, /fi/changelog/), each a page that leads to the new one
    (/fi/customers/2026-11-25/) at once; its old /fi/ is the front page that lists it."""
    found = {}
    for lang in pages.languages:
        for page in pages.of(lang):
            old = page.path.removeprefix(pages.prefix)
            if old == IN_FORCE:
                continue
            here = posixpath.dirname(old)
            found[f"{lang}/{here}/index.html"] = _file(
                pages,
                "moved.html.j2",
                lang,
                lang=lang,
                title=page.title,
                target=address_link(old, page.path),
                address=pages.site_url + url_of(lang, page.path) if pages.site_url else "",
            )
    return found


def _file(pages: Pages, template: str, language: str, **context: object) -> bytes:
    return render_file(template, language, pages.project.locales, **context).encode("utf-8")


def versions_json(pages: Pages) -> bytes:
    return _json(versions(pages))


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def versions(pages: Pages) -> dict[str, object]:
    """A notice's releases, newest first, with their addresses, hashes and periods in force."""
    timeline = pages.timeline
    folder = release_files(pages.prefix)
    return {
        "current": timeline.current.id,
        "upcoming": timeline.upcoming.id if timeline.upcoming else None,
        "releases": [
            {
                "id": r.id,
                "effective": r.effective.isoformat(),
                "status": timeline.status(r),
                "in_force": in_force_json(timeline.in_force(r)),
                "urls": {
                    lang: published(pages.site_url, pages.url(lang, release_page(r)).lstrip("/"))
                    for lang in r.languages
                },
                "texts": {lang: published(pages.site_url, f"{folder}{r.id}/{text_name(lang)}") for lang in r.languages},
                "sha256": {lang: r.sha256(lang) for lang in r.languages},
                "summary": {lang: r.notice.revision.summary[lang] for lang in r.languages},
                "change": pages.classes[r.id],
                "announcement": {
                    lang: {
                        "page": published(pages.site_url, pages.url(lang, announcement_page(r)).lstrip("/")),
                        "text": published(pages.site_url, f"{folder}{r.id}/{announcement_name(lang, 'txt')}"),
                        "sha256": r.files[announcement_name(lang, "txt")],
                    }
                    for lang in r.announced
                }
                or None,
                "notice": published(pages.site_url, f"{folder}{r.id}.json"),
                "notice_sha256": r.files[JSON_NAME],
                "first_layer": {
                    lang: published(pages.site_url, pages.url(lang, in_brief_page(r)).lstrip("/"))
                    for lang in r.languages
                },
                "form_notices": form_notices_json(pages, r),
            }
            for r in reversed(timeline.releases)
        ],
    }


def form_notices_json(pages: Pages, release: Release) -> dict[str, dict[str, str]]:
    """Each purpose's notice at the form of a release, in each language: the address of its JSON."""
    found: dict[str, dict[str, str]] = {}
    for lang in release.languages:
        for said in pages.form_notices(lang, release):
            path = f"{lang}/{pages.prefix}{form_notice_file(release, said.purpose, 'json')}"
            found.setdefault(said.purpose, {})[lang] = published(pages.site_url, path)
    return found


def in_force_json(period: Period | None) -> dict[str, str | None] | None:
    """A release's period in versions.json: its first and last day in force (ISO dates; "to" is null while no
    successor is released), or null for a release replaced on its own effective date, never in force.

    >>> from datetime import date
    >>> in_force_json(Period(date(2026, 1, 1), date(2026, 2, 28))), in_force_json(Period(date(2026, 3, 1), None))
    ({'from': '2026-01-01', 'to': '2026-02-28'}, {'from': '2026-03-01', 'to': None})
    >>> in_force_json(None) is None
    True
    """
    if period is None:
        return None
    return {"from": period.start.isoformat(), "to": period.end.isoformat() if period.end else None}


def feed_title(pages: Pages, lang: str) -> str:
    return f"{pages.notice_title(lang)}: {pages.say(vocabulary.PAGE_TITLES['changelog'], lang)}"


def feed(pages: Pages, lang: str) -> bytes:
    """The Atom feed of one notice in one language (/<lang>/feed.xml, in a company's site /<lang>/<notice>/feed.xml):
    an entry per release, newest first, each with a permanent tag: id."""
    entries = feed_entries(pages, lang, "")
    authority, first = feed_authority(pages)
    base = f"{pages.site_url}/{lang}/{pages.prefix}" if pages.site_url else ""  # else links relative to the feed
    return _file(
        pages,
        "feed.xml.j2",
        lang,
        lang=lang,
        controller=pages.controller,
        title=feed_title(pages, lang),
        id=atom.feed_id(authority, first, f"{lang}/{pages.project.id}" if pages.prefix else lang),  # a new feed
        base=base,
        home="changelog/",
        updated=max(str(entry["updated"]) for entry in entries),
        entries=entries,
    )


def feed_authority(pages: Pages) -> tuple[str, date]:
    """What a notice's feed ids are minted from: its first release's controller, and that release's date."""
    first = pages.timeline.releases[0]
    controller = first.notice.controller
    return atom.tag_authority(controller.name, controller.website, controller.email), first.effective


def feed_entries(pages: Pages, lang: str, folder: str) -> list[dict[str, object]]:
    """A notice's feed entries in `lang`, newest first; `folder` is the notice's folder from the feed's
    ("" in its own feed, "recruitment/" in a company's feed), where the entries' links start."""
    authority, first = feed_authority(pages)
    today = pages.timeline.today
    key = f"{pages.project.id}/" if pages.prefix and not pages.moved else ""  # a moved notice's ids stay
    return [
        {
            "release": r,
            "id": atom.entry_id(authority, first, lang, f"{key}{r.id}"),
            "title": pages.say(vocabulary.FEED_TITLES[pages.classes[r.id]], lang, id=r.id),
            "change": pages.classes[r.id],
            "change_label": pages.say(vocabulary.CLASSES[pages.classes[r.id]], lang),
            "updated": announced(r, today).isoformat(),
            "announcement": r.announcement(lang, "txt") if lang in r.announced else "",
            "link": f"{folder}{r.id}/",
            "announcement_link": folder + url_of(lang, announcement_page(r)).removeprefix(f"/{lang}/"),
        }
        for r in reversed(pages.timeline.releases)
    ]


def announced(release: Release, today: date) -> date:
    """The date of a release's feed entry: the day it was released, where the lock records it; else its
    effective date, but never after the build date (an upcoming release is not announced in the future).

    >>> from dataclasses import replace
    >>> from pathlib import Path
    >>> r = Release("2026-09-01", date(2026, 9, 1), {}, Path("r"))
    >>> announced(r, date(2026, 6, 15)), announced(r, date(2026, 10, 1))
    (datetime.date(2026, 6, 15), datetime.date(2026, 9, 1))
    >>> announced(replace(r, released=date(2026, 5, 2)), date(2026, 6, 15))
    datetime.date(2026, 5, 2)
    """
    return release.released or min(release.effective, today)
