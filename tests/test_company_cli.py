"""The command line over a company's notices (policy/notices/<id>/): check, release and build each notice,
and release only what changed, leaving every earlier release byte-identical."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from support import MULTI_VERSIONS, REPO, make_project, run

pytestmark = pytest.mark.slow

SHOP = REPO / "tests" / "fixtures" / "shop" / "notice.yaml"


def _company(root: Path) -> Path:
    make_project(root)
    for notice_id, source in (("customers", MULTI_VERSIONS[0]), ("shop", SHOP)):
        folder = root / "policy" / "notices" / notice_id
        folder.mkdir(parents=True)
        shutil.copy(source, folder / "notice.yaml")
    return root


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_release_releases_every_changed_notice_and_only_those(tmp_path: Path) -> None:
    root = _company(tmp_path)
    first = run(root, "release", "--lang", "en")
    assert first.returncode == 0, first.stderr
    assert "released customers 2026-01-01" in first.stdout and "released shop 2026-06-01" in first.stdout
    again = run(root, "release", "--lang", "en")
    assert again.returncode == 0 and "nothing to release" in again.stdout
    before = _hashes(root / "policy" / "notices" / "shop" / "releases")
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notices" / "customers" / "notice.yaml")
    second = run(root, "release", "--lang", "en")
    assert second.returncode == 0, second.stderr
    assert "released customers 2026-03-01" in second.stdout and "shop" not in second.stdout
    announced = root / "policy" / "notices" / "customers" / "releases" / "2026-03-01" / "announcement.en.txt"
    assert "/en/customers/2026-03-01/diff/" in announced.read_text(encoding="utf-8")  # its pages in its folder
    assert _hashes(root / "policy" / "notices" / "shop" / "releases") == before
    customers = _hashes(root / "policy" / "notices" / "customers" / "releases")
    assert {name for name in customers if name.startswith("2026-01-01/")} and "releases.lock" in customers


def test_check_and_build_cover_every_notice_and_name_the_file(tmp_path: Path) -> None:
    root = _company(tmp_path)
    assert run(root, "release").returncode == 0
    checked = run(root, "check", "--lang", "en")
    assert checked.returncode == 0, checked.stderr
    assert "policy/notices/customers/notice.yaml:" in checked.stdout + checked.stderr
    only = run(root, "check", "--lang", "en", "--notice", "shop")
    assert "policy/notices/customers/" not in only.stdout + only.stderr
    unknown = run(root, "check", "--notice", "nobody")
    assert unknown.returncode == 2 and "the notices are customers, shop" in unknown.stderr
    built = run(root, "build")
    assert built.returncode == 0, built.stderr
    for lang in ("fi", "sv", "en"):
        front = (root / "site" / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="customers/"' in front and 'href="shop/"' in front
        assert (root / "site" / lang / "customers" / "2026-01-01" / "index.html").is_file()
        assert (root / "site" / lang / "shop" / "changelog" / "index.html").is_file()
    notice = root / "policy" / "notices" / "shop" / "notice.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("seloste: 2", "seloste: [2"), encoding="utf-8")
    broken = run(root, "build", "--lang", "en")
    assert broken.returncode == 1
    assert "\npolicy/notices/shop/notice.yaml:" in broken.stderr and "Traceback" not in broken.stderr
    assert (root / "site" / "fi" / "customers" / "index.html").is_file()  # the site stays as it was


def test_a_one_notice_project_refuses_notice_and_a_company_migrate_needs_the_file(tmp_path: Path) -> None:
    make_project(tmp_path)
    shutil.copy(MULTI_VERSIONS[0], tmp_path / "policy" / "notice.yaml")
    refused = run(tmp_path, "check", "--notice", "customers")
    assert refused.returncode == 2 and "this project has one notice" in refused.stderr
    company = _company(tmp_path / "company")
    asked = run(company, "migrate")
    assert asked.returncode == 2 and "needs the notice file" in asked.stderr
