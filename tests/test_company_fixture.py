"""The company fixture (tests/fixtures/company/policy/) as a user has it: a complete policy/ folder of three
notices sharing parties.yaml, released with the tool. Put in place of policy/, it builds; a change of a
shared party is named on exactly the notices that use it, and releasing them keeps every earlier release."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from support import FIXTURES, LANGS, REPO, make_project, run

pytestmark = pytest.mark.slow

COMPANY = FIXTURES / "company" / "policy"
DAY = "1797465600"  # 2026-12-17: every notice's first release in force, customers' second announced


def _project(root: Path) -> Path:
    make_project(root)
    shutil.rmtree(root / "policy")
    shutil.copytree(COMPANY, root / "policy")
    return root


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


def test_the_fixture_carries_this_repository_s_schemas() -> None:
    for name in ("schema.json", "parties.schema.json"):
        assert (COMPANY / name).read_bytes() == (REPO / "policy" / name).read_bytes(), name


def test_in_place_of_policy_the_company_s_site_builds_with_every_link_and_layer(tmp_path: Path) -> None:
    from browser.test_links import broken_links

    root = _project(tmp_path)
    checked = run(root, "check", "--lang", "en", epoch=DAY)
    assert checked.returncode == 0 and "policy/notices: 0 errors, 0 warnings" in checked.stdout, checked.stdout
    built = run(root, "build", epoch=DAY)
    assert built.returncode == 0, built.stderr
    site = root / "site"
    assert broken_links(site) == []
    versions = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert [n["id"] for n in versions["notices"]] == ["customers", "employees", "recruitment"]
    customers = versions["notices"][0]
    assert [r["id"] for r in customers["releases"]] == ["2027-01-20", "2026-12-15"]
    assert customers["current"] == "2026-12-15" and customers["upcoming"] == "2027-01-20"
    for notice in versions["notices"]:
        for release in notice["releases"]:
            for lang in LANGS:
                brief = (site / release["first_layer"][lang] / "index.html").read_text(encoding="utf-8")
                full = (site / release["urls"][lang] / "index.html").read_text(encoding="utf-8")
                for anchor in re.findall(r'href="\.\./#([^"]+)"', brief):
                    assert f'id="{anchor}"' in full, (notice["id"], release["id"], lang, anchor)
            assert set(release["form_notices"]) == {p["id"] for p in _purposes(site, release)}
    for lang in LANGS:
        front = (site / lang / "index.html").read_text(encoding="utf-8")
        assert all(f'href="{n}/"' in front for n in ("customers", "employees", "recruitment"))


def _purposes(site: Path, release: dict[str, object]) -> list[dict[str, str]]:
    notice = json.loads((site / str(release["notice"])).read_text(encoding="utf-8"))
    return list(notice["purposes"])


def test_a_shared_recipient_changed_is_named_on_exactly_the_notices_that_use_it(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = {
        n: _hashes(root / "policy" / "notices" / n / "releases") for n in ("customers", "employees", "recruitment")
    }
    parties = root / "policy" / "parties.yaml"
    text = parties.read_text(encoding="utf-8")
    changed = re.sub(r"(\n  hr-system:\n    name: )[^\n]+", r"\1Talentry Europe B.V.", text)
    assert changed != text
    parties.write_text(changed, encoding="utf-8")
    checked = run(root, "check", "--lang", "en", epoch=DAY)
    said = [line for line in checked.stdout.splitlines() if "[parties-changed]" in line]
    assert said and all("recruitment" in line and "employees" in line and "customers" not in line for line in said)
    for notice in ("recruitment", "employees"):
        path = root / "policy" / "notices" / notice / "notice.yaml"
        source = path.read_text(encoding="utf-8")
        source = re.sub(r'effective: "2026-12-15"', 'effective: "2027-02-01"', source)
        source = re.sub(
            r"summary: \{fi: Ensimmäinen versio., sv: Första versionen., en: First version.\}",
            "summary: {fi: Rekrytointijärjestelmän toimittaja vaihtui., sv: Leverantören av rekryteringssystemet har "
            "bytts., en: The provider of the recruitment system changed.}",
            source,
        )
        path.write_text(source, encoding="utf-8")
    released = run(root, "release", "--lang", "en", epoch=DAY)
    assert released.returncode == 0, released.stderr
    assert "released recruitment 2027-02-01" in released.stdout and "released employees 2027-02-01" in released.stdout
    assert "customers" not in released.stdout
    for notice, hashes in before.items():
        after = _hashes(root / "policy" / "notices" / notice / "releases")
        kept = {name: value for name, value in after.items() if name in hashes and name != "releases.lock"}
        assert kept == {name: value for name, value in hashes.items() if name != "releases.lock"}, notice
    assert run(root, "check", "--lang", "en", epoch=DAY).returncode == 0
