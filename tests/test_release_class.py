"""Each release's class in law, where readers and tools see it (issue 21): the version history, the diff pages,
the Atom feeds and versions.json; and the feed's entries dated when they were released. In process."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from generator.environment import Environment
from generator.project import Project
from generator.site.plan import SitePlan, plan_site
from support import MULTI_VERSIONS, released_here

ATOM = "{http://www.w3.org/2005/Atom}"
DAY = date(2026, 6, 15)


@pytest.fixture(scope="module")
def editorial(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional notice released, then released again with capital letters and punctuation corrected only,
    then its second version (a new recipient in the United States) on top."""
    root = tmp_path_factory.mktemp("classes")
    first = MULTI_VERSIONS[0].read_text(encoding="utf-8")
    corrected = (
        first.replace("en: Contact details}", "en: contact details}")
        .replace("en: Handling orders}", "en: Handling orders.}")
        .replace('effective: "2026-01-01"', 'effective: "2026-02-01"')
        .replace(
            "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
            "summary: {fi: Kirjoitusasu korjattu., sv: Skrivsättet rättat., en: Spelling corrected.}",
        )
    )
    (root / "corrected.yaml").write_text(corrected, encoding="utf-8")
    return released_here(root / "project", MULTI_VERSIONS[0], root / "corrected.yaml", MULTI_VERSIONS[1])


@pytest.fixture(scope="module")
def plan(editorial: Project) -> SitePlan:
    return plan_site(editorial, Environment(DAY))


def text(element: ET.Element, name: str) -> str:
    """The text of an Atom child element, which must be there."""
    found = element.find(f"{ATOM}{name}")
    assert found is not None and found.text is not None, name
    return found.text


def page(plan: SitePlan, lang: str, path: str) -> str:
    (found,) = [p.markdown for p in plan.pages[lang] if p.path == path]
    return found


def entry(changelog: str, release_id: str) -> str:
    return changelog.split(f" {release_id} {{ #{release_id} }}", 1)[1].split("\n## ", 1)[0]


def test_versions_json_says_the_class_of_each_release(plan: SitePlan) -> None:
    versions = json.loads(plan.files["versions.json"])
    assert [(r["id"], r["change"]) for r in versions["releases"]] == [
        ("2026-03-01", "material"),
        ("2026-02-01", "editorial"),
        ("2026-01-01", "material"),  # the first: everything in it is new
    ]


def test_an_editorial_only_release_lists_no_change_as_material(plan: SitePlan) -> None:
    changelog = page(plan, "en", "changelog/index.md")
    corrected = entry(changelog, "2026-02-01")
    assert "**Was in force from 1 February 2026 to 28 February 2026.**\n\n**Non-material change.**\n" in corrected
    assert "Material" not in corrected and "changes:" not in corrected  # one group, without a lead
    assert [line for line in corrected.splitlines() if line.startswith("- ")] == [
        "- Changed in capital letters, spacing or punctuation only, not in wording: purposes (1) and categories "
        "of personal data (1)"
    ]
    diff = page(plan, "en", "2026-02-01/diff/index.md")
    assert "\n**Non-material change.**\n" in diff and "Material change" not in diff


def test_a_material_release_lists_its_material_changes_first(plan: SitePlan) -> None:
    second = entry(page(plan, "en", "changelog/index.md"), "2026-03-01")
    assert "**In force from 1 March 2026.**\n\n**Material change.**\n" in second
    lines = [line for line in second.splitlines() if line.startswith("- ") or line.endswith("changes:")]
    assert lines == [
        "Material changes:",
        "- Details of a purpose changed: Handling orders",
        "- New recipient: CRM service",
        "- New transfer outside the EU/EEA: United States",
        "Non-material changes:",
        "- Retention period changed: Handling orders",  # shortened, P6Y to P18M
        "- Changed in capital letters, spacing or punctuation only, not in wording: categories of personal data (1)",
    ]
    assert "\n**Material change.**\n" in page(plan, "en", "2026-03-01/diff/index.md")


