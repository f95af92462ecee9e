"""The lock's format: policy/releases/releases.lock, read and written here and nowhere else.

releases.lock lists every release, oldest first, with its id, effective date,
the date it was released (since `release` records it; older entries have
none, and stay as they were) and the sha256 of each of its files:
notice.yaml, notice.json, a <lang>.md per language, (since releases froze
it) schema.json, for a notice that names shared parties (since they can) the
parties it took, parties.json, for a material change announced (since
`release` writes it), announcement.<lang>.md and announcement.<lang>.txt per language, and (since `release`
writes them) the first layer and the form notices of each language, first-layer.<lang>.md and
form-notices.<lang>.json. Its text is canonical (id, effective, released, files; keys
sorted within an entry's files, two spaces of indent, a final newline), so the
same releases always give the same bytes.

>>> [e.id for e in entries_from_text('{"releases": []}', "releases.lock")]
[]
>>> e = Entry("2026-01-01", date(2026, 1, 1), {"notice.yaml": "0" * 64, "notice.json": "1" * 64, "sv.md": "2" * 64,
...           "fi.md": "3" * 64})
>>> e.languages
('fi', 'sv')
>>> [(r.id, r.files == e.files, r.released, r.line) for r in entries_from_text(text([e]), "releases.lock")]
[('2026-01-01', True, None, 4)]
>>> from dataclasses import replace
>>> print(text([replace(e, released=date(2025, 12, 1))]).splitlines()[5])
      "released": "2025-12-01",
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from generator.findings import ENGLISH, Finding, NoticeError, Position, Said, _
from generator.findings import finding as _finding
from generator.notice.languages import in_order
from generator.project import LOCK_NAME, Project

SOURCE_NAME = "notice.yaml"
SCHEMA_NAME = "schema.json"  # the schema the release was checked against (releases since it was frozen too)
JSON_NAME = "notice.json"
PARTIES_NAME = "parties.json"  # the shared parties the notice took from policy/parties.yaml, where it named any
RULE = "release-integrity"
_TEXT = re.compile(r"[a-z]{2,3}\.md")  # the rendered text of one language
ANNOUNCEMENT_KINDS = ("md", "txt")
"""The announcement of a material change in each language: Markdown (its page) and plain text (e-mail)."""
_ANNOUNCEMENT = re.compile(r"announcement\.([a-z]{2,3})\.(md|txt)")
_FIRST_LAYER = re.compile(r"first-layer\.([a-z]{2,3})\.md")
_FORM_NOTICES = re.compile(r"form-notices\.([a-z]{2,3})\.json")

_ID = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def text_name(lang: str) -> str:
    """The file of a release that holds its rendered text in `lang`.

    >>> text_name("sv")
    'sv.md'
    """
    return f"{lang}.md"


def announcement_name(lang: str, kind: str) -> str:
    """The file of a release that holds its announcement in `lang`, as Markdown ("md") or plain text ("txt"):
    a name no language's text (`<lang>.md`) can take.

    >>> announcement_name("fi", "txt"), languages([announcement_name("fi", "md")])
    ('announcement.fi.txt', ())
    """
    return f"announcement.{lang}.{kind}"


def first_layer_name(lang: str) -> str:
    """The file of a release that holds its first layer in `lang` (words/first_layer.py): Markdown, a name no
    language's text can take.

    >>> first_layer_name("sv"), languages([first_layer_name("sv")])
    ('first-layer.sv.md', ())
    """
    return f"first-layer.{lang}.md"


def form_notices_name(lang: str) -> str:
    """The file of a release that holds its form notices in `lang` (words/form_notices.py), as JSON.

    >>> form_notices_name("fi")
    'form-notices.fi.json'
    """
    return f"form-notices.{lang}.json"


def layered(files: Iterable[str]) -> tuple[str, ...]:
    """The languages a release with these files froze its first layer and form notices in (none: a release
    made before `release` wrote them, whose site derives them from its notice.json).

    >>> layered(["fi.md", "first-layer.sv.md", "form-notices.sv.json", "first-layer.fi.md"])
    ('fi', 'sv')
    """
    return in_order({match[1] for name in files if (match := _FIRST_LAYER.fullmatch(name))})


def announced(files: Iterable[str]) -> tuple[str, ...]:
    """The languages a release with these files announces its change in (none: not announced).

    >>> announced(["fi.md", "announcement.sv.md", "announcement.sv.txt", "announcement.fi.txt"])
    ('fi', 'sv')
    """
    return in_order({match[1] for name in files if (match := _ANNOUNCEMENT.fullmatch(name))})


def languages(files: Iterable[str]) -> tuple[str, ...]:
    """The languages of a release with these files: one rendered text each, in the site's order.

    >>> languages(["notice.yaml", "sv.md", "fi.md"])
    ('fi', 'sv')
    """
    return in_order(name.removesuffix(".md") for name in files if _TEXT.fullmatch(name))


def sha256(content: bytes) -> str:
    """The digest the lock records of a file's bytes."""
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One release as the lock records it, and the line of the lock it starts on."""

    id: str
    effective: date
    files: dict[str, str]
    line: int = 0
    column: int = 0
    released: date | None = None
    """The day `release` made it (the build date); None for a release made before the lock recorded it."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it was published in: one rendered text each."""
        return languages(self.files)

    @property
    def announced(self) -> tuple[str, ...]:
        """The languages its announcement is in (none for an editorial change, or a release made before)."""
        return announced(self.files)

    @property
    def layered(self) -> tuple[str, ...]:
        """The languages of its frozen first layer and form notices (none for a release made before)."""
        return layered(self.files)

    @property
    def order(self) -> tuple[date, int]:
        """Where the release stands in time: its date, then its number that day."""
        match = _ID.fullmatch(self.id)
        assert match is not None  # an id is checked when its entry is read (_entry below)
        return self.effective, int(match.group(2) or 1)


