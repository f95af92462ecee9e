"""kill -9 at any instant: site/ is the old complete site or the new one; a release is all there or not at all.

Real `python -m generator build` and `release` processes are killed with
SIGKILL at chosen system calls (strace injects the signal: the exchange of the
folders, each rename, the removal of the old copy, the writing of the new one)
and at random instants (a fixed seed). After every kill the tree is compared
byte for byte with the two complete states, and the next command must succeed
and leave nothing behind.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from disk import snapshot
from support import BUILD_EPOCH, MULTI_VERSIONS, REPO, make_project, release, run

STRACE = shutil.which("strace")
# (system call, which call of it): where a build or a release is killed. The renames are
# where the old code lost site/ (between its two) or left a release folder the lock did not list.
SITE_POINTS = [("renameat2", 1), ("rename", 1), ("rename", 2), ("unlinkat", 1), ("unlinkat", 60), ("mkdir", 2)]
RELEASE_POINTS = [("renameat2", 1), ("rename", 1), ("rename", 2), ("unlinkat", 1), ("unlinkat", 4), ("linkat", 1),
                  ("linkat", 4), ("mkdir", 3), ("rmdir", 1)]
RANDOM_KILLS = 3


def environment(root: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")


def killed_at(root: Path, syscall: str, when: int, *args: str) -> bool:
    """Run the command under strace, which sends SIGKILL at the `when`-th `syscall`; True if it was killed."""
    assert STRACE, "strace is needed (apt-get install strace; .ci/run installs it)"
    command = [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscall}",
               "-e", f"inject={syscall}:signal=KILL:when={when}", sys.executable, "-m", "generator", *args]
    result = subprocess.run(command, cwd=root, env=environment(root), capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode == -signal.SIGKILL


def killed_after(root: Path, seconds: float, *args: str) -> bool:
    process = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=root, env=environment(root),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    return process.wait(timeout=300) == -signal.SIGKILL


def duration(root: Path, *args: str) -> float:
    start = time.monotonic()
    assert run(root, *args).returncode == 0
    return time.monotonic() - start


# -- build -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes], float]:
    """The project, its site as `build` makes it (old) and as `build --draft` does (new), and a build's time."""
    root = make_project(tmp_path_factory.mktemp("kill"))
    release(root, MULTI_VERSIONS[0])
    took = duration(root, "build", "--draft")
    new = snapshot(root / "site")
    took = max(took, duration(root, "build"))
    return root, snapshot(root / "site"), new, took


def assert_recovers(root: Path, old: dict[str, bytes]) -> None:
    """The next build succeeds, gives the old site again and leaves nothing behind."""
    result = run(root, "build")
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "site") == old
    assert sorted(p.name for p in root.iterdir() if "site." in p.name and p.name != ".site.lock") == []


def test_a_build_killed_at_each_step_of_the_swap_leaves_the_old_or_the_new_site(built) -> None:
    root, old, new, _ = built
    kills = 0
    for syscall, when in SITE_POINTS:
        kills += killed_at(root, syscall, when, "build", "--draft")
        assert snapshot(root / "site") in (old, new), (syscall, when)
        assert_recovers(root, old)
    assert kills >= 4  # most points are reached: the test exercises kills, not clean exits


def test_the_first_build_killed_at_its_rename_leaves_no_site_or_the_whole_site(built, tmp_path: Path) -> None:
    root, _, new, _ = built
    site = tmp_path / "site"
    for when in (1, 2):
        killed_at(root, "rename", when, "build", "--draft", "--site-dir", str(site))
        assert not site.exists() or snapshot(site) == new
        shutil.rmtree(site, ignore_errors=True)


def test_a_build_killed_at_random_instants_leaves_the_old_or_the_new_site(built) -> None:
    root, old, new, took = built
    chance = random.Random(10)
    kills = 0
    for _ in range(RANDOM_KILLS):
        kills += killed_after(root, chance.uniform(0.2, took * 1.3), "build", "--draft")
        assert snapshot(root / "site") in (old, new)
        assert_recovers(root, old)
    assert kills >= 2


# -- release -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes], float]:
    """A project with one release and the next one ready; policy/releases before and after that release."""
    root = make_project(tmp_path_factory.mktemp("killrelease"))
    release(root, MULTI_VERSIONS[0])
    saved = root.parent / "releases-before"
    shutil.copytree(root / "policy" / "releases", saved)
    before = snapshot(saved)
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    took = duration(root, "release")
    after = snapshot(root / "policy" / "releases")
    restore(root, saved)
    return root, saved, before, after, took


def restore(root: Path, saved: Path) -> None:
    shutil.rmtree(root / "policy" / "releases")
    shutil.copytree(saved, root / "policy" / "releases")


def assert_release_recovers(root: Path, saved: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """check passes on either state; the next release completes the work (or finds it done) and cleans up."""
    state = snapshot(root / "policy" / "releases")
    assert state in (before, after)
    check = run(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    result = run(root, "release")
    assert "Traceback" not in result.stderr
    if state == before:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and "nothing changed since release 2026-03-01" in result.stderr, result.stderr
    assert snapshot(root / "policy" / "releases") == after
    assert sorted(p.name for p in (root / "policy").iterdir()) == ["notice.yaml", "releases", "schema.json"]
    restore(root, saved)


def test_a_release_killed_at_each_step_is_all_there_or_not_at_all(released) -> None:
    root, saved, before, after, _ = released
    kills = 0
    for syscall, when in RELEASE_POINTS:
        kills += killed_at(root, syscall, when, "release")
        assert_release_recovers(root, saved, before, after)
    assert kills >= 6


def test_a_release_killed_at_random_instants_is_all_there_or_not_at_all(released) -> None:
    root, saved, before, after, took = released
    chance = random.Random(4)
    for _ in range(RANDOM_KILLS):
        killed_after(root, chance.uniform(0.1, took * 1.2), "release")
        assert_release_recovers(root, saved, before, after)
