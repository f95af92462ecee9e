"""The first layer and the notices at the form in a company's site (issue 22, items 4 and 5, under item 1): each
notice's under its own folder (/<lang>/<notice>/<id>/in-brief/, .../forms/), its form notices naming the notice
and linking its page under the site's address, versions.json listing them per notice, every link landing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support import LANGS, MULTI_VERSIONS, REPO, make_project, run

pytestmark = pytest.mark.slow

ADDRESS = "https://privacy.example.fi"


def test_each_notice_of_a_company_has_its_own_first_layer_and_notices_at_the_form(tmp_path: Path) -> None:
    from browser.test_links import broken_links

    root = make_project(tmp_path)
    for notice_id, source in (("customers", MULTI_VERSIONS[0]), ("shop", REPO / "tests/fixtures/shop/notice.yaml")):
        (root / "policy" / "notices" / notice_id).mkdir(parents=True)
        shutil.copy(source, root / "policy" / "notices" / notice_id / "notice.yaml")
    released = run(root, "release", "--lang", "en", env={"SELOSTE_SITE_URL": ADDRESS})
    assert released.returncode == 0, released.stderr
    built = run(root, "build")
    assert built.returncode == 0, built.stderr
    site = root / "site"
    notices = {entry["id"]: entry for entry in json.loads((site / "versions.json").read_text())["notices"]}
    (shop,) = notices["shop"]["releases"]
    for lang in LANGS:
        for page in ("shop/in-brief", "shop/2026-06-01/in-brief", "shop/2026-06-01/forms", "customers/in-brief"):
            assert (site / lang / page / "index.html").is_file(), (lang, page)
        assert shop["first_layer"][lang].endswith(f"{lang}/shop/2026-06-01/in-brief/")
        url = shop["form_notices"]["newsletter"][lang]
        assert url.endswith(f"{lang}/shop/2026-06-01/forms/purpose-newsletter.json")
        said = json.loads((site / url).read_text(encoding="utf-8"))  # relative to versions.json: built without it
        assert said["notice"] == "shop" and said["link"] == f"{ADDRESS}/{lang}/shop/2026-06-01/#purpose-newsletter"
        assert '<input type="hidden" name="privacy_notice" value="shop">' in said["html"]
        page = (site / lang / "shop" / "2026-06-01" / "index.html").read_text(encoding="utf-8")
        assert 'id="purpose-newsletter"' in page and 'href="in-brief/"' in page
    assert broken_links(site) == []  # every link lands: the footers link each notice's own version history