def finding(path: str, said: Said, line: int = 0, column: int = 0) -> Finding:
    """An error of `release-integrity` at `path` (its line and column where known), said in any language."""
    return _finding(Position(path, line, column if line else 0), "error", said, RULE)


class _ShapeError(Exception):
    """What is wrong with the shape of one entry of the lock, said in any language."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.render(ENGLISH))
        self.said = said


def read_entries(project: Project) -> tuple[Entry, ...]:
    """The lock's entries, oldest first; NoticeError when the lock cannot be the record."""
    folder, lock = project.releases, project.lock
    shown_lock = project.shown(lock)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise NoticeError(
            [
                finding(
                    project.shown(folder),
                    _(
                        "is not a folder; it must be the folder that holds the release folders and %(lock)s",
                        lock=LOCK_NAME,
                    ),
                )
            ]
        )
    if not lock.exists() and not lock.is_symlink():
        kept = release_names(folder)
        if kept:
            raise NoticeError(
                [
                    finding(
                        shown_lock,
                        # NOTE: %(folder)s is the releases folder (policy/releases), %(releases)s the ids of the
                        # releases in it, such as "2026-01-01, 2026-03-01".
                        _(
                            "is missing, yet %(folder)s holds releases (%(releases)s); the lock is the record of "
                            "every release: restore it with git",
                            folder=project.shown(folder),
                            releases=", ".join(kept),
                        ),
                    )
                ]
            )
        return ()
    if lock.is_symlink() or not lock.is_file():
        raise NoticeError(
            [finding(shown_lock, _("is not a regular file; it must be the file that records every release"))]
        )
    try:
        text = lock.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoticeError(
            [
                finding(
                    shown_lock,
                    _("the release lock file is damaged: it is not UTF-8 text (byte %(byte)d)", byte=exc.start),
                )
            ]
        ) from None
    return entries_from_text(text, shown_lock)


