"""Releases: permanent addresses, changelog, diffs, versions.json, immutability."""

from __future__ import annotations

import dataclasses
import filecmp
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from generator.findings import NoticeError
from generator.folder_swap import Busy, locked_folder
from generator.notice.model import Purpose, Recipient
from generator.project import Project
from generator.record.releases import load_releases, make_release, verify
from generator.words import i18n
from support import BUILD_DAY, LANGS, MULTI_VERSIONS, PROJECT, REPO, copy_project, make_project, release, run


def page(site: Path, lang: str, path: str = "") -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")


def translated(lang: str, msgid: str, **values: str) -> str:
    """The catalog's sentence; fi and sv must really be translated."""
    text = i18n.translations(PROJECT.locales, lang).gettext(msgid)
    if lang != "en":
        assert text != msgid, f"untranslated in {lang}: {msgid}"
    return text % values if values else text


def test_versions_json_lists_every_release_with_its_addresses(multi_site: Path) -> None:
    versions = json.loads((multi_site / "versions.json").read_text())
    assert versions["current"] == "2026-03-01"
    assert versions["upcoming"] == "2026-09-01"
    assert [r["id"] for r in versions["releases"]] == ["2026-09-01", "2026-03-01", "2026-01-01"]
    for entry in versions["releases"]:
        for lang in LANGS:
            assert entry["urls"][lang] == f"{lang}/{entry['id']}/"  # from versions.json: right under any sub-path
            assert (multi_site / entry["urls"][lang] / "index.html").exists()
        notice = json.loads((multi_site / entry["notice"]).read_text())
        assert notice["revision"]["effective"] == entry["effective"]


def test_sha256_in_versions_json_is_that_of_the_released_text_the_site_serves(multi_project: Path) -> None:
    """A consumer can check a text: versions.json gives its address on the site and its sha256, the lock's."""
    import hashlib

    site = multi_project / "site"
    versions = json.loads((site / "versions.json").read_text())
    lock = json.loads((multi_project / "policy" / "releases" / "releases.lock").read_text())
    locked = {entry["id"]: entry["files"] for entry in lock["releases"]}
    for entry in versions["releases"]:
        for lang in LANGS:
            served = (site / entry["texts"][lang]).read_bytes()
            stored = (multi_project / "policy" / "releases" / entry["id"] / f"{lang}.md").read_bytes()
            assert served == stored and hashlib.sha256(served).hexdigest() == entry["sha256"][lang]
            assert entry["sha256"][lang] == locked[entry["id"]][f"{lang}.md"]
        served_notice = (site / entry["notice"]).read_bytes()
        assert hashlib.sha256(served_notice).hexdigest() == entry["notice_sha256"] == locked[entry["id"]]["notice.json"]


@pytest.mark.parametrize("lang", LANGS)
def test_current_address_shows_the_release_in_force_and_announces_the_upcoming_one(multi_site: Path, lang: str) -> None:
    html = page(multi_site, lang)
    returns = {"fi": "palautuksia", "sv": "returer", "en": "returns"}[lang]
    assert returns in html
    assert i18n.format_date(__import__("datetime").date(2026, 9, 1), lang) in html
    assert 'href="2026-09-01/diff/"' in html  # "See what changes" leads to the comparison


@pytest.mark.parametrize("lang", LANGS)
def test_archived_release_says_when_it_was_in_force_and_links_the_current_one(multi_site: Path, lang: str) -> None:
    """In force until the day its successor took effect, said exactly."""
    from datetime import date

    html = page(multi_site, lang, "2026-01-01")
    start, end = i18n.format_date(date(2026, 1, 1), lang), i18n.format_date(date(2026, 3, 1), lang)
    assert (
        translated(
            lang, "This version was in force from %(start)s until it was replaced on %(end)s.", start=start, end=end
        )
        in html
    )
    assert 'href="../"' in html and 'href="diff/current/"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'class="admonition danger seloste-status seloste-status--archived"' in html
    old = {"fi": "Käsittelemme tilauksia.", "sv": "Vi hanterar beställningar.", "en": "We handle orders."}[lang]
    assert old in html


@pytest.mark.parametrize("lang", LANGS)
def test_every_release_page_after_the_first_links_its_diff(multi_site: Path, lang: str) -> None:
    for later in ("2026-03-01", "2026-09-01"):
        assert 'href="diff/"' in page(multi_site, lang, later), later
    assert 'href="diff/"' not in page(multi_site, lang, "2026-01-01")


