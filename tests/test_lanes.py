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


class _Test:
    """A collected test as the scheduling reads it: its node id and its lane's mark."""

    def __init__(self, nodeid: str, lane: str | None = None) -> None:
        self.nodeid, self.lane = nodeid, lane

    def get_closest_marker(self, name: str) -> object | None:
        return name if name == self.lane else None


def test_the_costliest_units_of_work_come_first_each_whole_and_in_order() -> None:
    """A module runs whole on one worker, but the page checks go by page (a page costs one load, however many
    tests look at it); the longest units start first, so the last to start are short and no worker waits long at
    the end for another. What the last run timed beats what the lanes guess."""
    pages = "tests/browser/test_pages.py"
    tests = [
        _Test("tests/test_fast.py::test_a"),
        _Test(f"{pages}::test_page_loads[entrack-current-fi]", "browser"),
        _Test(f"{pages}::test_axe_finds_no_violation[entrack-current-fi]", "browser"),
        _Test(f"{pages}::test_page_loads[multi-404-sv]", "browser"),
        _Test("tests/test_kill.py::test_x", "kill"),
        _Test("tests/test_fast.py::test_b"),
        _Test("tests/browser/test_reader.py::test_z", "browser"),
        _Test("tests/browser/test_reader.py::test_w", "browser"),
        _Test("tests/test_kill.py::test_y", "kill"),
    ]
    ordered = [t.nodeid for t in lanes.costliest_first(tests, {})]  # type: ignore[arg-type]
    assert ordered == [
        "tests/test_kill.py::test_x",
        "tests/test_kill.py::test_y",
        "tests/browser/test_reader.py::test_z",
        "tests/browser/test_reader.py::test_w",
        f"{pages}::test_page_loads[entrack-current-fi]",
        f"{pages}::test_axe_finds_no_violation[entrack-current-fi]",
        f"{pages}::test_page_loads[multi-404-sv]",
        "tests/test_fast.py::test_a",
        "tests/test_fast.py::test_b",
    ]
    assert [lanes.unit(n) for n in ordered[4:7]] == [f"{pages}[entrack-current-fi]"] * 2 + [f"{pages}[multi-404-sv]"]
    timed = {"tests/test_fast.py": 100.0, "tests/test_kill.py": 50.0}
    retimed = [t.nodeid for t in lanes.costliest_first(tests, timed)]  # type: ignore[arg-type]
    assert retimed[:4] == ["tests/test_fast.py::test_a", "tests/test_fast.py::test_b", *ordered[:2]]


def test_every_module_shared_out_by_page_is_there() -> None:
    assert all((lanes.TESTS.parent / module).is_file() for module in lanes.SHARED_MODULES)


def test_the_scheduler_gives_xdist_the_units_in_the_workers_order() -> None:
    """The parts of xdist the scheduler relies on are still there: its hook, the scopes it overrides, the option
    that would reorder the units."""
    import inspect

    from xdist import newhooks
    from xdist.scheduler import LoadScopeScheduling

    assert hasattr(newhooks, "pytest_xdist_make_scheduler")
    assert "self._split_scope(nodeid)" in inspect.getsource(LoadScopeScheduling.schedule)
    assert "self.config.option.loadscopereorder" in inspect.getsource(LoadScopeScheduling.schedule)
    split = lanes.unit_scheduling()._split_scope
    assert split(None, "tests/browser/test_pages.py::test_page_loads[multi-404-sv]") == (
        "tests/browser/test_pages.py[multi-404-sv]"
    )
    assert split(None, "tests/test_kill.py::test_x") == "tests/test_kill.py"


@pytest.mark.slow
def test_on_xdist_workers_the_costliest_unit_goes_first_and_the_summary_says_when_each_worker_ran_out(
    tmp_path: Path,
) -> None:
    """The controller tells each worker to order its collection by unit (a worker has no --dist of its own)."""
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["lanes"]\n', encoding="utf-8")
    (tmp_path / "test_cheap.py").write_text("def test_a():\n    pass\n", encoding="utf-8")
    (tmp_path / "test_dear.py").write_text(
        "import pytest\n\n\n@pytest.mark.slow\ndef test_b():\n    pass\n", encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-v",
            "-n",
            "1",
            "--dist",
            "loadscope",
            "-p",
            "no:cacheprovider",
            "-p",
            "xdist",
        ],
        cwd=tmp_path,
        env=dict(os.environ, PYTHONPATH=str(lanes.TESTS)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ran = [line.split()[-1] for line in done.stdout.splitlines() if "PASSED" in line]
    assert ran == ["test_dear.py::test_b", "test_cheap.py::test_a"], done.stdout
    assert "xdist workers out of work after: gw0 " in done.stdout and "the last unit: test_cheap.py)" in done.stdout
