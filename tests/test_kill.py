"""kill -9 at any instant: site/ is the old complete site or the new one; a release is all there or not at all.

Real `python -m generator build` and `release` processes are killed with
SIGKILL at chosen system calls (strace injects the signal: the exchange of the
folders, each rename, the removal of the old copy, the writing of the new one)
and at random points of their run: the N-th file opened or written, N drawn
with a fixed seed from all the run makes (a point in the work done, not in
time, so a busy machine moves no kill past the end). After every kill the tree is compared
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from disk import snapshot

from support import BUILD_EPOCH, MULTI_VERSIONS, REPO, copy_project, run

STRACE = shutil.which("strace")
# (system call, which call of it): where a build or a release is killed. The renames are
# where the old code lost site/ (between its two) or left a release folder the lock did not list.
SITE_POINTS = [("rename", 2), ("rename", 1), ("renameat2", 1), ("unlinkat", 1), ("unlinkat", 60), ("mkdir", 2)]
RELEASE_POINTS = [
    ("rename", 2),
    ("rename", 1),
    ("renameat2", 1),
    ("unlinkat", 1),
    ("unlinkat", 4),
    ("linkat", 1),
    ("linkat", 4),
    ("mkdir", 3),
    ("rmdir", 1),
]
RANDOM_KILLS = 3


def environment(root: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")


WORKER_KILLED = "the build of a language stopped: its process was killed"


def killed_at(root: Path, syscall: str, when: int, *args: str) -> bool:
    """Run the command under strace, which sends SIGKILL at the `when`-th `syscall` of a process; True if a
    process was killed: the command itself, or a worker building one language (then the command says so)."""
    assert STRACE, "strace is needed (apt-get install strace; .ci/run installs it)"
    command = [
        STRACE,
        "-f",
        "-qq",
        "-o",
        os.devnull,
        "-e",
        f"trace={syscall}",
        "-e",
        f"inject={syscall}:signal=KILL:when={when}",
        sys.executable,
        "-m",
        "generator",
        *args,
    ]
    result = subprocess.run(command, cwd=root, env=environment(root), capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, -signal.SIGKILL) or WORKER_KILLED in result.stderr, result.stderr
    return result.returncode != 0


def calls(root: Path, syscalls: tuple[str, ...], *args: str) -> dict[str, int]:
    """How many times the busiest process of a complete run of the command makes each of `syscalls` (strace
    counts the calls of each process apart: the command's and each language worker's)."""
    log = root.parent / f"{root.name}.strace"
    command = [
        STRACE,
        "-f",
        "--seccomp-bpf",  # stops only at the counted calls (strace 6.1 cannot inject a signal with it: counting only)
        "-qq",
        "-o",
        str(log),
        "-e",
        f"trace={','.join(syscalls)}",
        sys.executable,
        "-m",
        "generator",
        *args,
    ]
    assert subprocess.run(command, cwd=root, env=environment(root), capture_output=True, timeout=300).returncode == 0
    lines = log.read_text().splitlines()
    log.unlink()
    counts = {}
    for syscall in syscalls:
        per_process = Counter(line.split()[0] for line in lines if f" {syscall}(" in line)
        counts[syscall] = max(per_process.values())
    return counts


def random_points(root: Path, seed: int, *args: str, reset: Callable[[], None] = lambda: None) -> list[tuple[str, int]]:
    """RANDOM_KILLS points spread over a whole run: the N-th openat or write, N drawn with `seed`.

    One complete run, counted, gives the totals; `reset` undoes it (a release)."""
    chance = random.Random(seed)
    totals = calls(root, ("openat", "write"), *args)
    reset()
    return [(syscall, chance.randint(1, totals[syscall])) for syscall in chance.choices(sorted(totals), k=RANDOM_KILLS)]


# -- build -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(
    one_release: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The project, and its site as `build` makes it (old) and as `build --draft` does (new)."""
    root = copy_project(one_release, tmp_path_factory.mktemp("kill"))
    assert run(root, "build", "--draft").returncode == 0
    new = snapshot(root / "site")
    assert run(root, "build").returncode == 0
    return root, snapshot(root / "site"), new


def assert_recovers(root: Path, old: dict[str, bytes]) -> None:
    """The next build succeeds, gives the old site again and leaves nothing behind.

    A language worker of the killed build may still be finishing its language: until it exits it holds
    the site's lock, and the next build says so (and touches nothing) rather than pull the folder from
    under it."""
    for _ in range(120):
        result = run(root, "build")
        if "another Seloste run is writing this folder" not in result.stderr:
            break
        time.sleep(1)
    assert result.returncode == 0, result.stderr
    assert snapshot(root / "site") == old
    assert sorted(p.name for p in root.iterdir() if "site." in p.name and p.name != ".site.lock") == []