@pytest.mark.parametrize("lang", LANGS)
def test_changelog_lists_what_changed_in_each_language(multi_site: Path, lang: str) -> None:
    from generator.notice.read import read_notice

    html = page(multi_site, lang, "changelog")
    v2 = read_notice(MULTI_VERSIONS[1], PROJECT.schema)[0]
    crm = v2.lookup(Recipient)["crm"].name[lang]
    orders = v2.lookup(Purpose)["orders"].name[lang]
    expected = [
        translated(lang, "New recipient: %(name)s", name=crm),
        translated(lang, "New transfer outside the EU/EEA: %(name)s", name=i18n.country_name("US", lang)),
        translated(lang, "Retention period changed: %(name)s", name=orders),
        translated(lang, "Row removed from the cookie table: %(name)s", name="session"),
        translated(
            lang, "New purpose: %(name)s", name={"fi": "Uutiskirje", "sv": "Nyhetsbrev", "en": "Newsletter"}[lang]
        ),
        {
            "fi": "Uusi vastaanottaja Yhdysvalloissa.",
            "sv": "Ny mottagare i USA.",
            "en": "New recipient in the United States.",
        }[lang],
    ]
    missing = [line for line in expected if line.replace("'", "&#39;") not in html and line not in html]
    assert not missing
    assert html.index('id="2026-09-01"') < html.index('id="2026-03-01"') < html.index('id="2026-01-01"')


@pytest.mark.parametrize("lang", LANGS)
def test_diff_page_marks_the_words_that_changed_under_their_heading(multi_site: Path, lang: str) -> None:
    html = page(multi_site, lang, "2026-03-01/diff")
    kept = {"fi": "Käsittelemme tilauksia", "sv": "Vi hanterar beställningar", "en": "We handle orders"}[lang]
    added = {"fi": " ja palautuksia", "sv": " och returer", "en": " and returns"}[lang]
    label = translated(lang, "Added:")
    heading = html.index('id="purpose-orders"')
    assert heading < html.index(f'{kept}<ins><span class="seloste-sr">{label} </span>{added}</ins>.')
    assert not (multi_site / lang / "2026-01-01" / "diff" / "index.html").exists()


@pytest.mark.parametrize("lang", LANGS)
def test_a_removed_table_is_compared_row_by_row(multi_site: Path, lang: str) -> None:
    html = page(multi_site, lang, "2026-09-01/diff")
    assert "| --- |" not in html and "| session |" not in html
    row = html.index('<tr class="seloste-diff-removed">', html.index('id="cookies"'))
    assert html.index("<del>session</del>", row) < html.index("</tr>", row)
    assert translated(lang, "Section removed.") in html
    summary = html.index('id="summary-of-changes"')
    assert (
        summary
        < html.index(translated(lang, "Row removed from the cookie table: %(name)s", name="session"))
        < html.index('id="cookies"')
    )


@pytest.mark.parametrize("lang", LANGS)
def test_an_archived_release_is_compared_with_the_version_in_force(multi_site: Path, lang: str) -> None:
    html = page(multi_site, lang, "2026-01-01/diff/current")
    assert translated(lang, "Version %(id)s compared with the version in force", id="2026-01-01") in html
    added = {"fi": " ja palautuksia", "sv": " och returer", "en": " and returns"}[lang]
    assert f"{added}</ins>" in html
    assert 'href="../../../2026-03-01/"' in html and 'href="../../"' in html
    assert not (multi_site / lang / "2026-03-01" / "diff" / "current").exists()  # in force: nothing to compare


def test_language_switcher_on_a_release_page_stays_on_that_release(multi_site: Path) -> None:
    html = page(multi_site, "sv", "2026-01-01")
    assert 'href="../../fi/2026-01-01/"' in html and 'href="../../en/2026-01-01/"' in html


def test_atom_feed_per_language_announces_each_release(multi_site: Path) -> None:
    import xml.etree.ElementTree as ET

    for lang in LANGS:
        feed = ET.parse(multi_site / lang / "feed.xml").getroot()
        ids = [
            e.find("{http://www.w3.org/2005/Atom}link").get("href")
            for e in feed.iter("{http://www.w3.org/2005/Atom}entry")
        ]
        assert ids == ["2026-09-01/", "2026-03-01/", "2026-01-01/"]


