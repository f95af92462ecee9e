"""Releases on a hostile file system: folders where files belong, foreign shapes, a full disk.

Each ends with a path and a plain sentence, exit 1, never a traceback, in
check, build and release; a full disk leaves no half-written release.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from disk import fill, snapshot, tmpfs

from support import BUILD_DAY, MULTI_VERSIONS, make_project, release, run

RELEASES = Path("policy/releases")
LOCK = RELEASES / "releases.lock"


def fails_plainly(root: Path, expected: str) -> None:
    """check, build and release exit 1 with `expected` (a path and a sentence, in English), without a traceback."""
    for command in ("check", "build", "release"):
        result = run(root, command, "--lang", "en")
        output = result.stdout + result.stderr
        assert result.returncode == 1, command + output
        assert "Traceback" not in output, command + output
        assert expected in output, command + output


def test_a_lock_that_is_a_folder(project: Path) -> None:
    (project / LOCK).unlink()
    (project / LOCK).mkdir()
    fails_plainly(
        project,
        "policy/releases/releases.lock: error: is not a regular file; it must be the file that "
        "records every release [release-integrity]",
    )


def test_a_released_text_that_is_a_folder(project: Path) -> None:
    fi = project / RELEASES / "2026-03-01" / "fi.md"
    fi.unlink()
    fi.mkdir()
    fails_plainly(project, "policy/releases/2026-03-01/fi.md: error: release 2026-03-01: fi.md is not a regular file")


def test_a_releases_folder_that_is_a_file(project: Path) -> None:
    shutil.rmtree(project / RELEASES)
    (project / RELEASES).write_text("releases\n")
    fails_plainly(
        project,
        "policy/releases: error: is not a folder; it must be the folder that holds the release "
        "folders and releases.lock [release-integrity]",
    )


@pytest.mark.parametrize(
    "content", [b"[1, 2]\n", b'{"seloste": 1}\n', b"\xff\xfe not json\n", b'{"seloste": 1, "controller": "Entrack"}\n']
)
def test_a_lock_entry_blessing_a_notice_json_of_another_shape(project: Path, content: bytes) -> None:
    """The lock records the forged file's hash, so only reading it as a notice can catch it."""
    forged = project / RELEASES / "2026-09-01" / "notice.json"
    forged.write_bytes(content)
    data = json.loads((project / LOCK).read_text())
    data["releases"][2]["files"]["notice.json"] = hashlib.sha256(content).hexdigest()
    (project / LOCK).write_text(json.dumps(data, indent=2) + "\n")
    fails_plainly(project, "policy/releases/2026-09-01/notice.json:1:")
    assert (
        "error: release 2026-09-01: notice.json is not a valid notice: " in run(project, "build", "--lang", "en").stderr
    )
    said = run(project, "build").stderr  # in the notice's first language
    assert "error: versio 2026-09-01: notice.json ei ole kelvollinen tietosuojaseloste: " in said, said


def test_a_full_disk_leaves_no_half_written_release_and_the_next_release_succeeds(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", "16m") as disk:
        root = make_project(disk / "project")
        release(root, MULTI_VERSIONS[0])
        before = snapshot(root / RELEASES)
        shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
        run(root, "check")  # let Python write its byte-code caches while there is room
        fill(disk, leave=4096)
        result = run(root, "release")
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().endswith("error: no space left on device"), result.stderr
        assert result.stderr.splitlines()[-1].startswith("policy/.releases.building."), result.stderr
        assert snapshot(root / RELEASES) == before
        assert sorted(p.name for p in (root / "policy").iterdir()) == [
            ".releases.lock",
            "notice.yaml",
            "parties.schema.json",
            "releases",
            "schema.json",
        ]
        (disk / "filler").unlink()
        assert run(root, "release").returncode == 0
        assert run(root, "check").returncode == 0


def test_a_reader_waits_while_a_release_changes_the_record_and_a_release_waits_for_readers(project: Path) -> None:
    """Readers take the releases' lock shared, `release` exclusive: a check never reads the new lock beside the
    old folders (or the other way round), which it reported as a release-integrity error asking to move the
    new release away."""
    import threading
    import time

    from generator.environment import build_date
    from generator.folder_swap import shared
    from generator.project import Project
    from generator.record.inspection import inspect
    from generator.record.releases import make_release

    proj = Project.at(project)
    lock = project / "policy" / ".releases.lock"
    done: list[object] = []
    with shared(lock, write=True):  # as `release` holds it while it changes policy/releases
        reader = threading.Thread(target=lambda: done.append(inspect(proj, today=build_date())))
        reader.start()
        time.sleep(0.5)
        assert reader.is_alive() and not done, "the check read the record while a release was changing it"
    reader.join(timeout=60)
    assert done and not [f for f in done[0].findings if f.rule == "release-integrity"]  # type: ignore[attr-defined]

    notice = project / "policy" / "notice.yaml"
    notice.write_text(
        notice.read_text(encoding="utf-8")
        .replace('effective: "2026-09-01"', 'effective: "2026-09-02"')
        .replace("and returns.", "and returns at once.")
        .replace("Newsletter added, cookies removed.", "Returns at once.")
        .replace("Uutiskirje lisätty, evästeet poistettu.", "Palautukset heti.")
        .replace("Nyhetsbrev tillagt, kakor borttagna.", "Returer genast."),
        encoding="utf-8",
    )
    with shared(lock):  # as a check holds it while it reads the record
        writer = threading.Thread(target=lambda: done.append(make_release(proj, today=BUILD_DAY)))
        writer.start()
        time.sleep(0.5)
        assert writer.is_alive() and len(done) == 1, "a release changed the record while a check was reading it"
    writer.join(timeout=60)
    assert len(done) == 2 and (project / "policy" / "releases" / "2026-09-02").is_dir()
