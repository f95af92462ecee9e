"""The lock is the record: policy/releases must be exactly what releases.lock says.

releases.lock lists every release with its id, effective date and the sha256
of each of its files: notice.yaml, notice.json, a <lang>.md per language and
(since releases froze it) schema.json. `check`, `build` and `release` hold the folder to
it: a release folder the lock does not list, a listed release without its
folder, a missing, extra or edited file, a lock that is gone while releases
remain: each is an error of the rule `release-integrity`, never repaired
silently, since a published release never changes. Hidden names are not
releases (release ids never start with a dot): leftovers of an interrupted
`release` are hidden and are dropped by the next one.

`history` protects the record against being rewritten in a commit: compared
with the lock at a git revision, no entry may disappear or change, and no
release may be added before the newest one there.

>>> [e.id for e in entries_from_text('{"releases": []}', "releases.lock")]
[]
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Protocol

from generator.findings import Finding, NoticeError, Position, UsageError
from generator.project import LOCK_NAME, Project

SOURCE_NAME = "notice.yaml"
SCHEMA_NAME = "schema.json"  # the schema the release was checked against (releases since it was frozen too)
JSON_NAME = "notice.json"
RULE = "release-integrity"
_TEXT = re.compile(r"[a-z]{2,3}\.md")  # the rendered text of one language

_ID = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?")
_SHA256 = re.compile(r"[0-9a-f]{64}")
# Old staging folders of `release`, inside policy/releases: .<id>.<8 characters>
_STAGING = re.compile(r"\.\d{4}-\d{2}-\d{2}(-\d+)?\.[a-z0-9_]{8}")


@dataclass(frozen=True)
class Entry:
    """One release as the lock records it, and the line of the lock it starts on."""

    id: str
    effective: date
    files: dict[str, str]
    line: int = 0
    column: int = 0

    @property
    def order(self) -> tuple[date, int]:
        """Where the release stands in time: its date, then its number that day."""
        return self.effective, int(_ID.fullmatch(self.id).group(2) or 1)


class Listed(Protocol):
    id: str
    files: dict[str, str]
    directory: Path


def finding(path: str, message: str, line: int = 0, column: int = 0) -> Finding:
    return Finding(Position(path, line, column if line else 0), "error", message, RULE)


def read_entries(project: Project) -> tuple[Entry, ...]:
    """The lock's entries, oldest first; NoticeError when the lock cannot be the record."""
    folder, lock = project.releases, project.lock
    shown_lock = project.shown(lock)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise NoticeError([finding(project.shown(folder), "is not a folder; it must be the folder that holds "
                                                          "the release folders and releases.lock")])
    if not lock.exists() and not lock.is_symlink():
        kept = release_names(folder)
        if kept:
            raise NoticeError([finding(shown_lock, f"is missing, yet {project.shown(folder)} holds releases "
                                                   f"({', '.join(kept)}); the lock is the record of every release: "
                                                   "restore it with git")])
        return ()
    if lock.is_symlink() or not lock.is_file():
        raise NoticeError([finding(shown_lock, "is not a regular file; it must be the file that records every release")])
    try:
        text = lock.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NoticeError([finding(shown_lock, f"the release lock file is damaged: it is not UTF-8 text (byte {exc.start})")]) from None
    return entries_from_text(text, shown_lock)


def entries_from_text(text: str, path: str) -> tuple[Entry, ...]:
    """The entries of a lock's text, checked for shape and order; NoticeError naming the line otherwise."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 1)
        reason = getattr(exc, "msg", str(exc))
        raise NoticeError([finding(path, f"the release lock file is damaged: {reason}", line, column)]) from None
    if not isinstance(data, dict) or not isinstance(data.get("releases"), list):
        raise NoticeError([finding(path, 'the release lock file is damaged: it must be {"releases": [...]}', 1, 1)])
    entries, problems = [], []
    for index, item in enumerate(data["releases"]):
        line, column = _place_of(text, item.get("id") if isinstance(item, dict) else None)
        try:
            entries.append(_entry(item, line, column))
        except ValueError as exc:
            problems.append(finding(path, f"the release lock file is damaged: releases[{index}]: {exc}", line, column))
    if not problems:
        problems = _order_problems(entries, path)
    if problems:
        raise NoticeError(problems)
    return tuple(entries)


def _entry(item: Any, line: int, column: int) -> Entry:
    if not isinstance(item, dict) or set(item) != {"id", "effective", "files"}:
        raise ValueError('an entry has exactly "id", "effective" and "files"')
    release_id, effective, files = item["id"], item["effective"], item["files"]
    match = _ID.fullmatch(release_id) if isinstance(release_id, str) else None
    if not match:
        raise ValueError(f"id {json.dumps(release_id)} is not a release id such as 2026-01-31 or 2026-01-31-2")
    if effective != match.group(1):
        raise ValueError(f"release {release_id}: effective {json.dumps(effective)} is not the date of its id")
    texts = set(files) - {SOURCE_NAME, JSON_NAME, SCHEMA_NAME} if isinstance(files, dict) else set()
    if not isinstance(files, dict) or not {SOURCE_NAME, JSON_NAME} <= set(files) or not texts \
            or not all(_TEXT.fullmatch(n) for n in texts):
        raise ValueError(f"release {release_id}: files must list {SOURCE_NAME}, {JSON_NAME}, the text of each "
                         f"of its languages (such as fi.md) and possibly {SCHEMA_NAME}, and nothing else")
    bad = sorted(name for name, digest in files.items() if not (isinstance(digest, str) and _SHA256.fullmatch(digest)))
    if bad:
        raise ValueError(f"release {release_id}: {', '.join(bad)}: not a sha256 (64 lower-case hex digits)")
    try:
        day = date.fromisoformat(effective)
    except ValueError:
        raise ValueError(f"release {release_id}: {effective} is not a date") from None
    return Entry(release_id, day, dict(files), line, column)


def _order_problems(entries: list[Entry], path: str) -> list[Finding]:
    problems, seen = [], set()
    for previous, entry in zip([None, *entries], entries):
        if entry.id in seen:
            problems.append(finding(path, f"release {entry.id} is listed twice", entry.line, entry.column))
        elif previous and entry.order <= previous.order:
            problems.append(finding(path, f"release {entry.id} is listed after {previous.id}; the lock lists "
                                          "releases oldest first", entry.line, entry.column))
        seen.add(entry.id)
    return problems


def _place_of(text: str, release_id: Any) -> tuple[int, int]:
    """Line and column of the entry with `release_id` in the lock's text, (0, 0) if not found."""
    match = re.search(r'"id"\s*:\s*' + re.escape(json.dumps(release_id)), text) if isinstance(release_id, str) else None
    if not match:
        return 0, 0
    return text.count("\n", 0, match.start()) + 1, match.start() - text.rfind("\n", 0, match.start())


