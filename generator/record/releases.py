"""Releases: published revisions, frozen so they never change.

`policy/notice.yaml` is the working copy. `release` freezes it under
policy/releases/<id>/: the source as written (notice.yaml), the schema it was
checked against (schema.json), the structured notice (notice.json, each
shared party it names written in), the shared parties as it took them from
policy/parties.yaml (parties.json, where it names any: notice.yaml and
parties.json say what notice.json says, and a later change of parties.yaml
changes nothing released), the
rendered text of each language (fi.md, sv.md, en.md) and, for a material
change, its announcement in each language (announcement.fi.md, the text of its
page, and announcement.fi.txt, plain text for e-mail; words/announcement.py), and in each language its first
layer (first-layer.fi.md; words/first_layer.py) and its notices at the form (form-notices.fi.json;
words/form_notices.py). A release made before `release` wrote these has none: its site derives them from its
notice.json with the words of the day (`first_layer_of`, `form_notices_of`). The source's first line
tells editors where its schema is; in the release it names the frozen copy
beside it, so an editor opening a release checks it against its own format. policy/releases/releases.lock records the sha256 of every file, so a
later template or catalog change cannot alter a released text, and an edit to
a released file is caught by `check`. Everything needed to publish a release
is in the repository: no deploy branch, no git history.

The lock is the record (generator/record/ledger.py): a released file is read only
through `Release.read`, which checks its bytes against the lock first. A
release is written as a new copy of policy/releases exchanged with the old one
in one step (generator/folder_swap.py), so a killed `release` leaves either no
new release or a complete one listed in the lock.

Release ids are the effective date, with -2, -3 ... for further releases
effective on the same day: stable, sortable and URL-safe.

>>> next_id(date(2026, 1, 1), ["2025-06-01", "2026-01-01"])
'2026-01-01-2'
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator import caches
from generator.environment import is_site_address
from generator.findings import Finding, Level, NoticeError, Position, Said, _, finding, joined
from generator.folder_swap import locked_folder, recover, shared, staged
from generator.notice.changes import same_words
from generator.notice.load import UNCARRIABLE, Document, describe_character, load_bytes
from generator.notice.migrate import upgrade
from generator.notice.model import Notice, Text
from generator.notice.parties import Used, graft
from generator.notice.read import reading
from generator.notice.validate import conforms, validate
from generator.project import LOCK_NAME, Project
from generator.record import ledger, lock
from generator.record.lock import (
    JSON_NAME,
    PARTIES_NAME,
    SCHEMA_NAME,
    SOURCE_NAME,
    announcement_name,
    first_layer_name,
    form_notices_name,
    text_name,
)
from generator.settings import NOTICE_PERIOD_DAYS, read_settings
from generator.words import announcement, first_layer, form_notices
from generator.words.form_notices import FormNotice
from generator.words.render import render_notice

_MODELINE = re.compile(rb"^(\xef\xbb\xbf)?(#[ \t]*yaml-language-server:[ \t]*\$schema=)\S*", re.M)
"""The editor's line: `# yaml-language-server: $schema=PATH`, PATH relative to the file."""


_READ: dict[tuple[str, Path | None], Notice] = {}
"""Each released notice.json already read in this process, by its sha256 (checked against the lock on every
read) and the schema it conforms to: the live preview reads every release on each edit, and reading one (a
schema validation) is most of the cost. Only conforming notices are kept; they are immutable."""
caches.register(_READ.clear)
_FORMS: dict[tuple[str, str, str], tuple[FormNotice, ...]] = {}
"""Each frozen form-notices file already read and taken, by its sha256, release id and language."""
caches.register(_FORMS.clear)
_SAID: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
"""What each release's first layer and form notices link that its full text lacks (`Release.unsaid`), by the
sha256 of the files compared: the live preview verifies every release on each edit."""
caches.register(_SAID.clear)


