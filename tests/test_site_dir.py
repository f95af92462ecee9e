"""`build --site-dir`: nothing the user owns is ever deleted; the swap is atomic; one build at a time.

Every case runs the real command line on a real project (kill -9 cases are in
test_kill.py). A refused folder is compared byte for byte with its state before.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest
from disk import snapshot, tmpfs

from generator import folder_swap as publish_dir
from generator.environment import Environment
from generator.host.build import build_site
from generator.project import Project
from support import BUILD_DAY, BUILD_EPOCH, REPO, copy_project, run

USAGE = "python -m generator: error: "  # how a usage error (exit 2) begins


@pytest.fixture(scope="module")
def project(one_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One released project, nested two levels deep so that `..` stays inside the test's folder."""
    root = copy_project(one_release, tmp_path_factory.mktemp("sitedir") / "outer" / "project")
    (root / "notes").mkdir()
    (root / "notes" / "minutes.txt").write_text("the board met\n")
    (root / "todo.txt").write_text("write the notice\n")
    return root


def assert_refused(result: subprocess.CompletedProcess[str], shown: str, words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{USAGE}{shown}: "), result.stderr
    assert words in lines[0], lines[0]


@pytest.mark.parametrize(
    ("site_dir", "shown", "words"),
    [
        (".", ".", "is the project folder"),
        ("", ".", "is the project folder"),
        ("..", "..", "is the project folder or holds it"),
        ("policy", "policy", "lies within policy/"),
        ("policy/releases/site", "policy/releases/site", "lies within policy/"),
        ("generator", "generator", "lies within generator/"),
        ("notes", "notes", "holds files that Seloste did not build"),
        ("todo.txt", "todo.txt", "is a file, not a folder"),
        ("todo.txt/site", "todo.txt/site", "is a file, not a folder"),
    ],
)
def test_a_folder_seloste_did_not_build_is_refused_and_left_as_it_was(
    project: Path, site_dir: str, shown: str, words: str
) -> None:
    outer = project.parent
    before = snapshot(outer)
    assert_refused(run(project, "build", "--site-dir", site_dir), shown, words)
    assert snapshot(outer) == before


def test_the_repository_root_is_refused_by_its_absolute_path_too(project: Path) -> None:
    before = snapshot(project.parent)
    assert_refused(run(project, "build", "--site-dir", str(project)), str(project), "is the project folder")
    assert_refused(run(project, "build", "--site-dir", "/"), "/", "holds it")
    assert snapshot(project.parent) == before


def test_a_relative_site_dir_is_taken_from_the_projects_folder_not_the_current_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process, refused before anything is planned: `notes` is the project's notes/, wherever the caller is."""
    root = tmp_path / "project"
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "minutes.txt").write_text("the board met\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(publish_dir.Refused) as refused:
        build_site(Project.at(root), Path("notes"), Environment(BUILD_DAY))
    assert str(refused.value).startswith("notes: holds files that Seloste did not build")
    assert (root / "notes" / "minutes.txt").read_text() == "the board met\n"


def test_a_symbolic_link_is_refused_and_its_target_kept(project: Path, tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "photo.jpg").write_bytes(b"\xff\xd8")
    (project / "linked").symlink_to(tmp_path / "mine")
    try:
        assert_refused(run(project, "build", "--site-dir", "linked"), "linked", "symbolic link")
    finally:
        (project / "linked").unlink()
    assert (tmp_path / "mine" / "photo.jpg").read_bytes() == b"\xff\xd8"


def test_a_built_folder_carries_the_marker_and_is_replaced_and_an_empty_one_is_used(
    project: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for _ in range(2):  # the second build replaces the first: the marker says it is Seloste's
        result = run(project, "build", "--site-dir", str(empty))
        assert result.returncode == 0, result.stderr
        assert (empty / publish_dir.MARKER).read_bytes() == publish_dir.MARKER_TEXT
        assert (empty / "fi" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".empty.lock", "empty"]


LEFTOVERS = [".site.building.k2j_8x0a", ".site.old.0a1b2c3d", ".site.building.abcdefgh"]
"""What killed builds left: each recorded in .site.seloste-made before it was made."""
USERS_OWN = ["site.old.holidays", ".site.building.drafts_1", ".site.old.9f8e7d6c", "site.old-photos", "site.building"]
"""Folders of the user's own beside the site: the first three have names of a leftover's shape, one exactly."""


def _left_by_killed_builds(folder: Path, marked: bool = True) -> None:
    for name in LEFTOVERS:
        (folder / name / "fi").mkdir(parents=True)
        (folder / name / "fi" / "index.html").write_text("half a site")
        if marked:
            (folder / name / publish_dir.MARKER).write_bytes(publish_dir.MARKER_TEXT)
    (folder / ".site.seloste-made").write_text("".join(f"{name}\n" for name in LEFTOVERS))
    for name in USERS_OWN:
        (folder / name).mkdir()
        (folder / name / "mine.txt").write_text("mine")


def test_leftovers_of_killed_builds_are_cleaned_by_the_next_build_and_nothing_else(
    project: Path, tmp_path: Path
) -> None:
    """The next build removes what killed builds recorded; the user's own folders stay, even ones whose names
    have exactly a leftover's shape."""
    _left_by_killed_builds(tmp_path)
    result = run(project, "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".site.lock", "site", *USERS_OWN])
    assert all((tmp_path / name / "mine.txt").read_text() == "mine" for name in USERS_OWN)


def test_recover_removes_only_what_was_recorded(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    _left_by_killed_builds(tmp_path, marked=False)
    publish_dir.recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", *USERS_OWN])


def test_a_record_naming_other_folders_removes_nothing_of_theirs(tmp_path: Path) -> None:
    """A damaged or hostile record names only what has a leftover's shape: never the project, never a path."""
    for name in ("policy", "site.old.holidays"):
        (tmp_path / name).mkdir()
    (tmp_path / ".site.seloste-made").write_text("policy\n../x\n/tmp\n.site.old.0a1b2c3d/../policy\n")
    publish_dir.recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["policy", "site.old.holidays"]


def test_a_users_folder_never_takes_the_place_of_a_missing_site(tmp_path: Path) -> None:
    """With no site, a user's folder named like an old copy is not moved into its place (a build would then
    replace it)."""
    (tmp_path / ".site.old.9f8e7d6c").mkdir()
    (tmp_path / ".site.old.9f8e7d6c" / "photo.jpg").write_bytes(b"\xff\xd8")
    publish_dir.recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.old.9f8e7d6c"]


def test_a_site_lost_between_the_two_renames_of_the_fallback_is_restored_by_the_next_run(tmp_path: Path) -> None:
    """Where the atomic exchange is missing, a kill between the two renames leaves only `.site.old.*`."""
    old = tmp_path / ".site.old.0a1b2c3d"
    (old / "fi").mkdir(parents=True)
    (old / publish_dir.MARKER).write_bytes(publish_dir.MARKER_TEXT)
    (old / "fi" / "index.html").write_text("the old complete site")
    (tmp_path / ".site.building.abcdefgh").mkdir()
    (tmp_path / ".site.seloste-made").write_text(".site.building.abcdefgh\n.site.old.0a1b2c3d\n")
    publish_dir.recover(tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (tmp_path / "site" / "fi" / "index.html").read_text() == "the old complete site"


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    assert publish_dir.exchange(tmp_path / "a", tmp_path / "b")  # Linux with glibc 2.28+: never the fallback here
    assert (tmp_path / "b" / "x").read_text() == "a" and not any((tmp_path / "a").iterdir())


def test_a_build_while_another_holds_the_lock_stops_with_a_sentence(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    before = snapshot(site)
    with open(tmp_path / ".site.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = run(project, "build", "--site-dir", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        f"{site}: another Seloste run is writing this folder right now (it holds "
        ".site.lock); run the command again when it has finished"
    )
    assert snapshot(site) == before


def test_builds_racing_for_one_folder_never_traceback_and_leave_one_complete_site(
    project: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    assert run(project, "build", "--site-dir", str(site)).returncode == 0
    complete = snapshot(site)
    env = dict(os.environ, PYTHONPATH=str(REPO), SOURCE_DATE_EPOCH=BUILD_EPOCH, NO_MKDOCS_2_WARNING="1")
    for _ in range(3):
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "generator", "build", "--site-dir", str(site)],
                cwd=project,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(3)
        ]
        results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
        for code, err in results:
            assert "Traceback" not in err
            assert code == 0 or (code == 1 and "another Seloste run is writing this folder" in err), err
        assert any(code == 0 for code, _ in results)
        assert snapshot(site) == complete
        assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_site_dir_on_a_read_only_file_system_is_refused_with_a_sentence(project: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "1m", read_only=True) as ro:
        for site_dir, shown in ((ro / "site", ro / "site"), (ro / "deeper" / "site", ro / "deeper" / "site")):
            result = run(project, "build", "--site-dir", str(site_dir))
            assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
            assert result.stderr.startswith(
                f"{USAGE}{shown}: cannot be made: read-only file system"
            ) or result.stderr.startswith(f"{USAGE}{ro / '.site.lock'}: cannot be written: read-only file system"), (
                result.stderr
            )


def test_a_full_disk_fails_the_build_with_a_sentence_and_keeps_the_old_site(project: Path, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "3m") as disk:
        site = disk / "site"
        (site / "fi").mkdir(parents=True)
        (site / publish_dir.MARKER).write_bytes(publish_dir.MARKER_TEXT)
        (site / "fi" / "index.html").write_text("the old site")
        before = snapshot(site)
        result = run(project, "build", "--site-dir", str(site))
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().endswith("error: no space left on device"), result.stderr
        assert result.stderr.startswith(f"{disk}/"), result.stderr
        assert snapshot(site) == before
        assert sorted(p.name for p in disk.iterdir()) == [".site.lock", "site"]


def test_an_exchange_the_system_refuses_is_an_error_naming_both_folders(tmp_path: Path) -> None:
    """Only a system without the exchange falls back to two renames; any other refusal is raised, never hidden."""
    (tmp_path / "a").mkdir()
    with pytest.raises(FileNotFoundError) as raised:
        publish_dir.exchange(tmp_path / "a", tmp_path / "missing")
    assert (raised.value.filename, raised.value.filename2) == (str(tmp_path / "a"), str(tmp_path / "missing"))
    assert (tmp_path / "a").is_dir()


def test_the_published_folder_is_readable_by_the_web_server(tmp_path: Path) -> None:
    """Staged private (0700, nobody sees it half-built), the site is published readable by all (0755): a web
    server running as another user must read it."""
    target = tmp_path / "site"
    with publish_dir.replacing(target, tmp_path) as staging:
        assert staging.stat().st_mode & 0o777 == 0o700
        (staging / "index.html").write_text("<!doctype html>\n", encoding="utf-8")
    assert target.stat().st_mode & 0o777 == 0o755