def release_names(folder: Path) -> list[str]:
    """The names in the releases folder that claim to be releases: all but the lock and hidden names."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name != LOCK_NAME and not p.name.startswith("."))


def audit(project: Project, releases: Iterable[Listed]) -> list[Finding]:
    """Every way policy/releases differs from the lock's `releases`."""
    releases = list(releases)
    listed = {r.id for r in releases}
    findings = [finding(project.shown(project.releases / name), f"is not a release listed in {LOCK_NAME}; every "
                                                                "release is recorded in the lock: restore the lock "
                                                                "with git, or move this away if it was never released")
                for name in release_names(project.releases) if name not in listed]
    for release in releases:
        findings += _audit_release(release, project.shown(release.directory))
    return findings


def _audit_release(release: Listed, where: str) -> list[Finding]:
    if not release.directory.is_dir() or release.directory.is_symlink():
        exists = release.directory.exists() or release.directory.is_symlink()
        problem = "is not a folder" if exists else "is missing"
        return [finding(where, f"release {release.id} is listed in {LOCK_NAME} but its folder {problem}; "
                               "restore it with git")]
    found = {p.name: p for p in release.directory.iterdir()}
    findings = []
    for name in sorted(found.keys() - release.files.keys()):
        findings.append(finding(f"{where}/{name}", f"release {release.id}: {name} is not one of its files in "
                                                   f"{LOCK_NAME}; a published release never changes"))
    for name, expected in sorted(release.files.items()):
        path = found.get(name)
        if path is None:
            problem = "is missing"
        elif path.is_symlink() or not path.is_file():
            problem = "is not a regular file"
        elif sha256_of(path) != expected:
            problem = "was edited after release; a published release never changes (restore it with git, or make a new release)"
        else:
            continue
        findings.append(finding(f"{where}/{name}", f"release {release.id}: {name} {problem}"))
    return findings


def sha256_of(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_leftover(name: str) -> bool:
    """A staging folder of an interrupted `release` of an earlier version, inside policy/releases."""
    return bool(_STAGING.fullmatch(name))


def history(project: Project, ref: str, current: Iterable[Entry]) -> list[Finding]:
    """How the lock now rewrites the lock at git revision `ref`; UsageError when git cannot show `ref`."""
    path = project.shown(project.lock)
    text = _lock_at(project.root, path, ref)
    if text is None:
        return []
    before = entries_from_text(text, f"{ref}:{path}")
    now = {entry.id: entry for entry in current}
    findings = []
    for old in before:
        new = now.get(old.id)
        if new is None:
            findings.append(finding(path, f"release {old.id}, recorded at {ref}, was removed from the lock; a "
                                          "published release never goes away"))
        elif (new.effective, new.files) != (old.effective, old.files):
            changed = sorted(n for n in old.files if old.files[n] != new.files.get(n)) or ["effective"]
            findings.append(finding(path, f"release {old.id} differs from its record at {ref} "
                                          f"({', '.join(changed)}); a published release never changes", new.line, new.column))
    if before:
        newest = max(before, key=lambda e: e.order)
        known = {e.id for e in before}
        for entry in now.values():
            if entry.id not in known and entry.order < newest.order:
                findings.append(finding(path, f"release {entry.id} was added before release {newest.id}, the "
                                              f"newest at {ref}; a new release comes after every published one",
                                        entry.line, entry.column))
    return findings


def _lock_at(root: Path, lock: str, ref: str) -> str | None:
    """The text of the lock at `ref`, or None when the lock did not exist there."""
    if ref.startswith("-"):
        raise UsageError(f"--since {ref}: not a git revision")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode:
        raise UsageError(f"--since {ref}: git knows no such commit here (in a shallow clone, fetch the base "
                         "branch first; outside a git repository there is no history to compare)")
    spec = f"{commit.stdout.strip()}:./{lock}"
    if _git(root, "cat-file", "-e", spec).returncode:
        return None
    shown = _git(root, "show", spec)
    if shown.returncode:
        raise UsageError(f"--since {ref}: git cannot show {lock}: {shown.stderr.strip()}")
    return shown.stdout


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                              errors="replace")
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