@dataclass(frozen=True)
class Release:
    """One published revision: id, effective date and its frozen files."""

    id: str
    effective: date
    files: dict[str, str]  # file name -> sha256
    directory: Path
    schema: Path | None = None  # what notice.json must conform to (load_releases always gives it)
    shown: str = ""  # the folder as messages name it
    released: date | None = None
    """The day it was released (the lock records it since `release` writes it; None for older releases)."""

    @cached_property
    def notice(self) -> Notice:
        """The structured notice, from notice.json (fast: YAML is parsed only to say where it is wrong), in
        the current format whatever format it was released in: the changelog and diffs compare across formats."""
        raw = self.read(JSON_NAME)
        known = _READ.get((self.files[JSON_NAME], self.schema))
        if known is not None:
            return known
        try:
            data = json.loads(raw)
        except ValueError:
            data = None
        if isinstance(data, dict) and _holds_uncarriable(data):
            data = None  # never what `release` writes: refused below as not a notice
        if isinstance(data, dict):
            try:
                upgrade(data)
            except (AttributeError, KeyError, TypeError, ValueError):  # not a notice of any format
                data = None
        if self.schema is not None and not conforms(data, self.schema):
            where = self._shown(JSON_NAME)
            try:
                problems = validate(load_bytes(raw, where), self.schema) or [lock.finding(where, _("not a notice"))]
            except NoticeError as exc:
                problems = list(exc.findings)
            raise NoticeError(
                [
                    lock.finding(
                        f.position.path,
                        # NOTE: %(name)s is notice.json; %(problem)s what is wrong with it, as check says it of a
                        # notice.
                        _(
                            "release %(id)s: %(name)s is not a valid notice: %(problem)s",
                            id=self.id,
                            name=JSON_NAME,
                            problem=f.message if f.said is None else f.said,
                        ),
                        f.position.line,
                        f.position.column,
                    )
                    for f in problems
                ]
            )
        notice = _READ[(self.files[JSON_NAME], self.schema)] = Notice.from_data(data)
        return notice

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it was published in: one rendered text each, recorded in the lock."""
        return lock.languages(self.files)

    def text(self, lang: str) -> str:
        """The rendered text of a language, exactly as released."""
        return self._decoded(text_name(lang))

    @property
    def announced(self) -> tuple[str, ...]:
        """The languages its change was announced in: none for an editorial change, the first release, or a
        release made before `release` wrote announcements."""
        return lock.announced(self.files)

    def announcement(self, lang: str, kind: str = "md") -> str:
        """Its announcement in `lang`, exactly as released: the Markdown of its page ("md") or the plain text for
        e-mail ("txt")."""
        return self._decoded(announcement_name(lang, kind))

    @property
    def layered(self) -> tuple[str, ...]:
        """The languages it froze its first layer and form notices in: each of its languages, or none (a release
        made before `release` wrote them)."""
        return lock.layered(self.files)

    def first_layer(self, lang: str) -> str | None:
        """Its first layer in `lang` (Markdown) exactly as released; None for a release made before."""
        return self._decoded(first_layer_name(lang)) if lang in self.layered else None

    def form_notices(self, lang: str) -> tuple[FormNotice, ...] | None:
        """Its notices at the form in `lang` as released; None for a release made before; NoticeError where the
        file holds anything `release` never writes (it is untrusted input whatever the lock says)."""
        if lang not in self.layered:
            return None
        name = form_notices_name(lang)
        key = (self.files[name], self.id, lang)
        if key not in _FORMS:
            try:
                _FORMS[key] = form_notices.read(self._decoded(name), self.id, lang)
            except ValueError as exc:
                raise NoticeError(
                    [
                        lock.finding(
                            self._shown(name),
                            # NOTE: %(reason)s says what is wrong, in English, such as "'news': html is not the
                            # fragment Seloste writes".
                            _(
                                "release %(id)s: %(name)s is not the form notices Seloste writes (%(reason)s); "
                                "restore the release with git",
                                id=self.id,
                                name=name,
                                reason=str(exc),
                            ),
                        )
                    ]
                ) from None
        return _FORMS[key]

    def unsaid(self) -> list[Finding]:
        """Each section its frozen first layer or form notices link that its full text in the same language does
        not have: the first layer says nothing the full text does not, and neither does a notice at the form."""
        found = []
        for lang in self.layered:
            names = (text_name(lang), first_layer_name(lang), form_notices_name(lang))
            key = (self.id, lang, *(self.files[name] for name in names))
            if key not in _SAID:
                text, brief = self.text(lang), self.first_layer(lang) or ""
                sections = first_layer.anchors(text)
                forms = self.form_notices(lang) or ()
                _SAID[key] = tuple((names[1], anchor) for anchor in first_layer.unsaid(brief, text)) + tuple(
                    (names[2], f"purpose-{n.purpose}") for n in forms if f"purpose-{n.purpose}" not in sections
                )
            found += [
                lock.finding(
                    self._shown(name),
                    # NOTE: %(name)s is the first layer's or the form notices' file, %(anchor)s the id of a section
                    # (such as purpose-marketing), %(text)s the file of the full text in the same language (fi.md).
                    _(
                        "release %(id)s: %(name)s links the section #%(anchor)s, which its full text %(text)s does "
                        "not have; a shorter notice says nothing the full text does not: make the release again",
                        id=self.id,
                        name=name,
                        anchor=anchor,
                        text=names[0],
                    ),
                )
                for name, anchor in _SAID[key]
            ]
        return found

    def _decoded(self, name: str) -> str:
        """A released text file, checked against the lock, as text: untrusted input, refused where it holds
        what Seloste never writes."""
        try:
            text = self.read(name).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NoticeError(
                [
                    lock.finding(
                        self._shown(name),
                        _(
                            "release %(id)s: %(name)s is not UTF-8 text (byte %(byte)d)",
                            id=self.id,
                            name=name,
                            byte=exc.start,
                        ),
                    )
                ]
            ) from None
        bad = UNCARRIABLE.search(text)
        if bad:  # a released file is untrusted input: what the loader refuses in a notice, it refuses here
            raise NoticeError(
                [
                    lock.finding(
                        self._shown(name),
                        # NOTE: %(character)s says which character it is, such as "the control character U+001B".
                        _(
                            "release %(id)s: %(name)s contains %(character)s, which Seloste never writes; restore the "
                            "release with git",
                            id=self.id,
                            name=name,
                            character=describe_character(bad.group()),
                        ),
                    )
                ]
            )
        return text

    def rendered_anew(
        self,
        locales: Path,
        previous: Release | None = None,
        notice_period_days: int = NOTICE_PERIOD_DAYS,
        prefix: str | None = None,
        notice_id: str | None = None,
    ) -> list[Finding]:
        """Whether each released text is what the templates at `locales` render from the release's notice.json,
        its announcement what they write from it and `previous`'s (`announced_anew`), its first layer and form
        notices what they write from it (`layered_anew`; `prefix` and `notice_id` say which notice of a
        company's site it is), and its notice.yaml says what notice.json says: true of a release `release` made
        with this code, false of one made or edited by hand (a page could then differ from its own record)."""
        found = self.announced_anew(locales, previous, notice_period_days, prefix or "")
        found += self.layered_anew(locales, prefix, notice_id)
        for lang in self.languages:
            name = text_name(lang)
            if render_notice(self.notice, lang, locales) != self.text(lang):
                found.append(
                    lock.finding(
                        self._shown(name),
                        # NOTE: `release` is the command (python -m generator release), as typed.
                        _(
                            "release %(id)s: %(name)s is not the text Seloste renders from its notice.json; a release "
                            "is made by `release`, never by hand: make it again",
                            id=self.id,
                            name=name,
                        ),
                    )
                )
        source = load_bytes(self.read(SOURCE_NAME), self._shown(SOURCE_NAME)).data
        try:
            parties = self.parties
        except NoticeError as exc:
            return found + list(exc.findings)
        if json.loads(self.read(JSON_NAME)) != graft(source, parties)[0]:
            found.append(
                lock.finding(
                    self._shown(JSON_NAME),
                    # NOTE: %(json)s and %(source)s are file names (notice.json, notice.yaml).
                    _(
                        "release %(id)s: %(json)s does not say what its %(source)s says; make the release again",
                        id=self.id,
                        json=JSON_NAME,
                        source=SOURCE_NAME,
                    ),
                )
            )
        return found

    @cached_property
    def parties(self) -> Used:
        """The shared parties its notice named, as it took them (parties.json); none where it named none."""
        if PARTIES_NAME not in self.files:
            return MappingProxyType({})
        try:
            data = json.loads(self.read(PARTIES_NAME))
        except ValueError:
            data = None
        if not _are_parties(data):
            raise NoticeError(
                [
                    lock.finding(
                        self._shown(PARTIES_NAME),
                        # NOTE: %(name)s is parties.json.
                        _(
                            "release %(id)s: %(name)s is not the shared parties Seloste freezes; restore the release "
                            "with git",
                            id=self.id,
                            name=PARTIES_NAME,
                        ),
                    )
                ]
            )
        return MappingProxyType({kind: MappingProxyType(parties) for kind, parties in data.items()})

    def announced_anew(
        self, locales: Path, previous: Release | None, notice_period_days: int, folder: str = ""
    ) -> list[Finding]:
        """Whether the release holds the announcement `release` writes: none for an editorial change or a first
        release, else each file word for word, with the site's address its own text gives (the address
        known when it was released, which this run need not know) and the project's notice period."""
        site_url = self._announced_address()
        expected = _announcement_files(self, self.notice, previous, locales, notice_period_days, site_url, folder)
        names = sorted(expected.keys() | {n for n in self.files if n.startswith("announcement.")})
        return self._unlike(
            expected,
            names,
            # NOTE: %(name)s is a file of the announcement, such as announcement.fi.txt; `release` is the command,
            # as typed.
            lambda name: _(
                "release %(id)s: %(name)s is not the announcement Seloste writes from its notice.json and the "
                "previous release's; a release is made by `release`, never by hand: make it again",
                id=self.id,
                name=name,
            ),
            lambda name: _(
                "release %(id)s: %(name)s is missing: a material change is announced; make the release again",
                id=self.id,
                name=name,
            ),
        )

    def layered_anew(self, locales: Path, prefix: str | None = None, notice_id: str | None = None) -> list[Finding]:
        """Whether the release holds the first layer and form notices `release` writes, word for word, in each of
        its languages, the form notices linking under the site's address their own links give; `prefix` and
        `notice_id` say which notice of a company's site it is (not given: the notice its form notices name)."""
        if prefix is None:
            named = next((n.notice for lang in self.layered for n in self.form_notices(lang) or ()), None)
            prefix, notice_id = (f"{named}/" if named else ""), named
        expected = _layer_files(self, self.notice, locales, self._layered_address(prefix), prefix, notice_id)
        return self._unlike(
            expected,
            sorted(expected),
            # NOTE: %(name)s is a file of the release, such as first-layer.fi.md; `release` is the command, as
            # typed.
            lambda name: _(
                "release %(id)s: %(name)s is not what Seloste writes from its notice.json; a release is made by "
                "`release`, never by hand: make it again",
                id=self.id,
                name=name,
            ),
            lambda name: _(
                "release %(id)s: %(name)s is missing: `release` writes it; make the release again",
                id=self.id,
                name=name,
            ),
        )

    def _unlike(
        self,
        expected: dict[str, bytes],
        names: Iterable[str],
        changed: Callable[[str], Said],
        missing: Callable[[str], Said],
    ) -> list[Finding]:
        """A finding for each of `names` the release holds otherwise than `expected` has it (`changed`), or lacks
        (`missing`): the files `release` writes from the frozen notice, which nobody may edit."""
        return [
            lock.finding(self._shown(name), changed(name) if name in self.files else missing(name))
            for name in names
            if name not in self.files or expected.get(name) != self.read(name)
        ]

    def _layered_address(self, prefix: str) -> str:
        """The site's address the form notices link under (what comes before /<lang>/<prefix><id>/ in a link), ""
        where they link relative to their own files or hold none."""
        for lang in self.layered:
            for notice in self.form_notices(lang) or ():
                tail = f"/{lang}/{prefix}{self.id}/#purpose-{notice.purpose}"
                address = notice.link.removesuffix(tail)
                return address if address != notice.link and is_site_address(address) else ""
        return ""

    def _announced_address(self) -> str:
        """The site's address the announcement gives (the part before /<lang>/<id>/ of its first address), ""
        where it gives paths from the site's root or is not an address Seloste would write."""
        if not self.announced:
            return ""
        lang = self.announced[0]
        found = re.search(rf"(\S*)/{lang}/{re.escape(self.id)}/$", self.announcement(lang, "txt"), re.M)
        address = found.group(1) if found else ""
        return address if address and is_site_address(address) else ""

    def read(self, name: str) -> bytes:
        """A released file's bytes, only if they are those the lock records: read and checked once for this
        value (a site reads each text for its page and three comparisons; a new plan reads them anew)."""
        if name not in self._checked:
            self._checked[name] = self._read_checked(name)
        return self._checked[name]

    @cached_property
    def _checked(self) -> dict[str, bytes]:
        return {}

    def _read_checked(self, name: str) -> bytes:
        try:
            content = (self.directory / name).read_bytes()
        except OSError as exc:
            raise NoticeError(
                [
                    lock.finding(
                        self._shown(name),
                        # NOTE: %(reason)s is what the system says, in English, such as "is a directory".
                        _(
                            "release %(id)s: %(name)s cannot be read: %(reason)s",
                            id=self.id,
                            name=name,
                            reason=(exc.strerror or str(exc)).lower(),
                        ),
                    )
                ]
            ) from None
        if name not in self.files or lock.sha256(content) != self.files[name]:
            raise NoticeError(
                [
                    lock.finding(
                        self._shown(name),
                        _(
                            "release %(id)s: %(name)s is not the file %(lock)s records; a published release never "
                            "changes",
                            id=self.id,
                            name=name,
                            lock=LOCK_NAME,
                        ),
                    )
                ]
            )
        return content

    def _shown(self, name: str) -> str:
        return f"{self.shown or self.directory}/{name}"

    def sha256(self, lang: str) -> str:
        return self.files[text_name(lang)]


