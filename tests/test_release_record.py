"""The lock is the record: policy/releases is exactly what releases.lock says, and history cannot be rewritten.

Each case tampers with a real released project the way a careless or hostile
editor would, then runs the real `check`, `build` and `release`.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.findings import NoticeError
from generator.project import Project
from generator.record.releases import load_releases
from support import MULTI_VERSIONS, REPO, run

LOCK = Path("policy/releases/releases.lock")


def lock_data(root: Path) -> dict:
    return json.loads((root / LOCK).read_text())


def write_lock(root: Path, data: dict) -> None:
    (root / LOCK).write_text(json.dumps(data, indent=2) + "\n")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def without_layers(folder: Path) -> dict[str, str]:
    """A folder copied from a release to forge another, its first layer and form notices taken out (they name the
    release they were written for, which a forger's copy is not) and every file left recorded, as a lock entry's
    files: the copy then looks like a release made before `release` wrote them."""
    for layer in [*folder.glob("first-layer.*.md"), *folder.glob("form-notices.*.json")]:
        layer.unlink()
    return {p.name: sha256(p) for p in sorted(folder.iterdir())}


def refused_by_all(root: Path, expected: str) -> None:
    """check, build and release all exit 1 naming `expected` (in English) under the release-integrity rule, no
    traceback."""
    check = run(root, "check", "--lang", "en")
    assert check.returncode == 1, check.stdout + check.stderr
    assert expected in check.stdout and "[release-integrity]" in check.stdout, check.stdout
    for command in ("build", "release"):
        result = run(root, command, "--lang", "en")
        assert result.returncode == 1, command + result.stdout + result.stderr
        assert expected in result.stderr and "Traceback" not in result.stderr, command + result.stderr


def test_a_release_folder_the_lock_does_not_list_is_an_error(project: Path) -> None:
    shutil.copytree(project / "policy/releases/2026-03-01", project / "policy/releases/2026-12-01")
    refused_by_all(project, "policy/releases/2026-12-01: error: is not a release listed in releases.lock")


def test_the_newest_release_removed_from_the_lock_is_an_error(project: Path) -> None:
    data = lock_data(project)
    data["releases"].pop()
    write_lock(project, data)
    refused_by_all(project, "policy/releases/2026-09-01: error: is not a release listed in releases.lock")


def test_a_lock_entry_without_its_folder_is_an_error(project: Path) -> None:
    shutil.rmtree(project / "policy/releases/2026-03-01")
    refused_by_all(
        project,
        "policy/releases/2026-03-01: error: release 2026-03-01 is listed in releases.lock but its folder is missing",
    )


def test_an_extra_file_in_a_release_folder_is_an_error(project: Path) -> None:
    (project / "policy/releases/2026-03-01/de.md").write_text("# Datenschutz\n")
    refused_by_all(
        project, "policy/releases/2026-03-01/de.md: error: release 2026-03-01: de.md is not one of its files"
    )


def test_a_file_dropped_from_the_lock_and_then_edited_is_an_error(project: Path) -> None:
    """fi.md is dropped with the first layer and form notices in fi, as a forger would: the entry then says the
    release is in sv and en, each with its layer files, which passes the lock's shape."""
    data = lock_data(project)
    for name in ("fi.md", "first-layer.fi.md", "form-notices.fi.json"):
        del data["releases"][1]["files"][name]
    write_lock(project, data)
    fi = project / "policy/releases/2026-03-01/fi.md"
    fi.write_text(fi.read_text() + "\n<script>alert(1)</script>\n")
    refused_by_all(
        project,
        "policy/releases/2026-03-01/fi.md: error: release 2026-03-01: fi.md is not one of its files in releases.lock",
    )


TAMPERED = {
    "fi": (
        "policy/releases/2026-03-01/fi.md: error: versio 2026-03-01: tiedostoa fi.md on muokattu julkaisun "
        "jälkeen; julkaistu versio ei koskaan muutu (palauta tiedosto git-versionhallinnasta tai julkaise uusi "
        "versio) [release-integrity]",
        "policy/releases/2026-12-01: error: ei ole tiedostossa releases.lock lueteltu versio; jokainen versio "
        "kirjataan lukitustiedostoon: palauta lukitustiedosto git-versionhallinnasta tai siirrä tämä muualle, jos "
        "sitä ei ole koskaan julkaistu [release-integrity]",
        "policy/notice.yaml: 2 virhettä",
    ),
    "sv": (
        "policy/releases/2026-03-01/fi.md: error: version 2026-03-01: fi.md har redigerats efter publiceringen; en "
        "publicerad version ändras aldrig (återställ filen med git eller publicera en ny version) [release-integrity]",
        "policy/releases/2026-12-01: error: är ingen version som anges i releases.lock; varje version registreras i "
        "låsfilen: återställ låsfilen med git, eller flytta bort detta om det aldrig har publicerats "
        "[release-integrity]",
        "policy/notice.yaml: 2 fel",
    ),
}


def test_a_tampered_release_is_reported_in_the_notices_first_language_or_the_one_asked_for(project: Path) -> None:
    """A released file changed and a folder the lock does not list: `check` says so in Finnish, the fixture's
    first language, by default, and in Swedish with --lang sv; the position, level and rule stay as they are,
    and --format json keeps the English beside it."""
    fi = project / "policy/releases/2026-03-01/fi.md"
    fi.write_text(fi.read_text(encoding="utf-8") + "\nLisätty jälkikäteen.\n", encoding="utf-8")
    shutil.copytree(project / "policy/releases/2026-09-01", project / "policy/releases/2026-12-01")
    for lang, args in (("fi", ()), ("sv", ("--lang", "sv"))):
        result = run(project, "check", *args)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        for expected in TAMPERED[lang]:
            assert expected in result.stdout, (lang, result.stdout)
    said = json.loads(run(project, "check", "--format", "json", "--lang", "sv").stdout)
    edited = next(f for f in said if f["file"] == "policy/releases/2026-03-01/fi.md")
    assert edited["message"].startswith("release 2026-03-01: fi.md was edited after release"), edited
    assert edited["localised"].startswith("version 2026-03-01: fi.md har redigerats"), edited
    refused = run(project, "build")
    assert refused.returncode == 1 and TAMPERED["fi"][0] in refused.stderr, refused.stderr
    assert TAMPERED["fi"][0] in (REPO / "docs" / "editing.md").read_text(encoding="utf-8")  # the guide's example


def test_a_lock_entry_without_its_notice_is_an_error(project: Path) -> None:
    data = lock_data(project)
    del data["releases"][1]["files"]["notice.json"]
    write_lock(project, data)
    (project / "policy/releases/2026-03-01/notice.json").unlink()
    refused_by_all(
        project,
        "policy/releases/releases.lock:23:7: error: the release lock file is damaged: "
        "releases[1]: release 2026-03-01: files must list notice.yaml, notice.json, the text "
        "of each of its languages",
    )


def test_a_deleted_lock_with_releases_present_is_an_error(project: Path) -> None:
    (project / LOCK).unlink()
    refused_by_all(
        project,
        "policy/releases/releases.lock: error: is missing, yet policy/releases holds releases "
        "(2026-01-01, 2026-03-01, 2026-09-01)",
    )


def test_a_damaged_lock_is_reported_at_its_line_and_column(project: Path) -> None:
    text = (project / LOCK).read_text()
    (project / LOCK).write_text(text.replace('"effective": "2026-03-01",', '"effective": "2026-03-01"', 1))
    refused_by_all(
        project, "policy/releases/releases.lock:25:7: error: the release lock file is damaged: Expecting ',' delimiter"
    )


def test_released_markdown_is_verified_against_the_lock_when_it_is_read(project: Path) -> None:
    releases = load_releases(Project.at(project))
    (project / "policy/releases/2026-03-01/fi.md").write_text("# Tampered\n\n<script>alert(1)</script>\n")
    with pytest.raises(NoticeError) as caught:
        releases[1].text("fi")
    assert str(caught.value.findings[0]).startswith(
        "policy/releases/2026-03-01/fi.md: error: release 2026-03-01: fi.md is not the file releases.lock records"
    )
    assert releases[0].text("fi").startswith("#")


def test_a_leftover_of_an_interrupted_release_is_ignored_by_check_and_dropped_by_the_next_release(
    project: Path,
) -> None:
    for leftover in (project / "policy/releases/.2026-12-01.k2j_8x0a", project / "policy/.releases.building.abcd1234"):
        leftover.mkdir()
        (leftover / "fi.md").write_text("half a release")
    (project / "policy/.releases.seloste-made").write_text(".releases.building.abcd1234\n")  # as `release` records it
    data = lock_data(project)
    assert run(project, "check").returncode == 0
    shutil.copy(MULTI_VERSIONS[2], project / "policy/notice.yaml")
    text = (project / "policy/notice.yaml").read_text()
    (project / "policy/notice.yaml").write_text(
        text.replace("2026-09-01", "2026-12-01")
        .replace("Newsletter", "News")
        .replace("Uutiskirje lisätty", "Uutiset lisätty")
        .replace("Nyhetsbrev tillagt", "Nyheter tillagda")
    )
    result = run(project, "release")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (project / "policy/releases").iterdir()) == [
        "2026-01-01",
        "2026-03-01",
        "2026-09-01",
        "2026-12-01",
        "releases.lock",
    ]
    assert sorted(p.name for p in (project / "policy").iterdir()) == [
        ".releases.lock",
        "notice.yaml",
        "parties.schema.json",
        "releases",
        "schema.json",
    ]
    assert lock_data(project)["releases"][:3] == data["releases"]
    assert run(project, "check").returncode == 0


