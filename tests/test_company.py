"""A company's notices in one project and one site (policy/notices/<id>/): the layout, the site plan's
addresses, the front page, versions.json and the feeds, in this process; tests/test_company_cli.py runs the
command line over them."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.environment import Environment
from generator.findings import NoticeError
from generator.notice.read import read_notice
from generator.notice.rules import Context, run_rules
from generator.project import Project, notices
from generator.record.inspection import inspect
from generator.record.releases import make_release
from generator.site.plan import SitePlan, plan_site
from support import BUILD_DAY, MULTI_VERSIONS, PROJECT, REPO, make_project

ATOM = "{http://www.w3.org/2005/Atom}"
SHOP = REPO / "tests" / "fixtures" / "shop" / "notice.yaml"


def company(root: Path) -> tuple[Project, ...]:
    """A company of two notices: `customers` with the three releases of the multi fixture, `shop` with one."""
    make_project(root)
    for notice_id, versions in (("customers", MULTI_VERSIONS), ("shop", [SHOP])):
        project = Project.at(root, notice_id)
        project.notice.parent.mkdir(parents=True)
        for version in versions:
            shutil.copy(version, project.notice)
            make_release(project, today=BUILD_DAY)
    return notices(root)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> SitePlan:
    projects = company(tmp_path_factory.mktemp("company"))
    return plan_site(projects, Environment(BUILD_DAY, "https://privacy.example"))


def test_the_notices_are_the_folders_of_policy_notices_in_name_order(tmp_path: Path) -> None:
    for name in ("staff", "customers", ".git"):
        (tmp_path / "policy" / "notices" / name).mkdir(parents=True)
    assert [p.id for p in notices(tmp_path)] == ["customers", "staff"]
    assert notices(tmp_path)[1].notice == tmp_path / "policy" / "notices" / "staff" / "notice.yaml"


@pytest.mark.parametrize("name", ["Customers", "changelog", "2026-01-01", "a_b", "x" * 41, "draft", "trailing-"])
def test_a_folder_whose_name_cannot_be_an_address_is_refused_at_the_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "policy" / "notices" / name).mkdir(parents=True)
    with pytest.raises(NoticeError) as caught:
        notices(tmp_path)
    [finding] = caught.value.findings
    assert finding.position.path == f"policy/notices/{name}" and finding.rule == "project-layout"


def test_one_notice_and_a_company_layout_at_once_is_refused(tmp_path: Path) -> None:
    (tmp_path / "policy" / "notices" / "staff").mkdir(parents=True)
    (tmp_path / "policy" / "notice.yaml").write_text("seloste: 2\n", encoding="utf-8")
    with pytest.raises(NoticeError, match="not both"):
        notices(tmp_path)


def test_each_notice_has_its_pages_under_its_folder_and_the_front_page_lists_them(site: SitePlan) -> None:
    paths = [page.path for page in site.pages["fi"]]
    assert paths[0] == "index.md"
    assert {"customers/index.md", "customers/2026-01-01/index.md", "customers/2026-03-01/diff/index.md"} <= set(paths)
    assert {"shop/index.md", "shop/2026-06-01/index.md", "shop/changelog/index.md"} <= set(paths)
    assert not [p for p in paths if p != "index.md" and not p.startswith(("customers/", "shop/"))]
    front = site.pages["en"][0].markdown
    assert "(customers/index.md)" in front and "(shop/changelog/index.md)" in front
    assert "## [Customers, newsletter subscribers, job applicants and website visitors](shop/index.md)" in front
    assert "## [Customers](customers/index.md)" in front  # no audience: the folder's name
    assert "[Next version 2026-09-01, in force from 1 September 2026](customers/2026-09-01/index.md)" in front
    assert [page.path for page in site.pages["en"] if page.in_nav] == ["index.md"]


def test_links_between_a_notices_pages_stay_inside_its_folder(site: SitePlan) -> None:
    page = next(p for p in site.pages["en"] if p.path == "customers/2026-03-01/diff/index.md")
    assert "](../index.md)" in page.markdown and "](../../2026-01-01/index.md)" in page.markdown  # in customers/
    assert page.record["address"] == "https://privacy.example/en/customers/2026-03-01/diff/"


def test_versions_json_lists_the_notices_and_their_releases(site: SitePlan) -> None:
    data = json.loads(site.files["versions.json"])
    assert [n["id"] for n in data["notices"]] == ["customers", "shop"]
    customers, shop = data["notices"]
    assert [r["id"] for r in customers["releases"]] == ["2026-09-01", "2026-03-01", "2026-01-01"]
    assert customers["current"] == "2026-03-01" and customers["upcoming"] == "2026-09-01"
    assert customers["audience"] == {}
    assert shop["audience"]["sv"].startswith("kunder")
    release = customers["releases"][1]
    assert release["urls"]["sv"] == "https://privacy.example/sv/customers/2026-03-01/"
    assert release["texts"]["fi"] == "https://privacy.example/releases/customers/2026-03-01/fi.md"
    assert release["notice"] == "https://privacy.example/releases/customers/2026-03-01.json"
    for notice in data["notices"]:
        for r in notice["releases"]:
            for text in r["texts"].values():
                assert text.removeprefix("https://privacy.example/") in site.files


def test_each_notice_has_a_feed_and_the_company_one_of_all(site: SitePlan) -> None:
    own = ET.fromstring(site.files["en/customers/feed.xml"])
    every = ET.fromstring(site.files["en/feed.xml"])
    own_ids = [e.findtext(f"{ATOM}id") for e in own.iter(f"{ATOM}entry")]
    all_ids = [e.findtext(f"{ATOM}id") for e in every.iter(f"{ATOM}entry")]
    assert len(own_ids) == 3 and set(own_ids) < set(all_ids) and len(set(all_ids)) == len(all_ids) == 4
    assert own.findtext(f"{ATOM}id") != every.findtext(f"{ATOM}id")
    links = [e.find(f"{ATOM}link").get("href") for e in every.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert "https://privacy.example/en/shop/2026-06-01/" in links
    assert [e.find(f"{ATOM}link").get("href") for e in own.iter(f"{ATOM}entry")][0] == (  # type: ignore[union-attr]
        "https://privacy.example/en/customers/2026-09-01/"
    )
    titles = [e.findtext(f"{ATOM}title") for e in every.iter(f"{ATOM}entry")]
    assert any(t and t.startswith("Customers: Version") for t in titles)


def test_a_one_notice_site_keeps_its_addresses(tmp_path: Path) -> None:
    make_project(tmp_path)
    project = Project.at(tmp_path)
    shutil.copy(MULTI_VERSIONS[0], project.notice)
    make_release(project, today=BUILD_DAY)
    plan = plan_site(notices(tmp_path), Environment(BUILD_DAY))
    assert [p.path for p in plan.pages["fi"]][:2] == ["index.md", "2026-01-01/index.md"]
    assert "notices" not in json.loads(plan.files["versions.json"])
    assert "releases/2026-01-01.json" in plan.files and "fi/feed.xml" in plan.files


def test_a_notice_moved_into_a_company_keeps_every_address_it_had(tmp_path: Path) -> None:
    make_project(tmp_path)
    single = Project.at(tmp_path)
    for version in MULTI_VERSIONS:
        shutil.copy(version, single.notice)
        make_release(single, today=BUILD_DAY)
    before = plan_site(single, Environment(BUILD_DAY))
    pages = {lang: before.pages[lang] for lang in ("fi", "sv", "en")}  # composed before the files move
    moved = Project.at(tmp_path, "customers")
    moved.notice.parent.mkdir(parents=True)
    single.notice.rename(moved.notice)
    single.releases.rename(moved.releases)
    (tmp_path / "policy" / "settings.yaml").write_text("moved_from_root: customers\n", encoding="utf-8")
    after = plan_site(notices(tmp_path), Environment(BUILD_DAY))
    for lang in ("fi", "sv", "en"):
        for page in pages[lang]:
            if page.path == "index.md":
                assert after.pages[lang][0].path == "index.md"  # the front page, which lists the notice
                continue
            folder = page.path.removesuffix("index.md")
            leads = after.files[f"{lang}/{folder}index.html"].decode("utf-8")
            depth = "../" * folder.count("/")
            assert f'content="0; url={depth}customers/{folder}"' in leads, (lang, folder)
    for name, content in before.files.items():
        if name.startswith("releases/"):
            assert after.files[name] == content
    old_ids = {e.findtext(f"{ATOM}id") for e in ET.fromstring(before.files["en/feed.xml"]).iter(f"{ATOM}entry")}
    new_ids = {e.findtext(f"{ATOM}id") for e in ET.fromstring(after.files["en/feed.xml"]).iter(f"{ATOM}entry")}
    assert old_ids == new_ids


def test_moved_from_root_must_name_a_notice(tmp_path: Path) -> None:
    projects = company(tmp_path)
    (tmp_path / "policy" / "settings.yaml").write_text("# moved\nmoved_from_root: staff\n", encoding="utf-8")
    with pytest.raises(NoticeError) as caught:
        plan_site(projects, Environment(BUILD_DAY))
    said = "moved_from_root: there is no notice staff; the notices are customers, shop [settings]"
    assert [str(f) for f in caught.value.findings] == [f"policy/settings.yaml:2:18: error: {said}"]
    checked = inspect(projects[1], today=BUILD_DAY).findings  # check, release and build ask it first
    assert [str(f) for f in checked if f.rule == "settings"] == [f"policy/settings.yaml:2:18: error: {said}"]


def test_a_company_notice_without_an_audience_is_warned_of_and_one_with_it_is_not() -> None:
    notice, doc = read_notice(MULTI_VERSIONS[0], PROJECT.schema)
    assert [f.rule for f in run_rules(Context(notice, doc, company=True)) if f.rule == "audience"] == ["audience"]
    assert not [f for f in run_rules(Context(notice, doc)) if f.rule == "audience"]
    shop, shop_doc = read_notice(SHOP, PROJECT.schema)
    assert not [f for f in run_rules(Context(shop, shop_doc, company=True)) if f.rule == "audience"]


def test_the_in_brief_and_forms_pages_name_the_notice_s_audience_and_their_version(site: SitePlan) -> None:
    """Review 22, item 6: a company's in-brief and forms pages say whose notice they are; a release's title gives
    its version and its state in brackets, as the notice's does. Item 8: the forms page's words for web teams."""
    named = "Puolukka Verkkokauppa Oy – customers, newsletter subscribers, job applicants and website visitors"
    pages = {page.path: page for page in site.pages["en"]}
    brief = pages["shop/in-brief/index.md"]
    assert brief.title == f"Privacy notice in brief: {named}"
    assert brief.markdown.startswith(f"# Privacy notice in brief: {named}\n")
    assert pages["shop/2026-06-01/in-brief/index.md"].title == (
        f"Privacy notice in brief: {named}, version 2026-06-01 (in force)"
    )
    forms = pages["shop/2026-06-01/forms/index.md"]
    assert forms.title == f"Notices for forms: {named}, version 2026-06-01"
    for words in (
        "It names the controller, the purpose and the legal basis, and links",
        "Its hidden field sends the version with the form's data, so that your records show which version of the "
        "privacy notice the person was shown.",
        "Use a purpose's notice on a form where people give data about themselves; where the data comes from someone "
        "else, the full notice informs them.",
        "The notice is not a request for consent: a form that asks for consent needs its own checkbox, not ticked in "
        "advance (Art. 4(11), Art. 7(2)).",
        "<p>As it appears on your form:</p>",
        "<p>HTML to copy into the form:</p>",
        "<p>Also available as files:",
    ):
        assert words in forms.markdown, words
    assert "who processes" not in forms.markdown
    sv = {page.path: page for page in site.pages["sv"]}
    assert sv["shop/2026-06-01/forms/index.md"].title.startswith("Dataskyddsinformation för formulär: Puolukka")
    assert "<p>Så här ser informationen ut i formuläret:</p>" in sv["shop/2026-06-01/forms/index.md"].markdown
    assert "(i kraft)" in sv["shop/2026-06-01/in-brief/index.md"].title


def test_a_hostile_audience_stays_text_on_the_front_page_in_the_feed_and_in_versions_json(tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(1)> [here](javascript:alert(1)) {: onclick=alert(1) }"
    projects = company(tmp_path)
    shop = projects[1]
    source = shop.notice.read_text(encoding="utf-8")
    audience = "  en: customers, newsletter subscribers, job applicants and website visitors\n"
    assert audience in source
    shop.notice.write_text(source.replace(audience, f"  en: '{hostile}'\n"), encoding="utf-8")
    source = shop.notice.read_text(encoding="utf-8").replace('effective: "2026-06-01"', 'effective: "2026-06-02"')
    renamed = "{fi: Kohderyhmä nimettiin., sv: Målgruppen döptes om., en: Audience renamed.}"
    shop.notice.write_text(
        source.replace("{fi: Ensimmäinen versio., sv: Första versionen., en: First version.}", renamed),
        encoding="utf-8",
    )
    make_release(shop, today=BUILD_DAY)
    plan = plan_site(notices(tmp_path), Environment(BUILD_DAY))
    front = plan.pages["en"][0].markdown
    assert "<img" not in front and not re.search(r"(?<!\\)\]\(javascript:|(?<!\\)\{:", front)
    assert r"## [&lt;img src=x onerror=alert(1)&gt; \[here\](javascript:alert(1)) \{: onclick=alert(1) \}]" in front
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(plan.files["en/feed.xml"]).iter(f"{ATOM}entry")]
    assert any(t and hostile[1:] in t for t in titles)  # the text itself, as text (capitalised first letter aside)
    assert json.loads(plan.files["versions.json"])["notices"][1]["audience"]["en"] == hostile
    page = next(p for p in plan.pages["en"] if p.path == "shop/index.md")
    assert hostile in page.title  # the host escapes page titles once (host/adapter.py)


@pytest.mark.parametrize("name", ["assets", "changelog", "compare", "draft", "releases", "search", "in-brief", "forms"])
def test_each_reserved_name_is_refused_and_the_message_lists_them_all(tmp_path: Path, name: str) -> None:
    (tmp_path / "policy" / "notices" / name).mkdir(parents=True)
    with pytest.raises(NoticeError) as caught:
        notices(tmp_path)
    [finding] = caught.value.findings
    assert finding.message.startswith(f"{name}: a notice's folder name is its address")
    assert finding.message.endswith("not one of assets, changelog, compare, draft, forms, in-brief, releases, search")


def test_both_layouts_at_once_are_refused_at_the_one_notice_naming_the_company_folder(tmp_path: Path) -> None:
    (tmp_path / "policy" / "notices" / "staff").mkdir(parents=True)
    (tmp_path / "policy" / "releases").mkdir()
    with pytest.raises(NoticeError) as caught:
        notices(tmp_path)
    [finding] = caught.value.findings
    assert finding.position.path == "policy/notice.yaml" and finding.rule == "project-layout"
    assert "(policy/notices/<id>/notice.yaml)" in finding.message and "a folder of policy/notices" in finding.message


def test_a_notices_folder_without_a_notice_folder_is_refused_and_its_files_are_no_notices(tmp_path: Path) -> None:
    (tmp_path / "policy" / "notices").mkdir(parents=True)
    (tmp_path / "policy" / "notices" / "README.md").write_text("notes\n", encoding="utf-8")
    with pytest.raises(NoticeError) as caught:
        notices(tmp_path)
    [finding] = caught.value.findings
    assert finding.position.path == "policy/notices" and finding.rule == "project-layout"
    assert finding.message == "there is no notice here: add a folder per notice, each with its notice.yaml"