def test_two_builds_of_one_commit_are_byte_identical(multi_project: Path, tmp_path: Path) -> None:
    # In a fresh interpreter with another hash seed than the first build's (whose command server chose its own at
    # random): an order that depends on hashing (a set's) differs between the two.
    result = run(multi_project, "build", "--site-dir", str(tmp_path / "again"), env={"PYTHONHASHSEED": "0"})
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(multi_project / "site", tmp_path / "again")
    differing = []

    def walk(cmp: filecmp.dircmp) -> None:
        differing.extend(cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(mismatch + errors)
        for sub in cmp.subdirs.values():
            walk(sub)

    walk(comparison)
    assert not differing


def test_template_change_leaves_released_text_unchanged(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    release(root, MULTI_VERSIONS[0])
    frozen = {p.name: p.read_bytes() for p in (root / "policy" / "releases" / "2026-01-01").iterdir()}
    code = tmp_path / "code"  # a later version of Seloste, with a changed template
    shutil.copytree(REPO / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    template = code / "generator" / "words" / "templates" / "notice.md.j2"
    template.write_text(template.read_text().replace('## {{ _("Controller") }}', "## TEMPLATE-CHANGED"))
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    assert run(root, "release", code=code).returncode == 0
    assert {p.name: p.read_bytes() for p in (root / "policy" / "releases" / "2026-01-01").iterdir()} == frozen
    assert run(root, "build", code=code).returncode == 0
    assert "TEMPLATE-CHANGED" not in page(root / "site", "en", "2026-01-01")
    assert "TEMPLATE-CHANGED" in page(root / "site", "en", "2026-03-01")


def test_tampered_release_fails_check_and_build_and_leaves_the_site_alone(one_release: Path, tmp_path: Path) -> None:
    root = copy_project(one_release, tmp_path)
    assert run(root, "build").returncode == 0
    before = (root / "site" / "fi" / "index.html").read_bytes()
    with open(root / "policy" / "releases" / "2026-01-01" / "sv.md", "a", encoding="utf-8") as handle:
        handle.write("x")
    for command in (["check"], ["build"]):
        result = run(root, *command, "--lang", "en")
        assert result.returncode == 1, command
        assert "policy/releases/2026-01-01/sv.md" in result.stderr + result.stdout
        assert "release 2026-01-01" in result.stderr + result.stdout
        assert "Traceback" not in result.stderr
    assert (root / "site" / "fi" / "index.html").read_bytes() == before
    assert not list(root.glob("site.*"))


def test_release_refuses_no_change_and_going_back_in_time(tmp_path: Path) -> None:
    """Said in the notice's first language (Finnish here), or in the one --lang asks for."""
    root = make_project(tmp_path)
    release(root, MULTI_VERSIONS[1])
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    same = run(root, "release")
    assert same.returncode == 1 and "mikään ei ole muuttunut version 2026-03-01 jälkeen" in same.stderr, same.stderr
    same = run(root, "release", "--lang", "en")
    assert same.returncode == 1 and "nothing changed since release 2026-03-01" in same.stderr
    shutil.copy(MULTI_VERSIONS[0], root / "policy" / "notice.yaml")
    earlier = run(root, "release", "--lang", "sv")
    assert earlier.returncode == 1, earlier.stderr
    assert "är tidigare än ikraftträdandedagen för version 2026-03-01 (2026-03-01)" in earlier.stderr


def test_two_releases_on_one_day_get_distinct_ids(one_release: Path, tmp_path: Path) -> None:
    root = copy_project(one_release, tmp_path)
    second = MULTI_VERSIONS[1].read_text().replace('effective: "2026-03-01"', 'effective: "2026-01-01"')
    (tmp_path / "same-day.yaml").write_text(second)
    assert "released 2026-01-01-2" in release(root, tmp_path / "same-day.yaml").stdout
    assert run(root, "build").returncode == 0
    assert (root / "site" / "en" / "2026-01-01-2" / "index.html").exists()


def test_draft_is_published_only_when_asked_and_kept_from_search_engines(one_release: Path, tmp_path: Path) -> None:
    root = copy_project(one_release, tmp_path)
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    assert run(root, "build").returncode == 0
    assert not (root / "site" / "fi" / "draft").exists()
    assert run(root, "build", "--draft").returncode == 0
    html = page(root / "site", "fi", "draft")
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "palautuksia" in html


RELEASED_FILES = ["notice.yaml", "schema.json", "notice.json", "fi.md", "sv.md", "en.md"]
LAYER_FILES = [
    f"{kind}.{lang}.{ext}"
    for lang in ("fi", "sv", "en")
    for kind, ext in (("first-layer", "md"), ("form-notices", "json"))
]
"""The first layer and the notices at the form of each language (words/first_layer.py, words/form_notices.py)."""


def _copy(one_release: Path, tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(one_release, root, symlinks=True)
    return root


def test_the_lock_records_every_released_file(one_release: Path) -> None:
    lock = json.loads((one_release / "policy" / "releases" / "releases.lock").read_text(encoding="utf-8"))
    assert sorted(lock["releases"][0]["files"]) == sorted(RELEASED_FILES + LAYER_FILES)


@pytest.mark.parametrize("name", [*RELEASED_FILES, "first-layer.sv.md", "form-notices.en.json"])
@pytest.mark.parametrize("damage", ["edited", "deleted"])
def test_every_released_file_is_verified(one_release: Path, tmp_path: Path, name: str, damage: str) -> None:
    """An edit to, or the loss of, any one released file is an error of check and build."""
    root = _copy(one_release, tmp_path)
    path = root / "policy" / "releases" / "2026-01-01" / name
    if damage == "edited":
        path.write_bytes(path.read_bytes() + b"\n")
    else:
        path.unlink()
    for command in ("check", "build"):
        result = run(root, command, "--lang", "en")
        output = result.stdout + result.stderr
        assert result.returncode == 1, (command, output)
        assert f"policy/releases/2026-01-01/{name}" in output and "Traceback" not in output
        assert ("missing" if damage == "deleted" else "edited") in output
    assert not (root / "site").exists()


def test_a_release_is_in_force_from_its_own_effective_date(multi_project: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(multi_project, root, symlinks=True)
    for epoch, current in (("1772323199", "We handle orders."), ("1772323200", "We handle orders and returns.")):
        assert run(root, "build", epoch=epoch).returncode == 0  # 2026-02-28 23:59:59, then 2026-03-01 00:00 UTC
        html = page(root / "site", "en")
        assert current in html and ("We handle orders." in html) == (current == "We handle orders.")


def test_the_diff_page_shows_markup_in_the_texts_as_text(tmp_path: Path) -> None:
    """Kept, removed and added paragraphs alike: what the notice says is text on the diff page."""
    root = make_project(tmp_path)
    plain = "description: {fi: Käsittelemme tilauksia., sv: Vi hanterar beställningar., en: We handle orders.}"

    def version(effective: str, changed: str, whole: str) -> Path:
        text = json.dumps(f"<b>kept</b>\n{changed}\n{whole}")
        path = tmp_path / f"{effective}.yaml"
        path.write_text(
            MULTI_VERSIONS[0]
            .read_text(encoding="utf-8")
            .replace(plain, f"description: {{fi: {text}, sv: {text}, en: {text}}}")
            .replace('effective: "2026-01-01"', f'effective: "{effective}"')
            .replace(
                "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
                f"summary: {{fi: Versio {effective}., sv: Version {effective}., en: Version {effective}.}}",
            ),
            encoding="utf-8",
        )
        return path

    release(root, version("2026-01-01", "<i>old</i>", "<q>A paragraph removed whole.</q>"))
    release(root, version("2026-02-01", "<u>new</u>", ""))
    assert run(root, "build").returncode == 0
    html = page(root / "site", "en", "2026-02-01/diff")
    for tag in ("b", "i", "u", "q"):
        assert f"<{tag}>" not in html
    assert "&lt;b&gt;kept&lt;/b&gt;" in html
    sr = r'(<span class="seloste-sr">[^<]*</span>)?'  # "Removed: " / "Added: " for screen readers
    changed = re.search(r'<p class="seloste-diff-changed">(.*?)</p>', html).group(1)
    assert re.search(rf"<del>{sr}old</del>", changed) and re.search(rf"<ins>{sr}new</ins>", changed), changed
    assert re.sub(r"</?(del|ins|span)[^>]*>|Removed: |Added: ", "", changed) == "&lt;iu&gt;oldnew&lt;/iu&gt;"
    removed = re.findall(r'<p class="seloste-diff-removed">(.*?)</p>', html)  # shown whole, as text, marked removed
    assert removed == ["<strong>Removed:</strong> <del>&lt;q&gt;A paragraph removed whole.&lt;/q&gt;</del>"], html


def test_a_damaged_lock_is_an_error_of_check(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    (root / "policy" / "releases" / "releases.lock").write_text('{"releases": [{"id": 1}]}', encoding="utf-8")
    result = run(root, "check", "--lang", "en")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "policy/releases/releases.lock: error: the release lock file is damaged" in output
    assert "[release-integrity]" in output


def test_a_notice_read_once_is_checked_against_the_lock_on_every_read(one_release: Path, tmp_path: Path) -> None:
    """The live preview reads every release after each edit, from memory: a release edited since is caught."""
    root = _copy(one_release, tmp_path)
    project = Project.at(root)
    assert load_releases(project)[0].notice.controller.name
    path = root / "policy" / "releases" / "2026-01-01" / "notice.json"
    path.write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(NoticeError) as caught:
        _ = load_releases(project)[0].notice  # reading the notice checks the file against the lock
    assert [f.message for f in caught.value.findings] == [
        "release 2026-01-01: notice.json is not the file releases.lock records; a published release never changes"
    ]


def test_a_release_is_a_value_that_cannot_be_changed(one_release: Path) -> None:
    release = load_releases(Project.at(one_release))[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        release.id = "2027-01-01"  # type: ignore[misc]


def test_a_release_read_again_in_one_process_is_not_validated_again(one_release: Path) -> None:
    """The live preview reads every release after each edit: the notice read before is the one returned."""
    project = Project.at(one_release)
    assert load_releases(project)[0].notice is load_releases(project)[0].notice


def _bless(root: Path, name: str, content: bytes | None) -> Path:
    """Replace a released file (None: by a folder) and record its hash in the lock, as forged history would."""
    path = root / "policy" / "releases" / "2026-01-01" / name
    path.unlink()
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    lock = root / "policy" / "releases" / "releases.lock"
    data = json.loads(lock.read_text(encoding="utf-8"))
    data["releases"][0]["files"][name] = hashlib.sha256(content or b"").hexdigest()
    lock.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notice.json", b'{"seloste": 2}\n', "release 2026-01-01: notice.json is not a valid notice: "),
        ("fi.md", b"\xff\xfeTietosuojaseloste\n", "release 2026-01-01: fi.md is not UTF-8 text (byte 0)"),
        ("fi.md", None, "release 2026-01-01: fi.md cannot be read: is a directory"),
    ],
)
def test_a_released_file_the_lock_blesses_is_still_read_with_care(
    one_release: Path, tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    """A lock rewritten to bless what no release could hold: a finding naming the file, never a traceback."""
    root = _copy(one_release, tmp_path)
    _bless(root, name, content)
    release = load_releases(Project.at(root))[0]
    with pytest.raises(NoticeError) as caught:
        release.notice if name == "notice.json" else release.text("fi")
    assert caught.value.findings[0].message.startswith(message), caught.value.findings
    assert caught.value.findings[0].position.path == f"policy/releases/2026-01-01/{name}"


def test_a_blessed_notice_json_that_is_not_a_notice_is_placed_at_its_line_and_column(
    one_release: Path, tmp_path: Path
) -> None:
    root = _copy(one_release, tmp_path)
    _bless(root, "notice.json", b'{\n  "seloste": 2,\n  "languages":    "fi"\n}\n')
    with pytest.raises(NoticeError) as caught:
        _ = load_releases(Project.at(root))[0].notice
    (languages,) = [f for f in caught.value.findings if "languages: expected a list" in f.message]
    assert (languages.position.line, languages.position.column) == (3, 19)


def test_verify_reads_the_releases_itself_when_not_given_them(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    assert verify(Project.at(root)) == []
    (root / "policy" / "releases" / "2026-01-01" / "en.md").write_text("edited\n", encoding="utf-8")
    assert [f.message for f in verify(Project.at(root))] == [
        "release 2026-01-01: en.md was edited after release; a published release never changes (restore it with "
        "git, or make a new release)"
    ]


def _revision_line(root: Path) -> int:
    lines = (root / "policy" / "notice.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith("revision:"))


def test_a_release_of_nothing_new_is_refused_at_the_revision(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    with pytest.raises(NoticeError) as caught:
        make_release(Project.at(root), today=BUILD_DAY)
    [finding] = caught.value.findings
    assert (finding.level, finding.message) == (
        "error",
        "nothing changed since release 2026-01-01; edit the notice before releasing",
    )
    assert finding.position.path.endswith("policy/notice.yaml")
    assert (finding.position.line, finding.position.column) == (_revision_line(root) + 1, 3)  # its mapping


def test_a_release_earlier_than_the_last_is_refused_at_the_revision(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    notice = root / "policy" / "notice.yaml"
    notice.write_text(
        notice.read_text(encoding="utf-8").replace('effective: "2026-01-01"', 'effective: "2025-06-01"'),
        encoding="utf-8",
    )
    with pytest.raises(NoticeError) as caught:
        make_release(Project.at(root), today=BUILD_DAY)
    [finding] = caught.value.findings
    assert (finding.level, finding.position.line, finding.position.column) == ("error", _revision_line(root) + 1, 3)
    assert finding.message.startswith(
        "revision.effective 2025-06-01 is earlier than release 2026-01-01 "
        "(effective 2026-01-01); releases follow each other in time"
    )


def test_a_release_over_a_tampered_one_is_refused(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    (root / "policy" / "releases" / "2026-01-01" / "sv.md").write_text("edited\n", encoding="utf-8")
    with pytest.raises(NoticeError) as caught:
        make_release(Project.at(root), today=BUILD_DAY)
    assert [f.position.path for f in caught.value.findings] == ["policy/releases/2026-01-01/sv.md"]


def test_a_second_release_at_the_same_time_is_told_to_wait(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    with locked_folder(root / "policy", "held by this test"), pytest.raises(Busy) as caught:
        make_release(Project.at(root), today=BUILD_DAY)
    assert str(caught.value) == (
        "policy/releases: another `release` is writing it right now; run the command again when it has finished"
    )


def test_the_released_notice_json_is_sorted_indented_and_keeps_its_letters(one_release: Path) -> None:
    """One canonical form, so the same notice always gives the same bytes (and hash)."""
    raw = (one_release / "policy" / "releases" / "2026-01-01" / "notice.json").read_text(encoding="utf-8")
    assert raw == json.dumps(json.loads(raw), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "ä" in raw


def test_a_release_keeps_what_else_the_folder_holds_but_not_leftovers(one_release: Path, tmp_path: Path) -> None:
    """policy/releases is rebuilt as a copy for each release: files of its own (.gitattributes) come along,
    a staging folder of a release an earlier version left behind does not, and the lock is canonical JSON."""
    root = _copy(one_release, tmp_path)
    folder = root / "policy" / "releases"
    (folder / ".gitattributes").write_text("* -text\n", encoding="utf-8")
    (folder / ".first.md").symlink_to("2026-01-01/fi.md")
    leftover = folder / ".2026-03-01.abcd1234"
    leftover.mkdir()
    (leftover / "fi.md").write_text("half\n", encoding="utf-8")
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    make_release(Project.at(root), today=BUILD_DAY)
    assert (folder / ".gitattributes").read_text(encoding="utf-8") == "* -text\n"
    assert os.readlink(folder / ".first.md") == "2026-01-01/fi.md"
    assert not leftover.exists()
    assert len(load_releases(Project.at(root))) == 2
    # Canonical: each entry's keys in the order id, effective, released (the build date `release` ran on), files,
    # the files by name, indented by 2, one newline at the end; built here from the folders themselves, byte for byte.
    canonical = {
        "releases": [
            {
                "id": release_id,
                "effective": release_id,
                "released": BUILD_DAY.isoformat(),
                "files": {
                    p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((folder / release_id).iterdir())
                },
            }
            for release_id in ("2026-01-01", "2026-03-01")
        ]
    }
    assert (folder / "releases.lock").read_bytes() == (json.dumps(canonical, indent=2) + "\n").encode("ascii")


def test_a_release_carries_the_earlier_releases_as_the_same_files(one_release: Path, tmp_path: Path) -> None:
    """A new release copies policy/releases by hard links: each earlier released file is the very same file."""
    import os

    root = tmp_path / "project"
    shutil.copytree(one_release, root, symlinks=True)
    before = {p.name: os.stat(p).st_ino for p in (root / "policy/releases/2026-01-01").iterdir()}
    release(root, MULTI_VERSIONS[1])
    after = {p.name: os.stat(p).st_ino for p in (root / "policy/releases/2026-01-01").iterdir()}
    assert after == before


def _edited(root: Path, *replacements: tuple[str, str]) -> Path:
    notice = root / "policy" / "notice.yaml"
    text = notice.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    notice.write_text(text, encoding="utf-8")
    return notice


NEW_DATE = ('effective: "2026-01-01"', 'effective: "2026-02-01"')
NEW_WORDS = ("en: We handle orders.}", "en: We handle orders and returns.}")


def _line_of(notice: Path, text: str) -> tuple[int, int]:
    for number, line in enumerate(notice.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return number, line.index(text) + 1
    raise AssertionError(text)


def test_a_release_whose_summary_repeats_the_last_ones_is_refused_at_the_summary(
    one_release: Path, tmp_path: Path
) -> None:
    """A new revision says what it changes: a summary repeated (capital letters and punctuation aside) would
    announce the last release's change again. Each repeated language is named at its line and column."""
    root = _copy(one_release, tmp_path)
    notice = _edited(
        root,
        NEW_DATE,
        NEW_WORDS,
        ("sv: Första versionen.,", "sv: Andra versionen.,"),
        ("en: First version.}", "en: first version}"),
    )
    with pytest.raises(NoticeError) as caught:
        make_release(Project.at(root), today=BUILD_DAY)
    assert [(f.level, f.message, f.rule) for f in caught.value.findings] == [
        (
            "error",
            "revision.summary.fi: repeats the summary of release 2026-01-01; say what this revision changes",
            "revision-summary",
        ),
        (
            "error",
            "revision.summary.en: repeats the summary of release 2026-01-01; say what this revision changes",
            "revision-summary",
        ),
    ]
    fi, en = caught.value.findings
    assert (fi.position.line, fi.position.column) == _line_of(notice, "Ensimmäinen versio.")
    assert (en.position.line, en.position.column) == _line_of(notice, "first version")
    assert [d.name for d in (root / "policy" / "releases").iterdir() if d.is_dir()] == ["2026-01-01"]


def test_the_release_command_refuses_a_repeated_summary_with_exit_1(one_release: Path, tmp_path: Path) -> None:
    root = _copy(one_release, tmp_path)
    _edited(root, NEW_DATE, NEW_WORDS)
    result = run(root, "release", "--lang", "en")
    assert result.returncode == 1
    assert re.search(
        r"policy/notice\.yaml:\d+:\d+: error: revision\.summary\.fi: repeats the summary of release "
        r"2026-01-01",
        result.stderr,
    )
    finnish = run(root, "release")  # in the notice's first language unless asked
    assert finnish.returncode == 1
    assert "error: revision.summary.fi: toistaa version 2026-01-01 yhteenvedon" in finnish.stderr


def test_check_warns_of_a_repeated_summary_only_once_the_notice_says_something_new(
    one_release: Path, tmp_path: Path
) -> None:
    """Right after a release the working copy is that release: nothing to sum up yet, no finding. Once it is
    edited, `check` says the summary still repeats the last one (a warning: `release` is where it stops)."""
    from datetime import date

    from generator.record.inspection import inspect

    root = _copy(one_release, tmp_path)

    def repeated() -> list[tuple[str, str]]:
        findings = inspect(Project.at(root), today=date(2026, 1, 15)).findings
        return [(f.level, f.message.split(":")[0]) for f in findings if f.rule == "revision-summary"]

    assert repeated() == []
    _edited(root, NEW_WORDS)
    assert repeated() == [
        ("warning", "revision.summary.fi"),
        ("warning", "revision.summary.sv"),
        ("warning", "revision.summary.en"),
    ]
    _edited(
        root,
        (
            "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
            "summary: {fi: Palautukset., sv: Returer., en: Returns.}",
        ),
    )
    assert repeated() == []
    assert run(root, "release").returncode == 0


def test_a_summary_that_holds_markup_is_compared_as_data(one_release: Path, tmp_path: Path) -> None:
    """Hostile summaries stay text: a summary of HTML and Markdown differing from the last is accepted."""
    root = _copy(one_release, tmp_path)
    _edited(
        root,
        NEW_DATE,
        NEW_WORDS,
        (
            "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
            'summary: {fi: "<script>Ensimmäinen versio.</script>", sv: "**Första** versionen", en: "[First](x) version"}',
        ),
    )
    assert make_release(Project.at(root), today=BUILD_DAY).id == "2026-02-01"