# -- history: check --since REF ------------------------------------------------


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.fi", *args], cwd=root, check=True, capture_output=True
    )


@pytest.fixture
def committed(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "three releases")
    return project


def since(root: Path, ref: str = "main") -> subprocess.CompletedProcess[str]:
    return run(root, "check", "--since", ref, "--lang", "en")


def test_since_passes_when_history_is_kept_and_a_newer_release_is_added(committed: Path) -> None:
    assert since(committed).returncode == 0
    text = (
        MULTI_VERSIONS[2]
        .read_text()
        .replace("2026-09-01", "2026-10-01")
        .replace("Newsletter", "News")
        .replace("Uutiskirje lisätty", "Uutiset lisätty")
        .replace("Nyhetsbrev tillagt", "Nyheter tillagda")
    )
    (committed / "policy/notice.yaml").write_text(text)
    assert run(committed, "release").returncode == 0
    result = since(committed)
    assert result.returncode == 0, result.stdout


def test_since_fails_when_a_recorded_entry_is_removed_with_its_folder(committed: Path) -> None:
    data = lock_data(committed)
    data["releases"].pop()
    write_lock(committed, data)
    shutil.rmtree(committed / "policy/releases/2026-09-01")
    assert run(committed, "check").returncode == 0  # the folder agrees with the rewritten lock ...
    result = since(committed)  # ... but not with history
    assert result.returncode == 1
    assert (
        "policy/releases/releases.lock: error: release 2026-09-01, recorded at main, was removed from the lock; "
        "a published release never goes away [release-integrity]"
    ) in result.stdout


