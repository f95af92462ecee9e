"""The lanes themselves (tests/lanes.py): the fast lane cannot start a process, the slow lane can; a shared
folder is made once; each pytest-xdist worker has ports of its own."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import threading
from pathlib import Path

import lanes
import pytest


def test_a_test_of_the_fast_lane_cannot_start_a_process(request: pytest.FixtureRequest) -> None:
    assert lanes.in_fast_lane(request.node)
    starts = [
        lambda: subprocess.run([sys.executable, "-m", "generator", "check"], check=False),
        lambda: subprocess.Popen(args=["true"]),
        lambda: os.system("true"),
        lambda: os.fork(),
        lambda: multiprocessing.get_context("spawn").Process(target=print).start(),
        lambda: multiprocessing.get_context("fork").Process(target=print).start(),
    ]
    for start in starts:
        with pytest.raises(lanes.StartedAProcessError, match="mark it slow"):
            start()


@pytest.mark.slow
def test_a_slow_test_may_start_one(request: pytest.FixtureRequest) -> None:
    assert not lanes.in_fast_lane(request.node)
    assert subprocess.run(["true"], check=False).returncode == 0


def test_the_lanes_marks_follow_module_and_fixtures(request: pytest.FixtureRequest) -> None:
    """Marks are the plugin's, from the lists: this test is in the fast lane; a module listed for kill is slow."""
    assert lanes.lane_marks(request.node) == []
    assert set(lanes.KILL_MODULES) <= {p.name for p in lanes.TESTS.glob("test_*.py")}
    assert not set(lanes.SLOW_MODULES) & set(lanes.KILL_MODULES)


def test_a_shared_folder_is_made_once_and_a_failure_is_said_to_every_caller(tmp_path: Path) -> None:
    made = []

    def make(folder: Path) -> None:
        made.append(folder)
        (folder / "site").mkdir()

    results = []
    threads = [
        threading.Thread(target=lambda: results.append(lanes.make_once(tmp_path, "site", make))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [tmp_path / "site"]
    assert sorted(seconds > 0 for _, seconds in results) == [False, False, False, True]
    assert {folder for folder, _ in results} == {tmp_path / "site"}

    def fail(folder: Path) -> None:
        raise AssertionError("the build exited 1")

    for _ in range(2):
        with pytest.raises(lanes.MakingFailedError, match="making broken failed: AssertionError: the build exited 1"):
            lanes.make_once(tmp_path, "broken", fail)


def test_the_workers_port_blocks_never_meet() -> None:
    blocks = [set(lanes.port_block(f"gw{n}", 32768)) for n in range(8)]
    assert all(not a & b for i, a in enumerate(blocks) for b in blocks[i + 1 :])
    assert all(min(block) >= 1024 and max(block) < 32768 for block in blocks)
