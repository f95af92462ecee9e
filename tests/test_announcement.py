"""The announcement of a material change (issue 21, item 4): written by `release` for a material change only,
frozen with the release and held to the lock like every released file, its page, its feed entry, its text file
at a stable address and in versions.json, the box on the notice in force from the release date to the day
before the change applies, and its words: every sentence from the catalogs, markup in the notice as text."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import markdown as markdown_lib
import pytest

from generator.environment import Environment
from generator.findings import NoticeError
from generator.host.extensions import AddressLinks, Inert
from generator.notice.markup import plain
from generator.project import Project
from generator.record import lock
from generator.record.releases import load_releases, verify
from generator.site.plan import SitePlan, plan_site
from generator.words import i18n
from generator.words.render import translate
from support import (
    ANNOUNCED_DAY,
    HOSTILE_NAME,
    LANGS,
    MULTI_VERSIONS,
    PROJECT,
    announced_version,
    make_project,
    release_on,
    run,
)

ATOM = "{http://www.w3.org/2005/Atom}"
V1 = MULTI_VERSIONS[0].read_text(encoding="utf-8")
CORRECTED = (  # capital letters and punctuation only: an editorial change
    V1.replace("en: Contact details}", "en: contact details}")
    .replace("en: Handling orders}", "en: Handling orders.}")
    .replace('effective: "2026-02-01"', 'effective: "2026-02-01"')
    .replace('effective: "2026-01-01"', 'effective: "2026-02-01"')
    .replace(
        "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
        "summary: {fi: Kirjoitusasu korjattu., sv: Skrivsättet rättat., en: Spelling corrected.}",
    )
)
CHANGE = "2026-07-01"
"""The announced release: a new recipient, released on ANNOUNCED_DAY, 30 days before it applies."""
ADDRESS = "https://privacy.example.fi/notice"


def say(message: str, lang: str, **values: object) -> str:
    return translate(message, lang, PROJECT.locales, **values)


def day(value: str, lang: str) -> str:
    return i18n.format_date(date.fromisoformat(value), lang)


def new_project(root: Path) -> Project:
    make_project(root)
    return Project.at(root)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The first version, an editorial correction, then a material change (a recipient with markup in its
    name), all released on ANNOUNCED_DAY without the site's address."""
    project = new_project(tmp_path_factory.mktemp("announced"))
    for text in (V1, CORRECTED, announced_version()):
        release_on(project, text, ANNOUNCED_DAY)
    return project


def entries(project: Project) -> dict[str, lock.Entry]:
    return {entry.id: entry for entry in lock.read_entries(project)}


def frozen(project: Project, name: str, release: str = CHANGE) -> str:
    return (project.releases / release / name).read_text(encoding="utf-8")


def plan(project: Project, today: date, site_url: str = "") -> SitePlan:
    return plan_site(project, Environment(today, site_url))


def page(site: SitePlan, lang: str, path: str) -> str:
    found = [p for p in site.pages[lang] if p.path == path]
    assert found, f"no page {path} in {lang}: {[p.path for p in site.pages[lang]]}"
    return found[0].markdown


# -- Which release is announced ---------------------------------------------------------------------


def test_a_material_release_is_announced_and_an_editorial_one_or_the_first_is_not(project: Project) -> None:
    recorded = entries(project)
    assert list(recorded) == ["2026-01-01", "2026-02-01", CHANGE]
    for editorial in ("2026-01-01", "2026-02-01"):  # the first release, then capital letters only
        assert not [name for name in recorded[editorial].files if "announcement" in name], editorial
        assert sorted(p.name for p in (project.releases / editorial).iterdir()) == sorted(recorded[editorial].files)
    names = {lock.announcement_name(lang, kind) for lang in LANGS for kind in ("md", "txt")}
    assert names <= recorded[CHANGE].files.keys() and recorded[CHANGE].announced == LANGS
    for name in names:  # in the lock like every frozen file
        assert recorded[CHANGE].files[name] == lock.sha256((project.releases / CHANGE / name).read_bytes())
    assert recorded[CHANGE].released == ANNOUNCED_DAY


def test_entracks_releases_have_no_announcement() -> None:
    """Releases made before this feature have none and stay as they were (their lock entries unchanged)."""
    recorded = lock.read_entries(PROJECT)
    assert [entry.id for entry in recorded[:3]] == ["2026-11-25", "2026-11-26", "2026-12-06"]
    assert all(not entry.announced and entry.released is None for entry in recorded[:3])
    assert not verify(PROJECT)