def verified(project: Project) -> tuple[tuple[Release, ...], list[Finding]]:
    """Every release and every way policy/releases differs from the lock, read while no `release` changes them
    (a reader during a release saw a new lock beside the old folders: a false release-integrity error)."""
    with shared(_readers_lock(project)):
        releases = load_releases(project)
        return releases, verify(project, releases)


def _readers_lock(project: Project) -> Path:
    return project.releases.with_name(f".{project.releases.name}.lock")


def load_releases(project: Project) -> tuple[Release, ...]:
    """Every release listed in the lock file, oldest first; NoticeError when the lock cannot be read."""
    return tuple(
        Release(
            e.id,
            e.effective,
            e.files,
            project.releases / e.id,
            project.schema,
            project.shown(project.releases / e.id),
            e.released,
        )
        for e in lock.read_entries(project)
    )


def verify(project: Project, releases: Iterable[Release] | None = None) -> list[Finding]:
    """Every way policy/releases differs from the lock (unlisted folders, missing, extra or edited files) and, where
    it does not, every section a frozen first layer or notice at the form links that its full text lacks."""
    releases = load_releases(project) if releases is None else tuple(releases)
    found = ledger.audit(project, releases)
    if not found:
        for release in releases:
            try:
                found += release.unsaid()
            except NoticeError as exc:
                found += exc.findings
    return found