@pytest.mark.parametrize(
    "lang, material, minor, lead",
    [
        ("fi", "Olennainen muutos", "Vähäinen muutos", "Olennaiset muutokset:"),
        ("sv", "Väsentlig ändring", "Mindre ändring", "Väsentliga ändringar:"),
    ],
)
def test_the_classes_are_said_in_each_language(plan: SitePlan, lang: str, material: str, minor: str, lead: str) -> None:
    changelog = page(plan, lang, "changelog/index.md")
    assert f"**{material}.**" in entry(changelog, "2026-03-01") and lead in entry(changelog, "2026-03-01")
    assert f"**{minor}.**" in entry(changelog, "2026-02-01")
    feed = ET.fromstring(plan.files[f"{lang}/feed.xml"])
    labels = [category.get("label") for category in feed.iter(f"{ATOM}category")]
    assert labels == [material, minor, material]


def test_each_feed_entry_says_its_class_and_is_dated_when_released(plan: SitePlan) -> None:
    feed = ET.fromstring(plan.files["en/feed.xml"])
    entries = feed.findall(f"{ATOM}entry")
    assert [text(e, "title") for e in entries] == [
        "Version 2026-03-01: material change",
        "Version 2026-02-01: non-material change",
        "Version 2026-01-01: material change",
    ]
    assert [(c.get("term"), c.get("label")) for e in entries for c in e.findall(f"{ATOM}category")] == [
        ("material", "Material change"),
        ("editorial", "Non-material change"),
        ("material", "Material change"),
    ]
    # each was released on DAY (released_here): entries and the feed carry that date, not the effective dates
    assert [text(e, "updated") for e in entries] == ["2026-06-15T00:00:00Z"] * 3
    assert text(feed, "updated") == "2026-06-15T00:00:00Z"


def test_a_release_the_lock_does_not_date_is_never_announced_in_the_future(tmp_path: Path) -> None:
    """A release made before the lock recorded release dates: its entry is dated by its effective date, but an
    upcoming one by the build date (issue 23: "an upcoming release's feed entry is dated in the future")."""
    project = released_here(tmp_path, *MULTI_VERSIONS)  # the third takes effect on 2026-09-01
    lock = json.loads(project.lock.read_text(encoding="utf-8"))
    for item in lock["releases"]:  # made before `release` dated them, and so before it announced them
        del item["released"]
        for name in [name for name in item["files"] if name.startswith("announcement.")]:
            del item["files"][name]
            (project.releases / item["id"] / name).unlink()
    project.lock.write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    feed = ET.fromstring(plan_site(project, Environment(DAY)).files["en/feed.xml"])
    assert [text(e, "updated")[:10] for e in feed.findall(f"{ATOM}entry")] == [
        "2026-06-15",  # upcoming: the build date
        "2026-03-01",
        "2026-01-01",
    ]
    assert text(feed, "updated") == "2026-06-15T00:00:00Z"


def test_every_class_has_its_words() -> None:
    """Each class of changes.Class has its label, its group's lead and its feed title in vocabulary."""
    from typing import get_args

    from generator.notice.changes import Class
    from generator.words import vocabulary

    classes = set(get_args(Class))
    assert classes == {"material", "editorial"}
    assert set(vocabulary.CLASSES) == set(vocabulary.CHANGE_GROUPS) == set(vocabulary.FEED_TITLES) == classes


@pytest.mark.parametrize(
    "edit, said",
    [
        ({"controller": {"name": "Toinen Oy"}}, "Controller's name or business ID changed"),
        ({"controller": {"email": "new@esimerkki.fi"}}, "Controller's details changed"),
    ],
)
def test_a_new_controller_is_said_as_such_and_new_contact_details_as_details(edit: dict, said: str) -> None:
    """A change of the controller's identity is material (WP260 para. 29) and the changelog and the
    announcement say it is the controller that changed; its e-mail address is only a detail."""
    from generator.notice.changes import changes
    from generator.notice.model import Notice
    from generator.words.changelog import describe
    from support import PROJECT

    base = {
        "seloste": 2,
        "controller": {"name": "Esimerkki Oy"},
        "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}},
    }
    after = {**base, "controller": {**base["controller"], **edit["controller"]}}
    (change,) = changes(Notice.from_data(base), Notice.from_data(after))
    assert describe(change, "en", PROJECT.locales) == said
