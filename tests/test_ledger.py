"""The lock is the record, in process: its entries' dates and order, and the build held to it (ledger.py, site.py)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.environment import Environment
from generator.findings import NoticeError
from generator.project import Project
from generator.record.lock import entries_from_text
from generator.site.plan import plan_site
from support import MULTI_VERSIONS, released_here

DIGEST = "0" * 64
LOCK = "policy/releases/releases.lock"


def lock_text(*entries: tuple[str, str]) -> str:
    """A lock as `release` writes it, with (id, effective) entries in the order given."""
    files = {name: DIGEST for name in ("en.md", "fi.md", "notice.json", "notice.yaml", "sv.md")}
    data = {"releases": [{"id": i, "effective": effective, "files": files} for i, effective in entries]}
    return json.dumps(data, indent=2) + "\n"


def refusal(text: str) -> list[str]:
    """The messages with which the lock's text is refused; [] if it is accepted."""
    try:
        entries_from_text(text, LOCK)
    except NoticeError as exc:
        return [finding.message for finding in exc.findings]
    return []


def test_a_lock_entry_whose_effective_date_was_edited_is_refused() -> None:
    """An entry's effective date is its id's date: edited alone, it would move the day a release takes effect."""
    assert refusal(lock_text(("2026-01-01", "2026-01-01"), ("2026-03-01", "2026-03-01"))) == []
    (message,) = refusal(lock_text(("2026-01-01", "2026-01-01"), ("2026-03-01", "2026-02-01")))
    assert message == (
        'the release lock file is damaged: releases[1]: release 2026-03-01: effective "2026-02-01" is not the date '
        "of its id"
    )


def test_releases_of_one_day_are_listed_in_the_order_of_their_numbers() -> None:
    """A day's releases are listed 2026-03-01, -2, ..., -9, -10 (by number, not as text); any other order is refused."""
    day = ["2026-03-01", *(f"2026-03-01-{n}" for n in range(2, 11))]
    assert refusal(lock_text(*((i, "2026-03-01") for i in day))) == []
    for first, second in (("2026-03-01-2", "2026-03-01"), ("2026-03-01-10", "2026-03-01-9")):
        (message,) = refusal(lock_text((first, "2026-03-01"), (second, "2026-03-01")))
        assert message == f"release {second} is listed after {first}; the lock lists releases oldest first"


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fictional notice's first two versions, released in this process; copy it to change it."""
    return released_here(tmp_path_factory.mktemp("ledger") / "project", *MULTI_VERSIONS[:2]).root


def _symlink_to_a_copy(folder: Path) -> None:
    """fi.md replaced by a link to a byte-identical copy outside the release: its hash still matches."""
    copy = folder.parent.parent.parent / "fi-copy.md"
    shutil.copy(folder / "fi.md", copy)
    (folder / "fi.md").unlink()
    (folder / "fi.md").symlink_to(copy)


TAMPERING: dict[str, tuple[Callable[[Path], None], str, str]] = {
    # how policy/releases/2026-01-01 is changed, the path named, and words of the message
    "a released file replaced by a symbolic link": (
        _symlink_to_a_copy,
        "policy/releases/2026-01-01/fi.md",
        "release 2026-01-01: fi.md is not a regular file",
    ),
    "the released source deleted (a build never reads it)": (
        lambda folder: (folder / "notice.yaml").unlink(),
        "policy/releases/2026-01-01/notice.yaml",
        "release 2026-01-01: notice.yaml is missing",
    ),
    "a file added to a release": (
        lambda folder: (folder / "notes.txt").write_text("added later\n", encoding="utf-8"),
        "policy/releases/2026-01-01/notes.txt",
        "notes.txt is not one of its files",
    ),
    "a release folder the lock does not list": (
        lambda folder: shutil.copytree(folder, folder.with_name("2026-02-01")),
        "policy/releases/2026-02-01",
        "is not a release listed in releases.lock",
    ),
}


@pytest.mark.parametrize("tampering", TAMPERING)
def test_the_build_holds_the_releases_to_the_lock(released: Path, tmp_path: Path, tampering: str) -> None:
    """plan_site, where every build starts, refuses releases that differ from the lock, even in files it never reads."""
    root = tmp_path / "project"
    shutil.copytree(released, root, symlinks=True)
    project = Project.at(root)
    plan_site(project, Environment(date(2026, 6, 15)))  # untouched, it plans
    change, path, words = TAMPERING[tampering]
    change(root / "policy" / "releases" / "2026-01-01")
    with pytest.raises(NoticeError) as caught:
        plan_site(project, Environment(date(2026, 6, 15)))
    found = [(f.position.path, f.rule) for f in caught.value.findings if words in f.message]
    assert found == [(path, "release-integrity")], caught.value.findings