def test_since_fails_when_a_released_text_is_edited_and_the_lock_blesses_it(committed: Path) -> None:
    fi = committed / "policy/releases/2026-03-01/fi.md"
    fi.write_text(fi.read_text().replace("Käsittelemme", "<script>alert(1)</script> Käsittelemme"))
    data = lock_data(committed)
    data["releases"][1]["files"]["fi.md"] = sha256(fi)
    write_lock(committed, data)
    assert run(committed, "check").returncode == 0
    result = since(committed)
    assert result.returncode == 1
    assert (
        "policy/releases/releases.lock:23:7: error: release 2026-03-01 differs from its record at main (fi.md); "
        "a published release never changes [release-integrity]"
    ) in result.stdout


@pytest.mark.parametrize("edit", ["moved", "removed"])
def test_since_fails_when_a_release_date_is_edited(committed: Path, edit: str) -> None:
    """The day a release was released is part of its record: moved or removed, it differs from history."""
    data = lock_data(committed)
    assert data["releases"][1]["released"] == "2026-06-15"  # the build date `release` ran on (BUILD_EPOCH)
    if edit == "moved":
        data["releases"][1]["released"] = "2026-02-01"
    else:
        del data["releases"][1]["released"]
    write_lock(committed, data)
    assert run(committed, "check").returncode == 0  # the folders agree with the lock ...
    result = since(committed)  # ... but history does not
    assert result.returncode == 1
    assert (
        "error: release 2026-03-01 differs from its record at main (released); a published release never changes "
        "[release-integrity]"
    ) in result.stdout


