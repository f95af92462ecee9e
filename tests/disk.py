"""Test helpers about the disk: snapshots of folders, and small real file systems.

A full disk and a read-only folder are made for real, as tmpfs mounts (root
runs `mount`; another user needs password-less `sudo`, as on GitHub's
runners). A test that cannot mount fails: it is never skipped.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path (the folders too, as b"/"), to compare whole trees."""
    return {
        str(p.relative_to(folder)): (b"/" if p.is_dir() else p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


def _root(*command: str) -> None:
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    subprocess.run([*prefix, *command], check=True, capture_output=True, text=True)


@contextmanager
def tmpfs(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    """A tmpfs of `size` (e.g. "2m") mounted at `path` for the block; read-only if asked."""
    path.mkdir(parents=True, exist_ok=True)
    uid, gid = os.geteuid(), os.getegid()
    _root("mount", "-t", "tmpfs", "-o", f"size={size},mode=0755,uid={uid},gid={gid}", "tmpfs", str(path))
    try:
        if read_only:
            _root("mount", "-o", "remount,ro", str(path))
        yield path
    finally:
        _root("umount", "-l", str(path))


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of `folder` until at most `leave` bytes are free."""
    with open(folder / "filler", "wb") as handle:
        chunk = b"\0" * 65536
        try:
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave + len(chunk):
                handle.write(chunk)
                handle.flush()
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave:
                handle.write(b"\0" * 512)
                handle.flush()
        except OSError:
            pass
