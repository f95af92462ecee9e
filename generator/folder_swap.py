"""Replacing a folder whole: what `build --site-dir` may replace, and how.

Seloste replaces only a folder it built itself (it holds the marker file
`.seloste-site`, written into every build) or an empty or missing one; the
project, its inputs and anything a user made are refused with a sentence
saying why (`Refused`, exit 2). Nothing the user owns is ever deleted.

The new content is written into a staging folder beside the target and
exchanged with it in one step (Linux `renameat2(RENAME_EXCHANGE)`), so at
every instant, even under kill -9, the target is the old complete content or
the new one. Where the exchange is not available, two renames are used and a
target missing between them is restored from the old one by the next run.
Leftovers of killed runs are known, not guessed: before a run makes a
staging or old folder (`.<name>.building.*`, `.<name>.old.*`) it records the
folder's name in `.<name>.seloste-made` beside the target, and the next run
removes only the folders recorded there; a folder of the user's whose name
merely looks like one is never touched. One run at a time holds an exclusive lock on `.<name>.lock`
beside the target; another run meanwhile stops at once with `Busy` (exit 1)
rather than wait for an unknown time.

>>> leftover_pattern("site").fullmatch(".site.building.k2j_8x0a") is not None
True
>>> leftover_pattern("site").fullmatch("site.old-photos") is None
True
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import secrets
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.findings import Failure, UsageError
from generator.project import shown

MARKER = ".seloste-site"
MARKER_TEXT = b"Built by Seloste (python -m generator build), which replaces this folder on every build.\n"

# Folders of the project that Seloste reads: a site never goes inside them.
INPUTS = (".git", "generator", "locales", "policy", "site_overrides")

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class Refused(UsageError):  # noqa: N818 (a refusal, which the user reads; a UsageError)
    """The folder must not be replaced, or cannot be: a usage error (exit 2)."""


class Busy(Failure):
    """Another run holds the folder's lock (exit 1)."""


def refusal(target: Path, root: Path) -> str | None:
    """Why `target` must not be replaced by a build of the project at `root`, or None.

    `target` is absolute. The answer is a sentence after the folder's name.
    """
    here, project = target.resolve(), root.resolve()
    if here == project or project.is_relative_to(here):
        return "is the project folder or holds it; a build there would delete the project"
    for name in INPUTS:
        if here.is_relative_to(project / name):
            return f"lies within {name}/, a folder Seloste reads; choose a folder outside the project's inputs, such as site"
    for parent in reversed(target.parents):
        if os.path.lexists(parent) and not parent.is_dir():
            return f"cannot be made: {parent} is a file, not a folder"
    if target.is_symlink():
        return "is a symbolic link; name the folder itself"
    if os.path.lexists(target) and not target.is_dir():
        return "is a file, not a folder; Seloste replaces only a folder it built"
    if target.is_dir() and not _ours(target):
        return (
            f"holds files that Seloste did not build (it has no {MARKER}); Seloste replaces only a folder "
            "it built or an empty one: move it away yourself or choose another --site-dir"
        )
    return None


@contextmanager
def replacing(target: Path, root: Path) -> Iterator[Path]:
    """A fresh staging folder to fill; on a normal exit it replaces `target` whole.

    On an exception the staging folder is removed and `target` stays as it was.
    """
    _refuse(target, root)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(f"{shown(target, root)}: cannot be made: {_reason(exc)}") from None
    with locked(target, root):
        _refuse(target, root)  # another run may have changed it before the lock was ours
        with staged(target, root) as staging:
            (staging / MARKER).write_bytes(MARKER_TEXT)
            yield staging


@contextmanager
def staged(target: Path, root: Path) -> Iterator[Path]:
    """Clean up after killed runs, then a staging folder that replaces `target` on a normal exit.

    Call with the lock held.
    """
    recover(target)
    staging = target.with_name(f".{target.name}.building.{secrets.token_hex(4)}")
    try:
        _record(target, staging)
        staging.mkdir(mode=0o700)
    except OSError as exc:
        raise Refused(f"{shown(target.parent, root)}: cannot write here: {_reason(exc)}") from None
    try:
        try:
            yield staging
        except OSError as exc:
            if exc.filename:
                raise
            raise OSError(exc.errno, exc.strerror, str(staging)) from None  # a write names no file: the folder
        os.chmod(staging, 0o755)
        swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not any(os.path.lexists(target.parent / name) for name in _recorded(target)):
            _records(target).unlink(missing_ok=True)  # all it made is gone: nothing left to recover