def test_the_lock_takes_an_announcement_in_both_forms_only() -> None:
    files = {"notice.yaml": "0" * 64, "notice.json": "1" * 64, "fi.md": "2" * 64}
    entry = {"id": "2026-01-01", "effective": "2026-01-01", "released": "2025-12-01", "files": files}

    def read(extra: dict[str, str]) -> tuple[lock.Entry, ...]:
        return lock.entries_from_text(json.dumps({"releases": [{**entry, "files": {**files, **extra}}]}), "l")

    (both,) = read({"announcement.fi.md": "3" * 64, "announcement.fi.txt": "4" * 64})
    assert both.announced == ("fi",) and both.languages == ("fi",)
    for wrong in ({"announcement.fi.md": "3" * 64}, {"announcement.fi.html": "3" * 64}, {"announcement.md": "3" * 64}):
        with pytest.raises(NoticeError) as caught:
            read(wrong)
        assert "the release lock file is damaged" in caught.value.findings[0].message, wrong


# -- Frozen and held to the lock ----------------------------------------------------------------------


def test_a_change_to_the_announcement_is_caught_as_any_frozen_file(project: Project, tmp_path: Path) -> None:
    copy = Project.at(Path(shutil.copytree(project.root, tmp_path / "copy")))
    text = copy.releases / CHANGE / "announcement.fi.txt"
    text.write_text(text.read_text(encoding="utf-8") + "Muutimme mielemme.\n", encoding="utf-8")
    (copy.releases / CHANGE / "announcement.sv.md").unlink()
    found = {f.message for f in verify(copy)}
    assert found == {
        f"release {CHANGE}: announcement.fi.txt was edited after release; a published release never changes "
        "(restore it with git, or make a new release)",
        f"release {CHANGE}: announcement.sv.md is missing",
    }
    with pytest.raises(NoticeError):
        plan(copy, date(2026, 6, 15))


def test_check_since_writes_each_added_release_s_announcement_anew(project: Project, tmp_path: Path) -> None:
    """What `check --since` asks of a release added since a commit: its announcement is the one `release` writes,
    with the site's address its own text gives (made without the address here; with one below)."""
    releases = load_releases(project)
    for previous, release in zip((None, *releases), releases, strict=False):
        assert release.rendered_anew(project.locales, previous, 30) == [], release.id
    addressed = new_project(tmp_path / "addressed")
    release_on(addressed, V1, ANNOUNCED_DAY)
    release_on(addressed, announced_version("Kuriiri Oy"), ANNOUNCED_DAY, ADDRESS)
    first, second = load_releases(addressed)
    assert f"{ADDRESS}/en/{CHANGE}/" in second.announcement("en", "txt")
    assert second.rendered_anew(addressed.locales, first, 30) == []
    # Made by hand, the lock updated to match: caught.
    forged = addressed.releases / CHANGE / "announcement.en.md"
    forged.write_text(forged.read_text(encoding="utf-8").replace("Kuriiri Oy", "Kuriiri Ab"), encoding="utf-8")
    data = json.loads(addressed.lock.read_text(encoding="utf-8"))
    data["releases"][1]["files"]["announcement.en.md"] = lock.sha256(forged.read_bytes())
    addressed.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    first, second = load_releases(addressed)
    assert [f.message for f in second.rendered_anew(addressed.locales, first, 30)] == [
        f"release {CHANGE}: announcement.en.md is not the announcement Seloste writes from its notice.json and "
        "the previous release's; a release is made by `release`, never by hand: make it again"
    ]
    # A material change without its announcement (dropped with its lock lines): caught too.
    for name in [n for n in data["releases"][1]["files"] if n.startswith("announcement.")]:
        del data["releases"][1]["files"][name]
        (addressed.releases / CHANGE / name).unlink()
    addressed.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    first, second = load_releases(addressed)
    missing = [f.message for f in second.rendered_anew(addressed.locales, first, 30)]
    assert len(missing) == 6 and all(
        m.endswith("is missing: a material change is announced; make the release again") for m in missing
    )


