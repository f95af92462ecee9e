"""Releases: published revisions, frozen so they never change.

`policy/notice.yaml` is the working copy. `release` freezes it under
policy/releases/<id>/: the source as written (notice.yaml), the schema it was
checked against (schema.json), the structured notice (notice.json) and the
rendered text of each language (fi.md, sv.md, en.md). The source's first line
tells editors where its schema is; in the release it names the frozen copy
beside it, so an editor opening a release checks it against its own format. policy/releases/releases.lock records the sha256 of every file, so a
later template or catalog change cannot alter a released text, and an edit to
a released file is caught by `check`. Everything needed to publish a release
is in the repository: no deploy branch, no git history.

Release ids are the effective date, with -2, -3 ... for further releases
effective on the same day: stable, sortable and URL-safe.

>>> next_id(date(2026, 1, 1), ["2025-06-01", "2026-01-01"])
'2026-01-01-2'
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Iterable

from .findings import Finding, NoticeError, Position
from .languages import in_order
from .migrate import upgrade
from .model import Notice, Text
from .project import Project
from .read import read_notice
from .render import render_notice

SOURCE_NAME = "notice.yaml"
SCHEMA_NAME = "schema.json"
JSON_NAME = "notice.json"

_MODELINE = re.compile(rb"^(\xef\xbb\xbf)?(#[ \t]*yaml-language-server:[ \t]*\$schema=)\S*", re.M)
"""The editor's line: `# yaml-language-server: $schema=PATH`, PATH relative to the file."""


@dataclass(frozen=True)
class Release:
    """One published revision: id, effective date and its frozen files."""

    id: str
    effective: date
    files: dict[str, str]  # file name -> sha256
    directory: Path

    @cached_property
    def notice(self) -> Notice:
        """The structured notice, from notice.json (fast; no YAML parse), in the current format
        whatever format it was released in: the changelog and diffs compare across formats."""
        data = json.loads((self.directory / JSON_NAME).read_text(encoding="utf-8"))
        upgrade(data)
        return Notice.from_data(data)

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages it was published in: one rendered text each, recorded in the lock."""
        return in_order(name.removesuffix(".md") for name in self.files if name.endswith(".md"))

    def text(self, lang: str) -> str:
        """The rendered text of a language, exactly as released."""
        return (self.directory / f"{lang}.md").read_text(encoding="utf-8")

    def sha256(self, lang: str) -> str:
        return self.files[f"{lang}.md"]


def load_releases(project: Project) -> tuple[Release, ...]:
    """Every release listed in the lock file, oldest first."""
    lock = project.lock
    if not lock.exists():
        return ()
    try:
        entries = json.loads(lock.read_text(encoding="utf-8"))["releases"]
        return tuple(
            Release(e["id"], date.fromisoformat(e["effective"]), dict(e["files"]), project.releases / e["id"])
            for e in entries
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise NoticeError([Finding(Position(project.shown(lock)), "error", f"the release lock file is damaged: {exc}", "release-integrity")])


def verify(project: Project, releases: Iterable[Release] | None = None) -> list[Finding]:
    """Every released file whose bytes differ from the lock, or that is missing."""
    findings = []
    for release in load_releases(project) if releases is None else releases:
        for name, expected in sorted(release.files.items()):
            path = release.directory / name
            if not path.exists():
                problem = "is missing"
            elif _sha256(path.read_bytes()) != expected:
                problem = "was edited after release; a published release never changes (restore it with git, or make a new release)"
            else:
                continue
            findings.append(Finding(Position(project.shown(path)), "error", f"release {release.id}: {name} {problem}", "release-integrity"))
    return findings


def next_id(effective: date, existing: Iterable[str]) -> str:
    taken = set(existing)
    base = effective.isoformat()
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def make_release(project: Project) -> Release:
    """Freeze the working copy as a new release; refuse one that changes nothing or goes back in time."""
    source = project.notice
    notice, doc = read_notice(source, project.schema)
    releases = load_releases(project)
    errors = verify(project, releases)
    if errors:
        raise NoticeError(errors)
    _refuse_pointless(notice, releases, Position(doc.path, *doc.values.get(("revision",), (0, 0))))
    release_id = next_id(notice.revision.effective, (r.id for r in releases))
    contents = {
        SOURCE_NAME: frozen_source(source.read_bytes()),
        SCHEMA_NAME: project.schema.read_bytes(),
        JSON_NAME: (json.dumps(doc.data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"),
        **{f"{lang}.md": render_notice(notice, lang, project.locales).encode("utf-8") for lang in notice.languages},
    }
    release = Release(release_id, notice.revision.effective, {n: _sha256(c) for n, c in contents.items()},
                      project.releases / release_id)
    _write_release(release, contents)
    _write_lock(project, releases + (release,))
    return release


def frozen_source(source: bytes) -> bytes:
    r"""The source as written, its editor line (if any) naming the schema frozen beside it.

    >>> frozen_source(b"# yaml-language-server: $schema=../../../policy/schema.json\nseloste: 1\n")
    b'# yaml-language-server: $schema=./schema.json\nseloste: 1\n'
    >>> frozen_source(b"seloste: 1\n")
    b'seloste: 1\n'
    """
    return _MODELINE.sub(lambda match: (match[1] or b"") + match[2] + b"./" + SCHEMA_NAME.encode(), source, count=1)


def _refuse_pointless(notice: Notice, releases: tuple[Release, ...], where: Position) -> None:
    if not releases:
        return
    last = releases[-1]
    if notice.revision.effective < last.effective:
        raise NoticeError([Finding(where, "error", f"revision.effective {notice.revision.effective} is earlier than release {last.id} (effective {last.effective}); releases follow each other in time")])
    if _content(notice) == _content(last.notice):
        raise NoticeError([Finding(where, "error", f"nothing changed since release {last.id}; edit the notice before releasing")])


def _content(notice: Notice) -> Notice:
    """The notice without its revision metadata: what a release is about."""
    return replace(notice, revision=replace(notice.revision, effective=date.min, summary=Text()))


def _write_release(release: Release, contents: dict[str, bytes]) -> None:
    release.directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{release.id}.", dir=release.directory.parent))
    for name, content in contents.items():
        (staging / name).write_bytes(content)
    os.replace(staging, release.directory)


def _write_lock(project: Project, releases: tuple[Release, ...]) -> None:
    lock = project.lock
    data = {"releases": [{"id": r.id, "effective": r.effective.isoformat(), "files": dict(sorted(r.files.items()))} for r in releases]}
    staging = lock.with_suffix(".tmp")
    staging.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(staging, lock)


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
