"""The languages are built side by side, in forked processes, and nothing else changes."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from generator.environment import Environment
from generator.findings import Finding, NoticeError, Position
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