def test_a_released_announcement_holding_what_seloste_never_writes_is_refused(project: Project, tmp_path: Path) -> None:
    copy = Project.at(Path(shutil.copytree(project.root, tmp_path / "copy")))
    text = copy.releases / CHANGE / "announcement.en.txt"
    text.write_text(text.read_text(encoding="utf-8") + "\u202egnp.exe\n", encoding="utf-8")
    data = json.loads(copy.lock.read_text(encoding="utf-8"))
    data["releases"][2]["files"]["announcement.en.txt"] = lock.sha256(text.read_bytes())
    copy.lock.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    with pytest.raises(NoticeError) as caught:
        plan(copy, date(2026, 6, 15)).files  # noqa: B018 (the files are made when asked for)
    assert "announcement.en.txt contains the bidirectional control U+202E" in caught.value.findings[0].message


# -- The page, the feed, the text file, versions.json ---------------------------------------------------


def test_the_page_is_made_from_the_frozen_markdown(project: Project) -> None:
    site = plan(project, date(2026, 6, 15))
    for lang in LANGS:
        heading, _, body = frozen(project, f"announcement.{lang}.md").partition("\n")
        made = page(site, lang, f"{CHANGE}/announcement/index.md")
        assert made.startswith(heading + "\n") and body.strip() in made
        html = markdown_lib.markdown(made, extensions=["attr_list", AddressLinks(), Inert()])
        published = say("Published on %(date)s", lang, date=day("2026-06-01", lang))
        history = f'<a href="../../changelog/index.md#{CHANGE}">{say("Version history", lang)}</a>'
        assert f"<p>{published} · {history}</p>" in html
    assert not [
        p for p in site.pages["en"] if p.path.startswith(("2026-01-01/announcement", "2026-02-01/announcement"))
    ]


def test_the_feed_entry_carries_the_announcement(project: Project) -> None:
    site = plan(project, date(2026, 6, 15), ADDRESS)
    for lang in LANGS:
        feed = ET.fromstring(site.files[f"{lang}/feed.xml"])
        by_id = {e.find(f"{ATOM}id").text.rsplit("/", 1)[1]: e for e in feed.findall(f"{ATOM}entry")}
        entry = by_id[CHANGE]
        related = [link.get("href") for link in entry.findall(f"{ATOM}link") if link.get("rel") == "related"]
        assert related == [f"{ADDRESS}/{lang}/{CHANGE}/announcement/"]
        content = entry.find(f"{ATOM}content")
        assert content.get("type") == "text" and content.text == frozen(project, f"announcement.{lang}.txt")
        for other in ("2026-01-01", "2026-02-01"):
            assert by_id[other].find(f"{ATOM}content") is None
            assert [link.get("rel") for link in by_id[other].findall(f"{ATOM}link")] == ["alternate"]


def test_the_text_file_is_served_at_a_stable_address_and_listed_in_versions_json(project: Project) -> None:
    for site_url, prefix in (("", ""), (ADDRESS, f"{ADDRESS}/")):
        site = plan(project, date(2026, 6, 15), site_url)
        versions = {r["id"]: r for r in json.loads(site.files["versions.json"])["releases"]}
        assert versions["2026-01-01"]["announcement"] is None and versions["2026-02-01"]["announcement"] is None
        said = versions[CHANGE]["announcement"]
        assert list(said) == list(LANGS)
        for lang in LANGS:
            name = f"announcement.{lang}.txt"
            assert said[lang] == {
                "page": f"{prefix}{lang}/{CHANGE}/announcement/",
                "text": f"{prefix}releases/{CHANGE}/{name}",
                "sha256": entries(project)[CHANGE].files[name],
            }
            assert site.files[f"releases/{CHANGE}/{name}"] == (project.releases / CHANGE / name).read_bytes()


# -- The box on the notice in force -----------------------------------------------------------------------

BOX = "seloste-status--announcement"


@pytest.mark.parametrize(
    "today, shown",
    [
        ("2026-05-31", False),  # the day before it was released: nobody was told yet
        ("2026-06-01", True),  # the release date
        ("2026-06-30", True),  # the day before the change applies
        ("2026-07-01", False),  # the effective date: the new version is in force
    ],
)
def test_the_box_shows_from_the_release_date_to_the_day_before_the_change_applies(
    project: Project, today: str, shown: bool
) -> None:
    site = plan(project, date.fromisoformat(today))
    for lang in LANGS:
        in_force = page(site, lang, "index.md")
        assert (BOX in in_force) is shown, (today, lang)
        current = "2026-02-01" if today < CHANGE else CHANGE
        assert (BOX in page(site, lang, f"{current}/index.md")) is shown
        assert BOX not in page(site, lang, f"{CHANGE}/index.md") or today >= CHANGE
        applies = say("A new version of this notice applies from %(date)s.", lang, date=day(CHANGE, lang))
        if shown:
            status = in_force.index("seloste-status--current")
            assert status < in_force.index(BOX)  # the status box reads first
            box = in_force[in_force.index(BOX) : in_force.index(say("Permanent address:", lang))]
            assert f"[{say('Read the announcement', lang)}]({CHANGE}/announcement/index.md)" in box
            assert f"[{say('See what changes', lang)}]({CHANGE}/diff/index.md)" in box
            assert in_force.count(applies) == 1  # the box says it; the status box no longer does
        elif today < CHANGE:
            assert in_force.count(applies) == 1  # not announced yet: the status box says a new version comes