def first_layer_of(release: Release, lang: str, locales: Path) -> str:
    """The first layer of `release` in `lang`: as frozen, or for a release made before `release` froze one, made
    from its notice.json with the words of the day, for the sections its full text has."""
    frozen = release.first_layer(lang)
    if frozen is not None:
        return frozen
    return first_layer.markdown(release.notice, lang, locales, first_layer.anchors(release.text(lang)))


def form_notices_of(
    release: Release, lang: str, locales: Path, *, site_url: str, prefix: str = "", notice_id: str | None = None
) -> tuple[FormNotice, ...]:
    """The notices at the form of `release` in `lang`: as frozen, or for a release made before `release` froze
    them, made from its notice.json with the words of the day, linking under `site_url` (the site's address now,
    "" when not known) its page in the site's folder `prefix` of notice `notice_id` (a company's site)."""
    frozen = release.form_notices(lang)
    if frozen is not None:
        return frozen
    sections = first_layer.anchors(release.text(lang))
    return form_notices.form_notices(
        release.notice, release.id, lang, locales, sections, site_url=site_url, prefix=prefix, notice_id=notice_id
    )


def next_id(effective: date, existing: Iterable[str]) -> str:
    taken = set(existing)
    base = effective.isoformat()
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def make_release(project: Project, *, today: date, site_url: str = "") -> Release:
    """Freeze the working copy as a new release, released `today` (the build date, which the lock records),
    with the announcement of a material change, which names its pages under `site_url` (the site's address,
    "" when not known: then by their paths from the site's root); refuse one that changes nothing or goes back
    in time."""
    settings = read_settings(project.settings, project.shown(project.settings))
    source = project.notice
    read = reading(source, project.schema, project.parties)
    notice, doc = read.notice, read.doc
    folder = project.releases
    folder.parent.mkdir(parents=True, exist_ok=True)
    busy = (
        f"{project.shown(folder)}: another `release` is writing it right now; run the command again when it "
        "has finished"
    )
    with locked_folder(folder.parent, busy), shared(_readers_lock(project), write=True):
        recover(folder)  # a release killed earlier: its staging or old copy goes, before anything can refuse
        releases = load_releases(project)
        errors = verify(project, releases)
        if errors:
            raise NoticeError(errors)
        _refuse_pointless(notice, releases, doc)
        release_id = next_id(notice.revision.effective, (r.id for r in releases))
        contents = {
            SOURCE_NAME: frozen_source(source.read_bytes()),
            SCHEMA_NAME: project.schema.read_bytes(),
            JSON_NAME: _canonical(doc.data),
            **({PARTIES_NAME: _canonical({k: dict(v) for k, v in read.parties.items()})} if read.parties else {}),
            **{
                text_name(lang): render_notice(notice, lang, project.locales).encode("utf-8")
                for lang in notice.languages
            },
        }
        release = Release(
            release_id,
            notice.revision.effective,
            {n: lock.sha256(c) for n, c in contents.items()},
            folder / release_id,
            project.schema,
            project.shown(folder / release_id),
            today,
        )
        previous = releases[-1] if releases else None
        contents |= _announcement_files(
            release, notice, previous, project.locales, settings.notice_period_days, site_url, project.prefix
        )
        contents |= _layer_files(release, notice, project.locales, site_url, project.prefix, project.id or None)
        release = replace(release, files={n: lock.sha256(c) for n, c in contents.items()})
        with staged(folder, project.root) as staging:
            _keep(folder, staging)
            (staging / release_id).mkdir()
            for name, content in contents.items():
                (staging / release_id / name).write_bytes(content)
            (staging / LOCK_NAME).write_text(lock.text(releases + (release,)), encoding="utf-8")
    return release