def entries_from_text(text: str, path: str) -> tuple[Entry, ...]:
    """The entries of a lock's text, checked for shape and order; NoticeError naming the line otherwise."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 1)
        reason = getattr(exc, "msg", str(exc))
        # NOTE: %(reason)s is what Python's JSON parser says, in English, such as "Expecting ',' delimiter".
        damaged = _("the release lock file is damaged: %(reason)s", reason=reason)
        raise NoticeError([finding(path, damaged, line, column)]) from None
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list):
        shape = _('the release lock file is damaged: it must be {"releases": [...]}')
        raise NoticeError([finding(path, shape, 1, 1)])
    entries, problems = [], []
    for index, item in enumerate(data["releases"]):
        line, column = _place_of(text, item.get("id") if isinstance(item, dict) else None)
        try:
            entries.append(_entry(item, line, column))
        except _ShapeError as exc:
            # NOTE: releases[%(index)d] is the entry's place in the lock's list, counted from 0 (as written);
            # %(problem)s says what is wrong with it.
            damaged = _(
                "the release lock file is damaged: releases[%(index)d]: %(problem)s", index=index, problem=exc.said
            )
            problems.append(finding(path, damaged, line, column))
    if not problems:
        problems = _order_problems(entries, path)
    if problems:
        raise NoticeError(problems)
    return tuple(entries)


def _entry(item: Any, line: int, column: int) -> Entry:
    if not isinstance(item, dict) or not {"id", "effective", "files"} <= set(item) <= {*_KEYS}:
        # NOTE: "id", "effective", "files" and "released" are the lock's keys, as written.
        raise _ShapeError(_('an entry has exactly "id", "effective" and "files", and possibly "released"'))
    release_id, effective, files = item["id"], item["effective"], item["files"]
    match = _ID.fullmatch(release_id) if isinstance(release_id, str) else None
    if not match:
        raise _ShapeError(
            _("id %(id)s is not a release id such as 2026-01-31 or 2026-01-31-2", id=json.dumps(release_id))
        )
    if effective != match.group(1):
        raise _ShapeError(
            # NOTE: effective is the lock's key, as written.
            _(
                "release %(id)s: effective %(effective)s is not the date of its id",
                id=release_id,
                effective=json.dumps(effective),
            )
        )
    others = set(files) - {SOURCE_NAME, JSON_NAME, SCHEMA_NAME, PARTIES_NAME} if isinstance(files, dict) else set()
    texts = {n for n in others if _TEXT.fullmatch(n)}
    if (
        not isinstance(files, dict)
        or not {SOURCE_NAME, JSON_NAME} <= set(files)
        or not texts
        or not all(
            any(kind.fullmatch(n) for kind in (_TEXT, _ANNOUNCEMENT, _FIRST_LAYER, _FORM_NOTICES)) for n in others
        )
    ):
        raise _ShapeError(
            # NOTE: files is the lock's key; %(source)s, %(json)s, %(schema)s and %(parties)s are file names
            # (notice.yaml, notice.json, schema.json, parties.json): keep them, and fi.md, announcement.fi.md,
            # first-layer.fi.md and form-notices.fi.json, as they are.
            _(
                "release %(id)s: files must list %(source)s, %(json)s, the text of each of its languages (such as "
                "fi.md), possibly %(schema)s and %(parties)s, an announcement in each of its languages (such as "
                "announcement.fi.md and announcement.fi.txt) and a first layer and form notices in each of its "
                "languages (such as first-layer.fi.md and form-notices.fi.json), and nothing else",
                id=release_id,
                source=SOURCE_NAME,
                json=JSON_NAME,
                schema=SCHEMA_NAME,
                parties=PARTIES_NAME,
            )
        )
    _check_announcement(release_id, set(files))
    _check_layers(release_id, set(files), texts)
    bad = sorted(name for name, digest in files.items() if not (isinstance(digest, str) and _SHA256.fullmatch(digest)))
    if bad:
        raise _ShapeError(
            # NOTE: %(names)s are the file names whose digest is wrong.
            _(
                "release %(id)s: %(names)s: not a sha256 (64 lower-case hex digits)",
                id=release_id,
                names=", ".join(bad),
            )
        )
    try:
        day = date.fromisoformat(effective)
    except ValueError:
        raise _ShapeError(
            _("release %(id)s: %(effective)s is not a date", id=release_id, effective=effective)
        ) from None
    released = _released(release_id, item["released"]) if "released" in item else None
    return Entry(release_id, day, dict(files), line, column, released)


def _check_announcement(release_id: str, files: set[str]) -> None:
    """An announcement in a language is its Markdown and its plain text. (That it is the announcement
    `release` writes, in each of the release's languages, `check --since` sees: Release.announced_anew.)"""
    said = announced(files)
    expected = {announcement_name(lang, kind) for lang in said for kind in ANNOUNCEMENT_KINDS}
    if {n for n in files if _ANNOUNCEMENT.fullmatch(n)} != expected:
        raise _ShapeError(
            # NOTE: announcement.<lang>.md and announcement.<lang>.txt are file names (<lang> a language code, such as
            # fi): keep them as they are.
            _(
                "release %(id)s: an announcement lists both announcement.<lang>.md and announcement.<lang>.txt",
                id=release_id,
            )
        )


def _check_layers(release_id: str, files: set[str], texts: set[str]) -> None:
    """A release froze its first layer and form notices in every one of its languages, or (made before `release`
    wrote them) in none."""
    first = {m[1] for n in files if (m := _FIRST_LAYER.fullmatch(n))}
    forms = {m[1] for n in files if (m := _FORM_NOTICES.fullmatch(n))}
    if first != forms or (first and first != {n.removesuffix(".md") for n in texts}):
        raise _ShapeError(
            # NOTE: first-layer.<lang>.md and form-notices.<lang>.json are file names (<lang> a language code, such
            # as fi): keep them as they are.
            _(
                "release %(id)s: a first layer is first-layer.<lang>.md and form-notices.<lang>.json, in each of its "
                "languages or in none",
                id=release_id,
            )
        )


def _released(release_id: str, value: Any) -> date:
    """The date an entry says it was released: a date written YYYY-MM-DD (never null: an entry that does not
    know it leaves the key out, as `text` writes it)."""
    try:
        if not (isinstance(value, str) and _DATE.fullmatch(value)):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _ShapeError(
            # NOTE: released is the lock's key, as written; YYYY-MM-DD is the form of a date.
            _(
                "release %(id)s: released %(value)s is not a date (YYYY-MM-DD)",
                id=release_id,
                value=json.dumps(value),
            )
        ) from None


def _order_problems(entries: list[Entry], path: str) -> list[Finding]:
    problems, seen = [], set()
    for previous, entry in zip([None, *entries], entries, strict=False):
        if entry.id in seen:
            problems.append(finding(path, _("release %(id)s is listed twice", id=entry.id), entry.line, entry.column))
        elif previous and entry.order <= previous.order:
            problems.append(
                finding(
                    path,
                    _(
                        "release %(id)s is listed after %(previous)s; the lock lists releases oldest first",
                        id=entry.id,
                        previous=previous.id,
                    ),
                    entry.line,
                    entry.column,
                )
            )
        seen.add(entry.id)
    return problems


def _place_of(text: str, release_id: Any) -> tuple[int, int]:
    """Line and column of the entry with `release_id` in the lock's text, (0, 0) if not found."""
    match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(release_id)), text) if isinstance(release_id, str) else None
    if not match:
        return 0, 0
    return text.count("\n", 0, match.start()) + 1, match.start() - text.rfind("\n", 0, match.start())


class Recorded(Protocol):
    """What the lock records of a release (an Entry, or a Release about to be written)."""

    @property
    def id(self) -> str: ...
    @property
    def effective(self) -> date: ...
    @property
    def files(self) -> dict[str, str]: ...
    @property
    def released(self) -> date | None: ...


_KEYS = ("id", "effective", "released", "files")
"""An entry's keys, in the order the lock writes them ("released" only where it is known)."""


def text(entries: Iterable[Recorded]) -> str:
    """The lock's canonical text for `entries` (oldest first)."""
    return json.dumps({"releases": [_recorded(e) for e in entries]}, indent=2) + "\n"


def _recorded(entry: Recorded) -> dict[str, Any]:
    written: dict[str, Any] = {"id": entry.id, "effective": entry.effective.isoformat()}
    if entry.released is not None:
        written["released"] = entry.released.isoformat()
    written["files"] = dict(sorted(entry.files.items()))
    return written


def release_names(folder: Path) -> list[str]:
    """The names in the releases folder that claim to be releases: all but the lock and hidden names."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name != LOCK_NAME and not p.name.startswith("."))
