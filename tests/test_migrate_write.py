"""How `migrate` writes (generator/notice/migrate.py): a new file synced and put in place in one step, and only a result
that is a valid notice; on a real file system, in process."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.findings import NoticeError
from generator.notice.migrate import FORMAT_1_SCHEMA, migrate_file
from support import PROJECT

FORMAT_1 = """\
# Esimerkki Oy's notice, as written before format 2.
seloste: 1
controller:
  name: Esimerkki Oy
purposes:
  - id: orders
    name: {fi: Tilaukset, sv: Beställningar, en: Orders}
    legal_bases: [contract]
    retention: {period: P6Y}  # the Accounting Act
revision:
  effective: "2026-01-01"
  summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}
"""


def test_migrate_writes_a_new_file_synced_and_swapped_in_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new file is synced, then takes the old one's name in one step: never written in place, mode kept."""
    notice, other_name = tmp_path / "notice.yaml", tmp_path / "held.yaml"
    notice.write_text(FORMAT_1, encoding="utf-8")
    notice.chmod(0o640)
    os.link(notice, other_name)
    synced: list[tuple[int, bytes]] = []  # the inode of each file synced, and what notice.yaml held at that moment
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append((os.fstat(fd).st_ino, notice.read_bytes()))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    assert migrate_file(notice, "notice.yaml", PROJECT.schema).changed
    text = notice.read_text(encoding="utf-8")
    assert "seloste: 2" in text and "legal_bases: [{basis: contract}]" in text and "# the Accounting Act" in text
    assert other_name.read_text(encoding="utf-8") == FORMAT_1
    assert notice.stat().st_ino != other_name.stat().st_ino
    assert (notice.stat().st_ino, FORMAT_1.encode()) in synced
    assert notice.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.yaml", "notice.yaml"]


def test_a_result_the_project_schema_refuses_is_not_written(tmp_path: Path) -> None:
    """A result the project's schema refuses (here still format 1's) is reported by field and never written."""
    schema = tmp_path / "schema.json"
    shutil.copy(FORMAT_1_SCHEMA, schema)
    notice = tmp_path / "notice.yaml"
    notice.write_text(FORMAT_1, encoding="utf-8")
    with pytest.raises(NoticeError) as caught:
        migrate_file(notice, "notice.yaml", schema)
    assert [(str(f.position), f.message.split(":")[0]) for f in caught.value.findings] == [
        ("notice.yaml:2:10", "seloste"),
        ("notice.yaml:8:19", "purposes[orders].legal_bases[1]"),
        ("notice.yaml:9:16", "purposes[orders].retention"),
    ]
    assert notice.read_text(encoding="utf-8") == FORMAT_1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.yaml", "schema.json"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_byte_order_mark_is_kept_and_none_is_added(tmp_path: Path, bom: bytes) -> None:
    """The editor's byte order mark stays, and a file without one gets none (git would show every line changed)."""
    notice = tmp_path / "notice.yaml"
    notice.write_bytes(bom + FORMAT_1.encode("utf-8"))
    migrate_file(notice, "notice.yaml", PROJECT.schema)
    written = notice.read_bytes()
    assert written.startswith(bom + b"# Esimerkki Oy's notice") and b"seloste: 2\n" in written