def _canonical(data: Any) -> bytes:
    """JSON as a release freezes it: keys sorted, two spaces of indent, a final newline; the same data, the same
    bytes."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _announcement_files(
    release: Release,
    notice: Notice,
    previous: Release | None,
    locales: Path,
    notice_period_days: int,
    site_url: str,
    folder: str = "",
) -> dict[str, bytes]:
    """The files of the announcement of `release` (whose notice is `notice`) by name, in each of its languages;
    none for an editorial change or the first release."""
    if previous is None or release.released is None:
        return {}
    said = announcement.announcement(
        previous.notice,
        notice,
        release.id,
        release.released,
        notice_period_days=notice_period_days,
        site_url=site_url,
        folder=folder,
    )
    if said is None:
        return {}
    files = {}
    for lang in release.languages:
        files[announcement_name(lang, "md")] = announcement.markdown(said, lang, locales).encode("utf-8")
        files[announcement_name(lang, "txt")] = announcement.text(said, lang, locales).encode("utf-8")
    return files


def _layer_files(
    release: Release, notice: Notice, locales: Path, site_url: str, prefix: str, notice_id: str | None
) -> dict[str, bytes]:
    """The first layer and the form notices of `release` (whose notice is `notice`) by name, in each of its
    languages, for the sections of its full text; the form notices link its page under `site_url`."""
    files = {}
    for lang in release.languages:
        sections = first_layer.anchors(render_notice(notice, lang, locales))
        said = first_layer.markdown(notice, lang, locales, sections)
        forms = form_notices.form_notices(
            notice, release.id, lang, locales, sections, site_url=site_url, prefix=prefix, notice_id=notice_id
        )
        files[first_layer_name(lang)] = said.encode("utf-8")
        files[form_notices_name(lang)] = form_notices.to_json(forms)
    return files


def frozen_source(source: bytes) -> bytes:
    r"""The source as written, its editor line (if any) naming the schema frozen beside it.

    >>> frozen_source(b"# yaml-language-server: $schema=../../../policy/schema.json\nseloste: 1\n")
    b'# yaml-language-server: $schema=./schema.json\nseloste: 1\n'
    >>> frozen_source(b"# yaml-language-server: $schema=a.json\n# yaml-language-server: $schema=b.json\n")
    b'# yaml-language-server: $schema=./schema.json\n# yaml-language-server: $schema=b.json\n'
    >>> frozen_source(b"seloste: 1\n")
    b'seloste: 1\n'
    """
    return _MODELINE.sub(lambda match: (match[1] or b"") + match[2] + b"./" + SCHEMA_NAME.encode(), source, count=1)


SUMMARY_RULE = "revision-summary"
"""The rule id of a revision whose summary repeats the last release's."""