def _lock(*entries: dict[str, object]) -> str:
    return json.dumps({"releases": list(entries)}, indent=2)


def _entry(release_id: str, effective: str | None = None) -> dict[str, object]:
    files = {"fi.md": "a" * 64, "notice.json": "b" * 64, "notice.yaml": "c" * 64}
    return {"id": release_id, "effective": effective or release_id[:10], "files": files}


@pytest.mark.parametrize(
    "text, message",
    [
        (_lock(_entry("2026-01-01"), _entry("2026-01-01")), "release 2026-01-01 is listed twice"),
        (_lock(_entry("2026-1-1", "2026-1-1")), 'id "2026-1-1" is not a release id such as 2026-01-31 or 2026-01-31-2'),
        (_lock(_entry("2026-02-30")), "release 2026-02-30: 2026-02-30 is not a date"),
        (_lock(_entry("2026-01-01-1")), 'id "2026-01-01-1" is not a release id'),
    ],
    ids=["twice", "not an id", "no such day", "number one"],
)
def test_a_lock_entry_that_cannot_be_a_release_is_named_at_its_line(text: str, message: str) -> None:
    from generator.findings import NoticeError
    from generator.record.lock import entries_from_text

    with pytest.raises(NoticeError) as raised:
        entries_from_text(text, "releases.lock")
    assert any(
        message in f.message and f.position.line > 0 and f.rule == "release-integrity" for f in raised.value.findings
    ), [str(f) for f in raised.value.findings]


@pytest.mark.parametrize("kind", ["a symbolic link", "a file"])
def test_a_releases_folder_that_is_not_a_folder_is_refused(tmp_path: Path, kind: str) -> None:
    from generator.findings import NoticeError
    from generator.project import Project
    from generator.record.lock import read_entries

    project = Project.at(tmp_path)
    (tmp_path / "policy").mkdir()
    if kind == "a file":
        project.releases.write_text("not a folder")
    else:
        (tmp_path / "elsewhere").mkdir()
        project.releases.symlink_to(tmp_path / "elsewhere")
    with pytest.raises(NoticeError) as raised:
        read_entries(project)
    assert [f.message for f in raised.value.findings] == [
        "is not a folder; it must be the folder that holds the release folders and releases.lock"
    ]


# -- When a release was released (issue 21) -------------------------------------------------------------------


def test_the_release_date_goes_round_the_lock_and_an_entry_without_it_stays_byte_identical() -> None:
    """`released` is written between effective and files where it is known, read back as a date, and left out
    where it is not: the lock of a release made before it is the same bytes, as Entrack's lock is."""
    from dataclasses import replace

    from generator.record.lock import read_entries, text
    from support import PROJECT

    entrack = PROJECT.lock.read_text(encoding="utf-8")
    entries = read_entries(PROJECT)
    assert [e.released for e in entries] == [None, None, None]
    assert text(entries) == entrack and '"released"' not in entrack
    dated = replace(entries[-1], released=date(2026, 12, 5))
    written = text([*entries[:-1], dated])
    assert written.count('"released": "2026-12-05"') == 1
    assert '"effective": "2026-12-06",\n      "released": "2026-12-05",\n      "files": {' in written
    (read,) = entries_from_text(written, LOCK)[-1:]
    assert read.released == date(2026, 12, 5) and read.files == dated.files
    assert text(entries_from_text(written, LOCK)) == written


@pytest.mark.parametrize("value", ["2026-1-5", "20260105", "2026-02-30", None, 20260105, "yesterday"])
def test_a_release_date_that_is_not_a_date_is_refused_at_its_line(value: object) -> None:
    entry = _entry("2026-01-01") | {"released": value}
    with pytest.raises(NoticeError) as raised:
        entries_from_text(_lock(entry), "releases.lock")
    (finding,) = raised.value.findings
    assert finding.position.line == 4 and finding.rule == "release-integrity"  # the entry's id
    assert finding.message == (
        f"the release lock file is damaged: releases[0]: release 2026-01-01: released {json.dumps(value)} is not "
        "a date (YYYY-MM-DD)"
    )


def test_an_entry_with_another_key_is_refused() -> None:
    with pytest.raises(NoticeError) as raised:
        entries_from_text(_lock(_entry("2026-01-01") | {"published": "2026-01-01"}), "releases.lock")
    assert 'an entry has exactly "id", "effective" and "files", and possibly "released"' in str(raised.value)