def test_since_fails_when_a_release_older_than_the_newest_is_added(committed: Path) -> None:
    shutil.copytree(committed / "policy/releases/2026-03-01", committed / "policy/releases/2026-03-01-2")
    files = without_layers(committed / "policy/releases/2026-03-01-2")
    data = lock_data(committed)
    entry = dict(data["releases"][1], id="2026-03-01-2", files=files)
    data["releases"].insert(2, entry)
    write_lock(committed, data)
    assert run(committed, "check").returncode == 0
    result = since(committed)
    assert result.returncode == 1
    assert (
        "policy/releases/releases.lock:48:7: error: release 2026-03-01-2 was added before release 2026-09-01, the "
        "newest at main; a new release comes after every published one [release-integrity]"
    ) in result.stdout


def test_since_fails_when_the_lock_and_every_release_are_deleted(committed: Path) -> None:
    shutil.rmtree(committed / "policy/releases")
    result = since(committed)
    assert result.returncode == 1
    assert result.stdout.count("was removed from the lock") == 3


def test_since_an_unknown_revision_is_a_usage_error(committed: Path) -> None:
    result = since(committed, "no-such-branch")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith("python -m generator: error: --since no-such-branch: git knows no such commit here")


def test_since_a_revision_without_a_lock_protects_nothing(committed: Path) -> None:
    git(committed, "checkout", "-q", "--orphan", "empty")
    git(committed, "rm", "-rq", "--cached", "policy/releases")
    git(committed, "commit", "-q", "-m", "no releases yet")
    assert since(committed, "empty").returncode == 0


# -- a release made by hand: untrusted input ---------------------------------------------------------------

HOSTILE_TEXT = (
    '<script>alert(1)</script>\n\n<img src="https://evil.example/pixel.png">\n\n'
    '[click](javascript:alert(1)) and ![seen](https://evil.example/seen.png)\n{: onclick="alert(1)" '
    'style="background:url(https://evil.example/bg.png)" }\n\n'
    "[x](&#106;avascript:alert(2)) [y](//evil.example/) [z](data:text/html,<b>x</b>)\n\n"
)


def _release_by_hand(root: Path, text: str, languages: tuple[str, ...] = ("fi", "sv", "en")) -> str:
    """A fourth release made by copying the third and editing its texts, the lock updated to bless it (without the
    first layer and form notices, which name the third)."""
    new = root / "policy/releases/2026-12-01"
    shutil.copytree(root / "policy/releases/2026-09-01", new)
    for lang in languages:
        path = new / f"{lang}.md"
        if path.exists():
            path.write_text(path.read_text(encoding="utf-8").replace("\n\n", f"\n\n{text}", 1), encoding="utf-8")
        else:
            path.write_text(f"# X\n\n{text}", encoding="utf-8")
    data = lock_data(root)
    data["releases"].append({"id": "2026-12-01", "effective": "2026-12-01", "files": without_layers(new)})
    write_lock(root, data)
    return "2026-12-01"