def test_a_build_killed_at_each_step_of_the_swap_leaves_the_old_or_the_new_site(built) -> None:
    root, old, new = built
    kills = 0
    for syscall, when in SITE_POINTS:
        kills += killed_at(root, syscall, when, "build", "--draft")
        assert snapshot(root / "site") in (old, new), (syscall, when)
        assert_recovers(root, old)
    assert kills >= 4  # most points are reached: the test exercises kills, not clean exits


def test_the_first_build_killed_at_its_rename_leaves_no_site_or_the_whole_site(built, tmp_path: Path) -> None:
    root, _, new = built
    site = tmp_path / "site"
    for when in (1, 2):
        killed_at(root, "rename", when, "build", "--draft", "--site-dir", str(site))
        assert not site.exists() or snapshot(site) == new
        shutil.rmtree(site, ignore_errors=True)


def test_a_build_killed_at_random_points_leaves_the_old_or_the_new_site(built) -> None:
    root, old, new = built
    for syscall, when in random_points(root, 10, "build", "--draft"):
        assert killed_at(root, syscall, when, "build", "--draft"), (syscall, when)
        assert snapshot(root / "site") in (old, new), (syscall, when)
        assert_recovers(root, old)


def test_a_killed_language_worker_stops_the_build_with_a_sentence_and_keeps_the_site(built) -> None:
    root, old, _ = built
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--draft"],
        cwd=root,
        env=environment(root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    workers: list[str] = []
    while not workers and build.poll() is None:
        workers = children.read_text().split() if children.exists() else []
    assert workers, "the build ran no worker process: it needs two cores or more"
    os.kill(int(workers[0]), signal.SIGKILL)
    _, err = build.communicate(timeout=300)
    assert build.returncode == 1 and "Traceback" not in err, err
    assert err.strip() == f"{WORKER_KILLED}; nothing was replaced, run the command again"
    assert snapshot(root / "site") == old
    assert_recovers(root, old)


def test_the_language_workers_of_a_killed_build_die_with_it(built) -> None:
    """Orphaned, a worker would wait for work forever, holding the site's lock: every later build busy."""
    root, old, _ = built
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--draft"],
        cwd=root,
        env=environment(root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children = Path(f"/proc/{build.pid}/task/{build.pid}/children")
    workers: list[str] = []
    while not workers and build.poll() is None:
        workers = children.read_text().split() if children.exists() else []
    assert workers, "the build ran no worker process: it needs two cores or more"
    build.send_signal(signal.SIGKILL)
    build.wait(timeout=60)
    deadline = time.monotonic() + 30
    while any(Path(f"/proc/{pid}").exists() for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists()]
    for pid in alive:  # the test's own processes: end them before failing
        os.kill(int(pid), signal.SIGKILL)
    assert not alive
    assert_recovers(root, old)


# -- release -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def released(
    one_release: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """A project with one release and the next one ready; policy/releases before and after that release."""
    root = copy_project(one_release, tmp_path_factory.mktemp("killrelease"))
    saved = root.parent / "releases-before"
    shutil.copytree(root / "policy" / "releases", saved)
    before = snapshot(saved)
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    assert run(root, "release").returncode == 0
    after = snapshot(root / "policy" / "releases")
    restore(root, saved)
    return root, saved, before, after


def restore(root: Path, saved: Path) -> None:
    shutil.rmtree(root / "policy" / "releases")
    shutil.copytree(saved, root / "policy" / "releases")


def assert_release_recovers(root: Path, saved: Path, before: dict[str, bytes], after: dict[str, bytes]) -> None:
    """check passes on either state; the next release completes the work (or finds it done) and cleans up."""
    state = snapshot(root / "policy" / "releases")
    assert state in (before, after)
    check = run(root, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    result = run(root, "release", "--lang", "en")
    assert "Traceback" not in result.stderr
    if state == before:
        assert result.returncode == 0, result.stderr
    else:
        assert result.returncode == 1 and "nothing changed since release 2026-03-01" in result.stderr, result.stderr
    assert snapshot(root / "policy" / "releases") == after
    assert sorted(p.name for p in (root / "policy").iterdir()) == [
        ".releases.lock",
        "notice.yaml",
        "parties.schema.json",
        "releases",
        "schema.json",
    ]  # nothing left but the readers' lock
    restore(root, saved)


def test_a_release_killed_at_each_step_is_all_there_or_not_at_all(released) -> None:
    root, saved, before, after = released
    kills = 0
    for syscall, when in RELEASE_POINTS:
        kills += killed_at(root, syscall, when, "release")
        assert_release_recovers(root, saved, before, after)
    assert kills >= 6


def test_a_release_killed_at_random_points_is_all_there_or_not_at_all(released) -> None:
    root, saved, before, after = released
    for syscall, when in random_points(root, 4, "release", reset=lambda: restore(root, saved)):
        assert killed_at(root, syscall, when, "release"), (syscall, when)
        assert_release_recovers(root, saved, before, after)
