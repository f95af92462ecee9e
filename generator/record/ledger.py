"""The lock is the record: policy/releases must be exactly what releases.lock says (record/lock.py).

`check`, `build` and `release` hold the folder to
it: a release folder the lock does not list, a listed release without its
folder, a missing, extra or edited file, a lock that is gone while releases
remain: each is an error of the rule `release-integrity`, never repaired
silently, since a published release never changes. Hidden names are not
releases (release ids never start with a dot): leftovers of an interrupted
`release` are hidden and are dropped by the next one.

`history` protects the record against being rewritten in a commit: compared
with the lock at a git revision, no entry may disappear or change (its files,
its effective date, its release date), and no release may be added before
the newest one there.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from generator.findings import Finding, Said, UsageError, _
from generator.project import LOCK_NAME, Project
from generator.record.lock import Entry, entries_from_text, finding, release_names, sha256

# Old staging folders of `release`, inside policy/releases: .<id>.<8 characters>
_STAGING = re.compile(r"\.\d{4}-\d{2}-\d{2}(-\d+)?\.[a-z0-9_]{8}")


class Listed(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def files(self) -> dict[str, str]: ...
    @property
    def directory(self) -> Path: ...


def audit(project: Project, releases: Iterable[Listed]) -> list[Finding]:
    """Every way policy/releases differs from the lock's `releases`."""
    releases = list(releases)
    listed = {r.id for r in releases}
    findings = [
        finding(
            project.shown(project.releases / name),
            # NOTE: said of a folder in policy/releases; %(lock)s is the lock's file name, releases.lock.
            _(
                "is not a release listed in %(lock)s; every release is recorded in the lock: restore the lock "
                "with git, or move this away if it was never released",
                lock=LOCK_NAME,
            ),
        )
        for name in release_names(project.releases)
        if name not in listed
    ]
    for release in releases:
        findings += _audit_release(release, project.shown(release.directory))
    return findings


def _audit_release(release: Listed, where: str) -> list[Finding]:
    if not release.directory.is_dir() or release.directory.is_symlink():
        if release.directory.exists() or release.directory.is_symlink():
            # NOTE: a file (or a link) stands where the release's folder should be.
            said = _(
                "release %(id)s is listed in %(lock)s but its folder is not a folder; restore it with git",
                id=release.id,
                lock=LOCK_NAME,
            )
        else:
            said = _(
                "release %(id)s is listed in %(lock)s but its folder is missing; restore it with git",
                id=release.id,
                lock=LOCK_NAME,
            )
        return [finding(where, said)]
    found = {p.name: p for p in release.directory.iterdir()}
    findings = []
    for name in sorted(found.keys() - release.files.keys()):
        findings.append(
            finding(
                f"{where}/{name}",
                # NOTE: %(name)s is a file's name in the release's folder.
                _(
                    "release %(id)s: %(name)s is not one of its files in %(lock)s; a published release never changes",
                    id=release.id,
                    name=name,
                    lock=LOCK_NAME,
                ),
            )
        )
    for name, expected in sorted(release.files.items()):
        problem = _file_problem(release, name, found.get(name), expected)
        if problem is not None:
            findings.append(finding(f"{where}/{name}", problem))
    return findings


def _file_problem(release: Listed, name: str, path: Path | None, expected: str) -> Said | None:
    """What is wrong with a file the lock lists, found at `path` (None: not there), or None."""
    if path is None:
        return _("release %(id)s: %(name)s is missing", id=release.id, name=name)
    if path.is_symlink() or not path.is_file():
        return _("release %(id)s: %(name)s is not a regular file", id=release.id, name=name)
    if sha256(path.read_bytes()) != expected:
        return _(
            "release %(id)s: %(name)s was edited after release; a published release never changes (restore it with "
            "git, or make a new release)",
            id=release.id,
            name=name,
        )
    return None


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
            findings.append(
                finding(
                    path,
                    # NOTE: %(ref)s is the git revision given to check --since, such as main.
                    _(
                        "release %(id)s, recorded at %(ref)s, was removed from the lock; a published release never "
                        "goes away",
                        id=old.id,
                        ref=ref,
                    ),
                )
            )
        elif (new.effective, new.released, new.files) != (old.effective, old.released, old.files):
            changed = sorted(n for n in old.files.keys() | new.files.keys() if old.files.get(n) != new.files.get(n))
            changed += [name for name in ("effective", "released") if getattr(old, name) != getattr(new, name)]
            findings.append(
                finding(
                    path,
                    # NOTE: %(ref)s is the git revision given to check --since, such as main; %(changed)s what
                    # changed, as the lock writes it: file names, effective, released.
                    _(
                        "release %(id)s differs from its record at %(ref)s (%(changed)s); a published release never "
                        "changes",
                        id=old.id,
                        ref=ref,
                        changed=", ".join(changed),
                    ),
                    new.line,
                    new.column,
                )
            )
    if before:
        newest = max(before, key=lambda e: e.order)
        known = {e.id for e in before}
        for entry in now.values():
            if entry.id not in known and entry.order < newest.order:
                findings.append(
                    finding(
                        path,
                        # NOTE: %(ref)s is the git revision given to check --since, such as main.
                        _(
                            "release %(id)s was added before release %(newest)s, the newest at %(ref)s; a new release "
                            "comes after every published one",
                            id=entry.id,
                            newest=newest.id,
                            ref=ref,
                        ),
                        entry.line,
                        entry.column,
                    )
                )
    return findings


def recorded_at(project: Project, ref: str) -> frozenset[str]:
    """The ids of the releases the lock lists at git revision `ref` (none where it had no lock)."""
    path = project.shown(project.lock)
    text = _lock_at(project.root, path, ref)
    return frozenset(e.id for e in entries_from_text(text, f"{ref}:{path}")) if text is not None else frozenset()


def _lock_at(root: Path, lock: str, ref: str) -> str | None:
    """The text of the lock at `ref`, or None when the lock did not exist there."""
    if ref.startswith("-"):
        raise UsageError(f"--since {ref}: not a git revision")
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if commit.returncode:
        raise UsageError(
            f"--since {ref}: git knows no such commit here (in a shallow clone, fetch the base "
            "branch first; outside a git repository there is no history to compare)"
        )
    spec = f"{commit.stdout.strip()}:./{lock}"
    if _git(root, "cat-file", "-e", spec).returncode:
        return None
    shown = _git(root, "show", spec)
    if shown.returncode:
        raise UsageError(f"--since {ref}: git cannot show {lock}: {shown.stderr.strip()}")
    return shown.stdout


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", errors="replace"
        )
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
