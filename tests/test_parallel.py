"""The languages are built side by side, in forked processes, and nothing else changes."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from datetime import date
from pathlib import Path

import pytest

from generator.environment import Environment
from generator.findings import Finding, NoticeError, Position
from generator.host import processes
from generator.host.build import build_site
from generator.host.processes import for_each_language
from generator.project import Project
from support import BUILD_EPOCH


def snapshot(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_languages_run_at_the_same_time_in_other_processes(tmp_path: Path) -> None:
    """Each task waits until both have started: this only ends if they run side by side."""

    def task(lang: str) -> None:
        (tmp_path / lang).write_text(str(os.getpid()))
        deadline = time.monotonic() + 30
        while len(list(tmp_path.iterdir())) < 2:
            assert time.monotonic() < deadline, f"{lang}: the other language never started"
            time.sleep(0.01)

    for_each_language(task, ["fi", "sv"], jobs=2)
    pids = {int((tmp_path / lang).read_text()) for lang in ("fi", "sv")}
    assert len(pids) == 2 and os.getpid() not in pids, pids


def test_one_job_runs_the_languages_here_in_order(tmp_path: Path) -> None:
    seen: list[tuple[str, int]] = []
    for_each_language(lambda lang: seen.append((lang, os.getpid())), ["fi", "sv", "en"], jobs=1)
    assert seen == [("fi", os.getpid()), ("sv", os.getpid()), ("en", os.getpid())]


@pytest.mark.slow
def test_the_results_come_back_in_language_order_from_the_workers() -> None:
    results = for_each_language(lambda lang: (lang, os.getpid()), ["fi", "sv", "en"], jobs=3)
    assert [lang for lang, _ in results] == ["fi", "sv", "en"]
    assert os.getpid() not in {pid for _, pid in results}


def _fail(langs: set[str]):
    def task(lang: str) -> None:
        if lang in langs:
            raise NoticeError([Finding(Position("policy/notice.yaml", 3, 7), "error", f"broken in {lang}")])

    return task


@pytest.mark.slow
def test_an_error_in_a_worker_arrives_with_its_findings() -> None:
    with pytest.raises(NoticeError) as caught:
        for_each_language(_fail({"en"}), ["fi", "sv", "en"], jobs=3)
    assert [str(f) for f in caught.value.findings] == ["policy/notice.yaml:3:7: error: broken in en"]


@pytest.mark.slow
def test_errors_of_several_languages_are_raised_in_language_order() -> None:
    """As a build one language after another would stop at the first."""
    with pytest.raises(NoticeError) as caught:
        for_each_language(_fail({"sv", "en"}), ["fi", "sv", "en"], jobs=3)
    assert [f.message for f in caught.value.findings] == ["broken in sv"]


def test_side_by_side_builds_the_same_bytes_as_one_after_another(
    multi_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    today = date(2026, 6, 15)
    project = Project.at(multi_project)
    built = build_site(project, tmp_path / "one", Environment(today), jobs=1)
    assert build_site(project, tmp_path / "three", Environment(today), jobs=3) == built
    one, three = snapshot(tmp_path / "one"), snapshot(tmp_path / "three")
    assert len(one) > 100 and one.keys() == three.keys()
    assert [name for name in one if one[name] != three[name]] == []
    pages = {
        lang: sum(1 for name in one if name.startswith(f"{lang}/") and name.endswith("index.html")) for lang in built
    }
    assert built == pages, "build_site reports the pages it built in each language"
    assert not [name for name in one if "/draft/" in name], "without draft=True the working copy is not published"


@pytest.mark.slow
@pytest.mark.parametrize(("cores", "elsewhere"), [(2, True), (1, False)])
def test_without_jobs_each_language_has_a_process_where_there_is_more_than_one_core(
    monkeypatch: pytest.MonkeyPatch, cores: int, elsewhere: bool
) -> None:
    monkeypatch.setattr(processes, "cores", lambda: cores)
    # Each language waits for the other: two processes, not one that took both before the second started.
    both = multiprocessing.get_context("fork").Barrier(2) if elsewhere else None
    pids = for_each_language(lambda lang: (both.wait(timeout=10) if both else None, os.getpid())[1], ["fi", "sv"])
    assert (os.getpid() not in pids and len(set(pids)) == 2) if elsewhere else pids == [os.getpid()] * 2


PR_SET_PDEATHSIG, PR_GET_PDEATHSIG = 1, 2


def _death_signal() -> int:
    """The signal this process gets when its parent dies (0: none)."""
    value = ctypes.c_int()
    assert ctypes.CDLL(None, use_errno=True).prctl(PR_GET_PDEATHSIG, ctypes.byref(value)) == 0
    return value.value


def test_a_worker_asks_to_die_with_the_build_and_leaves_at_once_if_the_build_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker left behind would wait for work forever, holding the site's lock (tests/test_kill.py kills a
    real build); here the worker's start runs in this process, its exit recorded instead of taken."""
    exits: list[int] = []
    monkeypatch.setattr(os, "_exit", exits.append)
    before = _death_signal()
    try:
        processes._die_with(os.getppid())
        assert (_death_signal(), exits) == (signal.SIGKILL, [])
        processes._die_with(os.getpid())  # a build that is no longer this worker's parent
        assert exits == [1]
    finally:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, before)
