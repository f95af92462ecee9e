"""`python -m generator migrate`: a format-1 notice said in format 2, meaning for meaning, comments kept;
releases made in format 1 still load, through the same migration."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.notice import changes as diff
from generator.notice.migrate import upgrade
from generator.notice.read import read_notice
from generator.record.releases import load_releases
from generator.words.render import render_notice
from support import PROJECT, make_project, run

FORMAT_1 = """\
# yaml-language-server: $schema=./schema.json
# Esimerkki Oy's notice, as written before format 2.
seloste: 1
controller:
  name: "Esimerkki Oy"   # the registered name
data_categories:
  - id: health
    name: {fi: Terveystiedot, sv: Hälsouppgifter, en: Health data}
    special: true
purposes:
  # Marketing: the source says "with consent or on legitimate interests".
  - id: marketing
    name: {fi: Markkinointi, sv: Marknadsföring, en: Marketing}
    legal_bases:
      - consent               # newsletters
      - legitimate_interests
    data_categories: [health]
    retention: {period: P2Y}  # two years
  - id: orders
    name: {fi: Tilaukset, sv: Beställningar, en: Orders}
    legal_bases: [contract]
    retention:
      criterion: {fi: Kunnes tilaus on toimitettu., sv: Tills beställningen har levererats., en: Until the order is delivered.}
revision:
  effective: "2026-01-01"
  summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}