@contextmanager
def locked(target: Path, root: Path) -> Iterator[None]:
    """Hold the exclusive lock of `target` (the file .<name>.lock beside it)."""
    lock = target.with_name(f".{target.name}.lock")
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise Refused(f"{shown(lock, root)}: cannot be written: {_reason(exc)}") from None
    with _flocked(
        fd,
        f"{shown(target, root)}: another Seloste run is writing this folder right now "
        f"(it holds {lock.name}); run the command again when it has finished",
    ):
        yield


@contextmanager
def locked_folder(folder: Path, busy: str) -> Iterator[None]:
    """Hold the exclusive lock of an existing folder itself (no lock file); `busy` is the loser's message."""
    with _flocked(os.open(folder, os.O_RDONLY | os.O_DIRECTORY), busy):
        yield


@contextmanager
def shared(lock: Path, *, write: bool = False) -> Iterator[None]:
    """Readers of a folder that a writer replaces whole hold `lock` shared, the writer exclusive: a reader then
    sees the folder all before or all after the writer's change, never the lock file of one and the folders of
    the other. Both wait (a writer holds it for about a second, a reader for milliseconds); where the lock file
    cannot be made (a read-only checkout), there is no writer to wait for."""
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        if write:
            raise
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if write else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


@contextmanager
def _flocked(fd: int, busy: str) -> Iterator[None]:
    """The lock goes with the open file: released on close, also when the process is killed."""
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(busy) from None
        yield
    finally:
        os.close(fd)


def leftover_pattern(name: str) -> re.Pattern[str]:
    """Names of the staging and old folders of `name` (an 8-character suffix): a recorded name must have this shape.

    Earlier versions named them without the leading dot.
    """
    return re.compile(r"\.?" + re.escape(name) + r"\.(building|old)\.[a-z0-9_]{8}")


def recover(target: Path) -> None:
    """Clean up after killed runs; call with the lock held.

    A target missing while an old copy waits (a run killed between the two
    renames of the fallback) gets that old copy back.
    """
    pattern = leftover_pattern(target.name)
    leftovers = sorted(
        {
            target.parent / name
            for name in _recorded(target)
            if pattern.fullmatch(name) and (target.parent / name).is_dir() and not (target.parent / name).is_symlink()
        }
    )
    if not os.path.lexists(target):
        olds = [p for p in leftovers if ".old." in p.name]
        if olds:
            os.rename(olds[-1], target)
            leftovers.remove(olds[-1])
    for path in leftovers:
        shutil.rmtree(path)
    _records(target).unlink(missing_ok=True)


def _records(target: Path) -> Path:
    """The file beside `target` that names every staging and old folder a run made for it."""
    return target.with_name(f".{target.name}.seloste-made")


def _record(target: Path, made: Path) -> None:
    """Write down a folder's name, durably, before the folder exists: a run killed at any point leaves a
    record of everything it made."""
    with open(_records(target), "a", encoding="utf-8") as record:
        record.write(made.name + "\n")
        record.flush()
        os.fsync(record.fileno())


def _recorded(target: Path) -> list[str]:
    try:
        return _records(target).read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return []


def swap_in(new: Path, target: Path) -> None:
    """Put folder `new` at `target` with no moment without one of the two; remove the old."""
    if not os.path.lexists(target):
        os.rename(new, target)
    elif exchange(new, target):
        shutil.rmtree(new)
    else:
        old = target.with_name(f".{target.name}.old.{secrets.token_hex(4)}")
        _record(target, old)
        os.rename(target, old)
        os.rename(new, target)
        shutil.rmtree(old)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing happened)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # a C library older than glibc 2.28
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or file system without the exchange
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def _refuse(target: Path, root: Path) -> None:
    reason = refusal(target, root)
    if reason:
        raise Refused(f"{shown(target, root)}: {reason}")


def _ours(folder: Path) -> bool:
    marker = folder / MARKER
    return (marker.is_file() and not marker.is_symlink()) or not any(folder.iterdir())


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