def test_since_fails_for_a_release_whose_text_is_not_what_its_record_renders(committed: Path) -> None:
    """A folder and lock entry made by hand pass the lock; `check --since` renders the release anew and compares."""
    _release_by_hand(committed, HOSTILE_TEXT)
    result = since(committed)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    for lang in ("fi", "sv", "en"):
        assert (
            f"policy/releases/2026-12-01/{lang}.md: error: release 2026-12-01: {lang}.md is not the text Seloste "
            "renders from its notice.json; a release is made by `release`, never by hand: make it again "
            "[release-integrity]"
        ) in result.stdout


def test_a_release_made_by_hand_makes_no_markup_on_any_page(project: Path) -> None:
    """Whatever a release folder holds reaches a page as text: no script, no element that requests another host,
    no link but to https:, mailto: or the site, no attribute Markdown does not write."""
    from html.parser import HTMLParser

    _release_by_hand(project, HOSTILE_TEXT)
    result = run(project, "build", epoch="1796083200")  # 2026-12-01: the forged release is in force
    assert result.returncode == 0, result.stderr

    class Elements(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.inside, self.found = 0, []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "article":
                self.inside += 1
            if self.inside:
                self.found.append((tag, dict(attrs)))

        def handle_endtag(self, tag: str) -> None:
            if tag == "article":
                self.inside -= 1

    for page in [project / "site" / lang / "index.html" for lang in ("fi", "sv", "en")] + [
        project / "site" / lang / "2026-12-01" / "index.html" for lang in ("fi", "sv", "en")
    ]:
        content = page.read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, page  # shown as the text it is
        parser = Elements()
        parser.feed(content)
        assert parser.found, page
        for tag, attrs in parser.found:
            assert tag not in ("script", "img", "iframe", "object", "embed", "style"), (page, tag)
            assert not [a for a in attrs if a.startswith("on") or a in ("style", "src", "srcset")], (page, tag, attrs)
            href = (attrs.get("href") or "").strip().lower()
            assert not href.startswith(("javascript:", "data:", "//", "&#")), (page, href)
            assert "evil.example" not in href or tag != "a" or href.startswith("https://"), (page, href)


def test_a_release_in_a_language_without_a_catalog_is_an_error_of_check(project: Path) -> None:
    _release_by_hand(project, "Text.\n\n", languages=("zz",))
    result = run(project, "check", "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "policy/releases/2026-12-01/zz.md: error: release 2026-12-01 is published in 'zz', for which the project "
        "has no catalog (locales/zz/LC_MESSAGES/messages.po) [release-integrity]"
    ) in result.stdout


def test_a_bidirectional_control_in_a_released_text_is_refused(project: Path) -> None:
    _release_by_hand(project, "Oy\u202e 6202\n\n", languages=("fi",))
    result = run(project, "build", "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "release 2026-12-01: fi.md contains the bidirectional control U+202E, which Seloste never writes; "
        "restore the release with git"
    ) in result.stdout + result.stderr


def test_a_control_the_loader_refuses_in_a_released_notice_json_is_named_at_its_place(project: Path) -> None:
    """notice.json is read as untrusted too: a bidirectional control in it (which the loader refuses in a notice)
    makes the release an error, at its line and column, whatever the lock says."""
    folder = project / "policy/releases/2026-09-01"
    text = (folder / "notice.json").read_text(encoding="utf-8")
    assert text.count('"name": "Esimerkki Oy"') == 1
    (folder / "notice.json").write_text(
        text.replace('"name": "Esimerkki Oy"', '"name": "Esimerkki Oy\\u202e"'), encoding="utf-8"
    )
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"name": "Esimerkki Oy"' in row)
    data = lock_data(project)
    data["releases"][2]["files"]["notice.json"] = sha256(folder / "notice.json")
    write_lock(project, data)
    result = run(project, "build", "--lang", "en")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(
        rf"policy/releases/2026-09-01/notice\.json:{line}:\d+: error: release 2026-09-01: notice\.json is "
        r"not a valid notice: .*bidirectional control U\+202E",
        result.stdout + result.stderr,
    ), result.stdout + result.stderr