"""


def project_with(tmp_path: Path, text: str | bytes) -> Path:
    root = make_project(tmp_path / "project")
    notice = root / "policy" / "notice.yaml"
    notice.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return root


@pytest.mark.slow
def test_migrate_keeps_comments_order_and_meaning(tmp_path: Path) -> None:
    root = project_with(tmp_path, FORMAT_1)
    result = run(root, "migrate")
    assert result.returncode == 0, result.stderr
    text = (root / "policy" / "notice.yaml").read_text(encoding="utf-8")
    for comment in (
        "# yaml-language-server: $schema=./schema.json",
        "# Esimerkki Oy's notice, as written before format 2.",
        "# the registered name",
        "# Marketing: the source says",
        "# newsletters",
        "# two years",
    ):
        assert comment in text, comment
    assert 'name: "Esimerkki Oy"' in text  # quotes as written
    assert "seloste: 2\n" in text
    assert re.search(r"\n      - \{basis: consent\} +# newsletters\n      - \{basis: legitimate_interests\}\n", text)
    assert "    legal_bases: [{basis: contract}]\n" in text
    assert re.search(r"\n    retention: \[\{period: P2Y\}\] +# two years\n", text)
    assert text.count("# two years") == 1
    assert "    retention:\n      - criterion:" in text
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == ["seloste", "controller", "data_categories", "purposes", "revision"]
    notice, _ = read_notice(root / "policy" / "notice.yaml", PROJECT.schema)
    marketing = notice.purposes[0]
    # Format 1 named two bases without saying how they relate: format 2 keeps them apart, neither
    # alternatives nor joined, and says nothing of what each covers.
    assert [(item.basis, item.alternatives, item.covers) for item in marketing.legal_bases] == [
        ("consent", (), None),
        ("legitimate_interests", (), None),
    ]
    page = render_notice(notice, "en", PROJECT.locales)
    assert "consent (Art. 6(1)(a)) and" not in page and "(Art. 6(1)(a)), legitimate" not in page
    assert "- **Legal bases:**\n    - consent (Art. 6(1)(a))\n    - legitimate interests (Art. 6(1)(f))\n" in page


@pytest.mark.slow
def test_migrate_says_what_it_left_for_the_author(tmp_path: Path) -> None:
    root = project_with(tmp_path, FORMAT_1)
    result = run(root, "migrate")
    lines = result.stdout.splitlines()
    assert lines[0] == "migrated policy/notice.yaml to format 2"
    text = (root / "policy" / "notice.yaml").read_text(encoding="utf-8").splitlines()
    notes = {line.split(": ")[2]: line for line in lines[1:-1]}
    assert set(notes) == {"data_categories[health].special", "purposes[marketing].legal_bases"}
    for field, line in notes.items():
        number = int(line.split(":")[1])
        assert text[number - 2].lstrip().startswith("# migrate: "), (field, text[number - 2])
        assert text[number - 1].lstrip().startswith(field.rsplit(".", 1)[1] + ":")
    assert "Art. 10" in notes["data_categories[health].special"]
    assert lines[-1].startswith("2 field(s) left for you to complete, all of them marked '# migrate:'")
    checked = run(root, "check")
    scope = [line for line in checked.stdout.splitlines() if "[legal-basis-scope" in line]
    assert len(scope) == 2  # check keeps asking what each basis covers


@pytest.mark.slow
def test_migrate_is_idempotent(tmp_path: Path) -> None:
    root = project_with(tmp_path, FORMAT_1)
    assert run(root, "migrate").returncode == 0
    once = (root / "policy" / "notice.yaml").read_bytes()
    again = run(root, "migrate")
    assert again.returncode == 0
    assert again.stdout == "policy/notice.yaml is already in format 2; nothing to change\n"
    assert (root / "policy" / "notice.yaml").read_bytes() == once


@pytest.mark.slow
def test_migrate_keeps_bom_and_crlf(tmp_path: Path) -> None:
    root = project_with(tmp_path, b"\xef\xbb\xbf" + FORMAT_1.replace("\n", "\r\n").encode("utf-8"))
    assert run(root, "migrate", "policy/notice.yaml").returncode == 0
    raw = (root / "policy" / "notice.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server") and b"\r\nseloste: 2\r\n" in raw
    assert b"\n" not in raw.replace(b"\r\n", b"")


@pytest.mark.slow
def test_migrate_errors_name_the_line_and_change_nothing(tmp_path: Path) -> None:
    bad = FORMAT_1.replace("legal_bases: [contract]", "legal_bases: [contrakt]")
    root = project_with(tmp_path, bad)
    result = run(root, "migrate")
    assert result.returncode == 1
    assert result.stderr.startswith("policy/notice.yaml:21:19: error: purposes[orders].legal_bases[1]: 'contrakt'")
    assert (root / "policy" / "notice.yaml").read_text(encoding="utf-8") == bad
    broken = project_with(tmp_path / "2", "seloste: 1\ncontroller:\n\tname: x\n")
    result = run(broken, "migrate")
    assert result.returncode == 1 and result.stderr.startswith("policy/notice.yaml:3:1: error: invalid YAML")
    unknown = project_with(tmp_path / "3", FORMAT_1.replace("seloste: 1", "seloste: 7"))
    result = run(unknown, "migrate")
    assert result.returncode == 1
    assert result.stderr.startswith("policy/notice.yaml:3:10: error: seloste: format 7 is not one this generator knows")
    assert run(root, "migrate", "a.yaml", "b.yaml").returncode == 2
    missing = run(root, "migrate", "nowhere.yaml")
    assert missing.returncode == 1 and missing.stderr.startswith("nowhere.yaml: error: cannot read file")


@pytest.mark.slow
def test_check_on_format_1_says_to_migrate(tmp_path: Path) -> None:
    root = project_with(tmp_path, FORMAT_1)
    result = run(root, "check", "--lang", "en")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "policy/notice.yaml:3:10: error: seloste: this notice is in format 1; run `.venv/bin/python -m generator migrate "
        "policy/notice.yaml` to rewrite it in format 2, keeping your comments [format-version]",
        "policy/notice.yaml: 1 error, 0 warnings",
    ]
    assert run(root, "build").returncode == 1


def test_a_format_1_release_loads_through_the_migration(tmp_path: Path) -> None:
    first, second, *_ = load_releases(
        PROJECT
    )  # Entrack's first two releases, the first made in format 1 and never touched
    source = json.loads((first.directory / "notice.json").read_text(encoding="utf-8"))
    assert source["seloste"] == 1 and source["purposes"][1]["legal_bases"] == ["consent", "legitimate_interests"]
    notice = first.notice
    assert notice.seloste == 2 and notice.purposes[1].bases == ("consent", "legitimate_interests")
    assert [item.covers for item in notice.purposes[1].legal_bases] == [None, None]
    data = json.loads(json.dumps(source))
    assert upgrade(data) == upgrade(json.loads(json.dumps(source)))  # the same notes every time
    assert upgrade(data) == []  # and a second pass changes nothing
    # The second release (format 2) says the same two bases as alternatives: the changelog says so.
    changed = {(c.area, c.action, c.subject) for c in diff.changes(notice, second.notice)}
    assert ("legal_basis", "changed", notice.purposes[1].name) in changed


@pytest.mark.slow
def test_changelog_compares_across_formats(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    shutil.copytree(PROJECT.releases, root / "policy" / "releases")
    shutil.copy(PROJECT.notice, root / "policy" / "notice.yaml")
    notice = root / "policy" / "notice.yaml"
    text = notice.read_text(encoding="utf-8")
    text = (
        text.replace('effective: "2026-11-26"', 'effective: "2026-12-01"')
        .replace("Korjasimme sanamuotoja", "Lisäsimme säilytysajan. Korjasimme sanamuotoja")
        .replace("Vi har rättat", "Vi har lagt till en lagringstid. Vi har rättat")
        .replace("We corrected the wording", "We added a retention period. We corrected the wording")
        .replace(
            "    legal_bases:\n      - {basis: legal_obligation}\n",
            "    legal_bases:\n      - {basis: legal_obligation}\n    retention: [{period: P6Y, event: end_of_accounting_year}]\n",
        )
    )
    notice.write_text(text, encoding="utf-8")
    assert run(root, "release").returncode == 0
    result = run(root, "build", "--site-dir", "site", epoch="1796083200")  # 2026-12-01
    assert result.returncode == 0, result.stderr
    changelog = (root / "site" / "en" / "changelog" / "index.html").read_text(encoding="utf-8")
    assert "Retention period changed: Complying with other obligations" in changelog  # 2026-11-26 -> 2026-12-01
    # 2026-11-25 (format 1) -> 2026-11-26 (format 2): marketing's bases became alternatives, said once
    assert changelog.count("Legal basis changed: Marketing and communications") == 1


def _migrated(tmp_path: Path, text: str, name: str = "notice.yaml") -> tuple[Path, object]:
    from generator.notice.migrate import migrate_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, migrate_file(path, name, PROJECT.schema)


def test_migrate_keeps_a_plain_scalar_that_looks_like_a_timestamp_as_written(tmp_path: Path) -> None:
    """YAML 1.1 would read `2026-1-1 9:00:00` as a timestamp and write it back as `2026-01-01 09:00:00`."""
    path, _ = _migrated(tmp_path, FORMAT_1.replace('name: "Esimerkki Oy"', "name: 2026-1-1 9:00:00"))
    assert "  name: 2026-1-1 9:00:00   # the registered name\n" in path.read_text(encoding="utf-8")


def test_migrate_writes_through_a_symbolic_link_and_keeps_it(tmp_path: Path) -> None:
    real = tmp_path / "kept" / "notice.yaml"
    real.parent.mkdir()
    real.write_text(FORMAT_1, encoding="utf-8")
    link = tmp_path / "notice.yaml"
    link.symlink_to(real)
    from generator.notice.migrate import migrate_file

    migrate_file(link, "notice.yaml", PROJECT.schema)
    assert link.is_symlink() and link.resolve() == real
    assert "seloste: 2" in real.read_text(encoding="utf-8")
    assert sorted(p.name for p in real.parent.iterdir()) == ["notice.yaml"]


def test_migrate_says_which_notes_a_flow_style_file_could_not_carry(tmp_path: Path) -> None:
    flow = (
        "{seloste: 1, controller: {name: X}, purposes: [{id: a, name: {fi: A, sv: A, en: A}, "
        'legal_bases: [consent, contract]}], revision: {effective: "2026-01-01", summary: {fi: a, sv: b, en: c}}}\n'
    )
    path, result = _migrated(tmp_path, flow)
    assert "# migrate:" not in path.read_text(encoding="utf-8")
    assert result.marked == 0 and len(result.notes) == 1  # type: ignore[attr-defined]
    assert result.notes[0].message.endswith(
        "(not marked in the file: it is written in flow style, {...}, "  # type: ignore[attr-defined]
        "where a comment cannot go)"
    )


def test_migrate_drops_what_a_killed_run_left_and_leaves_nothing_of_its_own(tmp_path: Path) -> None:
    (tmp_path / ".notice.yaml.seloste-migrate.tmp").write_text("half a file", encoding="utf-8")
    (tmp_path / ".notice.yaml.abcd1234.tmp").write_text("the author's own", encoding="utf-8")
    _migrated(tmp_path, FORMAT_1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notice.yaml.abcd1234.tmp", "notice.yaml"]


def test_migrate_reads_no_more_than_the_size_limit() -> None:
    """`migrate /dev/zero` is refused like a 2 MiB file, not read until memory runs out."""
    import pytest

    from generator.findings import NoticeError
    from generator.notice.migrate import migrate_file

    with pytest.raises(NoticeError) as raised:
        migrate_file(Path("/dev/zero"), "/dev/zero", PROJECT.schema)
    assert "larger than 2 MiB" in raised.value.findings[0].message


def test_migrate_keeps_the_files_line_ends_and_byte_order_mark(tmp_path: Path) -> None:
    """A CRLF file stays CRLF (no line gains a second CR), and a BOM stays at the start."""
    from generator.notice.migrate import migrate_file

    path = tmp_path / "notice.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + FORMAT_1.replace("\n", "\r\n").encode("utf-8"))
    migrate_file(path, "notice.yaml", PROJECT.schema)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# yaml-language-server") and b"seloste: 2\r\n" in raw
    assert b"\r\r" not in raw and raw.count(b"\n") == raw.count(b"\r\n")


def test_migrate_syncs_the_folder_after_the_exchange(tmp_path: Path, monkeypatch: object) -> None:
    """The rename itself reaches the disk: the folder holding the file is synced after it, not only the file."""
    import os
    import stat

    from generator.notice import migrate

    synced: list[bool] = []
    real = os.fsync

    def fsync(descriptor: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(descriptor).st_mode))
        real(descriptor)

    monkeypatch.setattr(migrate.os, "fsync", fsync)  # type: ignore[attr-defined]
    _migrated(tmp_path, FORMAT_1)
    assert synced == [False, True]  # the new file's bytes, then the folder's entry