def test_an_editorial_upcoming_release_shows_no_box(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    release_on(project, V1, ANNOUNCED_DAY)
    release_on(project, CORRECTED.replace('"2026-02-01"', f'"{CHANGE}"'), ANNOUNCED_DAY)
    site = plan(project, date(2026, 6, 15))
    assert all(BOX not in page(site, lang, "index.md") for lang in LANGS)
    assert not load_releases(project)[1].announced


# -- The words -------------------------------------------------------------------------------------------


def expected_text(lang: str, changes: list[str], links: tuple[str, str], controller: str, reason: str = "") -> str:
    """The announcement as the catalogs word it, in plain text."""
    effective = day(CHANGE, lang)
    lines = [
        say("Changes to our privacy notice from %(date)s", lang, date=effective),
        say("We are changing our privacy notice. The new version applies from %(date)s.", lang, date=effective),
        say("The material changes:", lang),
        "\n".join(f"• {change}" for change in changes),
    ]
    if reason:
        why = i18n.translations(PROJECT.locales, lang).ngettext(
            "Why the change applies less than %(num)d day after this announcement:",
            "Why the change applies less than %(num)d days after this announcement:",
            30,
        )
        lines += [why % {"num": 30}, reason]
    lines += [
        f"{say('The full new version:', lang)} {links[0]}",
        f"{say('The changes marked in the text:', lang)} {links[1]}",
        controller,
    ]
    return "\n\n".join(lines) + "\n"


def test_the_announcement_lists_the_material_changes_as_the_changelog_words_them(project: Project) -> None:
    for lang in LANGS:
        changes = [
            say("Details of a purpose changed: %(name)s", lang, name=say_name("orders", lang)),
            say("New recipient: %(name)s", lang, name=HOSTILE_NAME),
        ]
        links = (f"/{lang}/{CHANGE}/", f"/{lang}/{CHANGE}/diff/")  # no site address on release: from the site's root
        assert frozen(project, f"announcement.{lang}.txt") == expected_text(
            lang, [plain(c) for c in changes], links, "Esimerkki Oy"
        )
    # The capital letters the correction made are undone: editorial, so not announced.
    assert "Details of a category of personal data changed" not in frozen(project, "announcement.en.txt")


def say_name(purpose: str, lang: str) -> str:
    return {"fi": "Tilausten käsittely", "sv": "Hantering av beställningar", "en": "Handling orders"}[lang]


def test_the_addresses_are_full_when_the_site_s_address_is_known_on_release(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    release_on(project, V1, ANNOUNCED_DAY)
    release_on(project, announced_version("Kuriiri Oy"), ANNOUNCED_DAY, ADDRESS)
    for lang in LANGS:
        text = frozen(project, f"announcement.{lang}.txt")
        assert f" {ADDRESS}/{lang}/{CHANGE}/\n" in text and f" {ADDRESS}/{lang}/{CHANGE}/diff/\n" in text
        md = frozen(project, f"announcement.{lang}.md")
        assert f"[{ADDRESS}/{lang}/{CHANGE}/](<{ADDRESS}/{lang}/{CHANGE}/>)\n" in md and "seloste-permalink" not in md


def test_without_the_site_s_address_the_page_links_relative_to_itself(project: Project) -> None:
    md = frozen(project, "announcement.sv.md")
    assert f"[/sv/{CHANGE}/](<../>){{: .seloste-permalink }}\n" in md
    assert f"[/sv/{CHANGE}/diff/](<../diff/>){{: .seloste-permalink }}\n" in md
    html = markdown_lib.markdown(md, extensions=["attr_list", AddressLinks(), Inert()])
    assert f'<a class="seloste-permalink" href="../">/sv/{CHANGE}/</a>' in html


URGENT = {
    "fi": "Laki edellyttää muutosta [1.7.2026 alkaen](https://finlex.fi/fi/laki/).",
    "sv": "Lagen kräver ändringen [från 1.7.2026](https://finlex.fi/sv/laki/).",
    "en": "The law requires the change [from 1 July 2026](https://finlex.fi/en/laki/).",
}


def urgent_version(effective: str) -> str:
    text = announced_version("Kuriiri Oy", effective)
    reason = ", ".join(f"{lang}: {json.dumps(URGENT[lang])}" for lang in LANGS)
    return text.replace("en: New recipient.}", "en: New recipient.}\n  urgent: {" + reason + "}")


@pytest.mark.parametrize("days, period, shown", [(10, 30, True), (30, 30, False), (15, 10, False), (9, 10, True)])
def test_the_reason_of_an_urgent_change_is_shown_when_it_applies_sooner_than_the_notice_period(
    tmp_path: Path, days: int, period: int, shown: bool
) -> None:
    project = new_project(tmp_path)
    (project.root / "policy" / "settings.yaml").write_text(f"notice_period_days: {period}\n", encoding="utf-8")
    effective = (ANNOUNCED_DAY + timedelta(days=days)).isoformat()
    release_on(project, V1, ANNOUNCED_DAY)
    release_on(project, urgent_version(effective), ANNOUNCED_DAY)
    for lang in LANGS:
        text = frozen(project, f"announcement.{lang}.txt", effective)
        reason = plain(URGENT[lang])
        why = i18n.translations(PROJECT.locales, lang).ngettext(
            "Why the change applies less than %(num)d day after this announcement:",
            "Why the change applies less than %(num)d days after this announcement:",
            period,
        ) % {"num": period}
        assert (f"\n\n{why}\n\n{reason}\n\n" in text) is shown, (lang, text)
        assert (reason in text) is shown
        md = frozen(project, f"announcement.{lang}.md", effective)
        assert ("(<https://finlex.fi/" in md) is shown  # the reason's link is a link on the page


def test_the_email_text_is_plain(tmp_path: Path) -> None:
    """No Markdown or HTML of Seloste's in the text for e-mail: a link is its words and its address."""
    project = new_project(tmp_path)
    release_on(project, V1, ANNOUNCED_DAY)
    release_on(project, urgent_version("2026-06-10"), ANNOUNCED_DAY, ADDRESS)
    for lang in LANGS:
        text = frozen(project, f"announcement.{lang}.txt", "2026-06-10")
        assert not re.search(r"^(#|- |\* |\d+\. |>)|\*\*|\]\(|\\|\{:|<|>|&(amp|lt|gt|#\d+);", text, re.M), text
        assert "(https://finlex.fi/" in text and text.count("\n• ") == 2
        assert all(line == line.strip() for line in text.splitlines())
        subject = text.split("\n", 1)[0]
        assert subject == say("Changes to our privacy notice from %(date)s", lang, date=day("2026-06-10", lang))


def test_markup_in_a_changed_item_s_name_stays_text(project: Project) -> None:
    """In the Markdown of the page (escaped, then read as untrusted by the Inert extension), the text file (as
    typed) and the feed (escaped by the XML writer, read back as the same text)."""
    md = frozen(project, "announcement.en.md")
    assert "&lt;script&gt;window.hit = 1&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in md
    assert "\\[x\\](javascript:alert(1))" in md and "\\!\\[pixel\\](https://tracker.example/p.gif)" in md
    assert "\\{: onclick=alert(1) \\} \\*\\*Kuriiri\\*\\* &amp; Co" in md
    site = plan(project, date(2026, 6, 15))
    html = markdown_lib.markdown(
        page(site, "en", f"{CHANGE}/announcement/index.md"), extensions=["attr_list", AddressLinks(), Inert()]
    )
    assert elements(html) == [
        ("h1", {}),
        ("p", {}),
        ("a", {"href": f"../../changelog/index.md#{CHANGE}"}),
        ("p", {}),
        ("p", {}),
        ("ul", {}),
        ("li", {}),
        ("li", {}),
        ("p", {}),
        ("a", {"class": "seloste-permalink", "href": "../"}),
        ("p", {}),
        ("a", {"class": "seloste-permalink", "href": "../diff/"}),
        ("p", {}),
    ], html
    assert "&lt;script&gt;window.hit = 1&lt;/script&gt;" in html and "{: onclick=alert(1) }" in html
    text = frozen(project, "announcement.en.txt")
    assert f"• {say('New recipient: %(name)s', 'en', name=HOSTILE_NAME)}\n" in text
    feed = site.files["en/feed.xml"].decode("utf-8")
    assert "<script>" not in feed and "&lt;script&gt;window.hit = 1&lt;/script&gt;" in feed
    entry = next(e for e in ET.fromstring(feed).findall(f"{ATOM}entry") if e.find(f"{ATOM}id").text.endswith(CHANGE))
    assert entry.find(f"{ATOM}content").text == text


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every element of an HTML fragment with its attributes, in order."""
    from html.parser import HTMLParser

    class Elements(HTMLParser):
        found: list[tuple[str, dict[str, str | None]]] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found.append((tag, dict(attrs)))

    parser = Elements()
    parser.found = []
    parser.feed(html)
    return parser.found


# -- From the command line ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_release_says_where_the_announcement_is_and_that_it_lacks_the_site_s_address(tmp_path: Path) -> None:
    root = make_project(tmp_path / "without")
    for text in (V1, announced_version("Kuriiri Oy")):
        (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
        done = run(root, "release", epoch="1780272000")  # 2026-06-01
        assert done.returncode == 0, done.stderr
    assert "announced: a material change; send policy/releases/2026-07-01/announcement.<lang>.txt" in done.stdout
    assert "note: the site's address is not known (SELOSTE_SITE_URL or site_url in mkdocs.yml)" in done.stderr
    root = make_project(tmp_path / "with")
    for text in (V1, announced_version("Kuriiri Oy")):
        (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
        done = run(root, "release", epoch="1780272000", env={"SELOSTE_SITE_URL": ADDRESS + "/"})
        assert done.returncode == 0, done.stderr
    assert "note:" not in done.stderr
    text = (root / "policy" / "releases" / CHANGE / "announcement.fi.txt").read_text(encoding="utf-8")
    assert f"{ADDRESS}/fi/{CHANGE}/diff/" in text


def test_an_announcement_released_after_its_effective_date_says_so_in_the_past() -> None:
    """A change that could not wait and was released after the day it applies from is not announced as still to
    come."""
    from generator.notice.model import Notice
    from generator.words.announcement import announcement, text

    base = {
        "seloste": 2,
        "controller": {"name": "Shop Oy"},
        "revision": {"effective": "2026-03-01", "summary": {"fi": "a", "sv": "b", "en": "c"}},
    }
    old, new = Notice.from_data(base), Notice.from_data({**base, "transfers": [{"country": "US"}]})
    late = announcement(old, new, "2026-03-01", date(2026, 3, 5), notice_period_days=30, site_url="")
    ahead = announcement(old, new, "2026-03-01", date(2026, 2, 1), notice_period_days=30, site_url="")
    assert late is not None and ahead is not None
    english = text(late, "en", PROJECT.locales)
    assert "We have changed our privacy notice. The new version has applied since 1 March 2026." in english
    assert "We are changing" not in english
    assert "Olemme muuttaneet tietosuojaselostettamme." in text(late, "fi", PROJECT.locales)
    assert "We are changing our privacy notice. The new version applies from 1 March 2026." in text(
        ahead, "en", PROJECT.locales
    )


def test_what_an_announcement_says_and_the_addresses_it_names_cannot_change() -> None:
    from dataclasses import FrozenInstanceError

    from generator.words.announcement import Address, Announcement

    said = Announcement("2027-01-01", date(2027, 1, 1), date(2026, 12, 1), "X", (), None, 30, "https://a.fi")
    address = Address("https://a.fi/en/", "https://a.fi/en/", False)
    with pytest.raises(FrozenInstanceError):
        said.release_id = "2027-02-01"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        address.href = "https://evil.example/"  # type: ignore[misc]
    assert hash(said) == hash(dataclasses.replace(said))
    assert hash(address) == hash(dataclasses.replace(address))


def test_an_address_in_the_markdown_link_has_its_markup_characters_as_entities() -> None:
    from generator.words.announcement import _entities

    assert _entities("https://a.fi/?a=1&b=<2>") == "https://a.fi/?a=1&amp;b=&lt;2&gt;"


def test_the_announcement_page_carries_its_permanent_address(project: Project) -> None:
    (found,) = [
        p for p in plan(project, ANNOUNCED_DAY, ADDRESS).pages["sv"] if p.path == f"{CHANGE}/announcement/index.md"
    ]
    assert found.record["address"] == f"{ADDRESS}/sv/{CHANGE}/announcement/"