def repeated_summary(notice: Notice, doc: Document, last: Release, level: Level) -> list[Finding]:
    """Each language whose summary repeats the last release's (capital letters, spacing and punctuation aside),
    while the notice says something new: the version history and the feed would announce the same change
    twice, and the reader would not learn what this revision changes."""
    if _content(notice) == _content(last.notice):  # the working copy is the last release: nothing new to sum up
        return []
    before = last.notice.revision.summary
    return [
        finding(
            doc.position(("revision", "summary", lang)),
            level,
            joined(
                f"revision.summary.{lang}",
                ": ",
                _("repeats the summary of release %(id)s; say what this revision changes", id=last.id),
            ),
            SUMMARY_RULE,
        )
        for lang, text in notice.revision.summary.items()
        if text.strip() and lang in before and same_words(text, before[lang])
    ]


def _refuse_pointless(notice: Notice, releases: tuple[Release, ...], doc: Document) -> None:
    if not releases:
        return
    last = releases[-1]
    where = Position(doc.path, *doc.values.get(("revision",), (0, 0)))
    if notice.revision.effective < last.effective:
        # NOTE: revision.effective is the notice's field, as typed; the dates are YYYY-MM-DD.
        said = _(
            "revision.effective %(effective)s is earlier than release %(id)s (effective %(last)s); releases follow "
            "each other in time",
            effective=notice.revision.effective.isoformat(),
            id=last.id,
            last=last.effective.isoformat(),
        )
        raise NoticeError([finding(where, "error", said)])
    if _content(notice) == _content(last.notice):
        said = _("nothing changed since release %(id)s; edit the notice before releasing", id=last.id)
        raise NoticeError([finding(where, "error", said)])
    repeated = repeated_summary(notice, doc, last, "error")
    if repeated:
        raise NoticeError(repeated)