def test_release_writes_its_build_date_into_the_lock(released: Path) -> None:
    """released_here releases on BUILD_DAY, as `release` does on the build date."""
    from generator.record.releases import load_releases

    assert [r.released for r in load_releases(Project.at(released))] == [date(2026, 6, 15)] * 2
    lock = json.loads((released / "policy" / "releases" / "releases.lock").read_text(encoding="utf-8"))
    assert [list(entry) for entry in lock["releases"]] == [["id", "effective", "released", "files"]] * 2


# -- A lock that cannot be the record: each way, said and placed ------------------------------------------------


def test_a_missing_lock_while_releases_are_kept_is_refused_without_a_line(tmp_path: Path) -> None:
    """The record cannot be lost silently: the lock gone, the folders it recorded name it, with no line."""
    from generator.findings import Position
    from generator.record.lock import read_entries

    project = Project.at(tmp_path)
    (project.releases / "2026-03-01").mkdir(parents=True)
    (project.releases / "2026-01-01").mkdir()
    (project.releases / ".leftover").mkdir()
    with pytest.raises(NoticeError) as raised:
        read_entries(project)
    (finding,) = raised.value.findings
    assert finding.position == Position(LOCK) and finding.rule == "release-integrity"
    assert finding.message == (
        "is missing, yet policy/releases holds releases (2026-01-01, 2026-03-01); the lock is the record of every "
        "release: restore it with git"
    )
    (project.releases / "2026-01-01").rmdir()
    (project.releases / "2026-03-01").rmdir()
    assert read_entries(project) == ()  # no release yet: no lock needed


@pytest.mark.parametrize(
    "text, message, line, column",
    [
        ('{"releases": [\n  {"id": }]}', "the release lock file is damaged: Expecting value", 2, 10),
        ('{"releases": {}}', 'the release lock file is damaged: it must be {"releases": [...]}', 1, 1),
        ("[]", 'the release lock file is damaged: it must be {"releases": [...]}', 1, 1),
    ],
    ids=["not JSON", "no list", "a list"],
)
def test_a_lock_that_is_not_a_list_of_releases_is_refused_where_it_breaks(
    text: str, message: str, line: int, column: int
) -> None:
    with pytest.raises(NoticeError) as raised:
        entries_from_text(text, LOCK)
    (finding,) = raised.value.findings
    assert (finding.message, finding.position.line, finding.position.column) == (message, line, column)


def _files(**digests: str) -> dict[str, str]:
    return {"fi.md": "a" * 64, "notice.json": "b" * 64, "notice.yaml": "c" * 64} | digests


FILES_MESSAGE = (
    "release 2026-01-01: files must list notice.yaml, notice.json, the text of each of its languages (such as "
    "fi.md), possibly schema.json and parties.json, an announcement in each of its languages (such as "
    "announcement.fi.md and announcement.fi.txt) and a first layer and form notices in each of its languages "
    "(such as first-layer.fi.md and form-notices.fi.json), and nothing else"
)


@pytest.mark.parametrize(
    "files, message",
    [
        (_files(**{"notes.txt": "d" * 64}), FILES_MESSAGE),
        (_files(**{"fi.md": "A" * 64, "notice.json": "xyz"}), "fi.md, notice.json: not a sha256"),
        (
            _files(**{"first-layer.fi.md": "d" * 64}),
            "a first layer is first-layer.<lang>.md and form-notices.<lang>.json, in each of its languages or in none",
        ),
        (
            _files(**{"first-layer.sv.md": "d" * 64, "form-notices.sv.json": "e" * 64}),
            "a first layer is first-layer.<lang>.md and form-notices.<lang>.json, in each of its languages or in none",
        ),
    ],
    ids=["another file", "not digests", "a first layer without form notices", "a first layer of another language"],
)
def test_a_lock_entry_whose_files_cannot_be_a_release_is_refused(files: dict[str, str], message: str) -> None:
    entry = {"id": "2026-01-01", "effective": "2026-01-01", "files": files}
    with pytest.raises(NoticeError) as raised:
        entries_from_text(_lock(entry), LOCK)
    (finding,) = raised.value.findings
    assert message in finding.message and (finding.position.line, finding.position.column) == (4, 7)
    layered = {"first-layer.fi.md": "d" * 64, "form-notices.fi.json": "e" * 64}
    (read,) = entries_from_text(_lock(entry | {"files": _files(**layered)}), LOCK)
    assert read.layered == ("fi",) and read.files == _files(**layered)