def changed_since_release(project: Project) -> bool:
    """Whether the working copy says anything the newest release does not (or nothing is released yet):
    which of a company's notices `release` releases when none is named."""
    releases = load_releases(project)
    if not releases:
        return True
    notice = reading(project.notice, project.schema, project.parties).notice
    return _content(notice) != _content(releases[-1].notice)


def _content(notice: Notice) -> Notice:
    """The notice without its revision metadata: what a release is about."""
    return replace(notice, revision=replace(notice.revision, effective=date.min, summary=Text(), urgent=None))


def _keep(folder: Path, staging: Path) -> None:
    """Carry every release (as hard links: released files never change) and anything else kept, into the
    copy of policy/releases that the new release is added to; leftovers of interrupted releases stay behind."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name == LOCK_NAME or ledger.is_leftover(path.name):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.copytree(path, staging / path.name, copy_function=_link, symlinks=True)
        else:
            _link(path, staging / path.name)


def _link(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _are_parties(data: object) -> bool:
    """Whether JSON data has the shape of frozen parties: kinds, each mapping ids to a party's fields."""
    return (
        isinstance(data, dict)
        and all(isinstance(kind, dict) and all(isinstance(p, dict) for p in kind.values()) for kind in data.values())
        and not _holds_uncarriable(data)
    )


def _holds_uncarriable(data: object) -> bool:
    """Whether a key or string anywhere in JSON data holds a character the loader refuses in a notice."""
    if isinstance(data, str):
        return bool(UNCARRIABLE.search(data))
    if isinstance(data, dict):
        return any(_holds_uncarriable(k) or _holds_uncarriable(v) for k, v in data.items())
    if isinstance(data, list):
        return any(_holds_uncarriable(v) for v in data)
    return False
