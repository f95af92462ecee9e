"""In force on a date, and what printed history and diffs carry (issue 21, items 5 and 7), in process.

versions.json's `in_force` of each release, the version history's periods in
words in each language with the list the date form reads, and the running
header and permanent address (`Page.record`) of the version history and of
every diff page. The form itself, and the printed sheets, are tested in
Chromium (tests/browser/test_in_force.py, and tests/browser/test_versions.py for print).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.project import Project
from generator.record.releases import load_releases
from generator.record.timeline import Timeline
from generator.site.plan import Page, Pages, versions_json
from generator.words import i18n
from support import LANGS, MULTI_VERSIONS, PROJECT, released_here

BUILT_ON = date(2026, 6, 15)  # 2026-01-01 archived, 2026-03-01 in force, 2026-09-01 upcoming


def say(lang: str, message: str, **values: str) -> str:
    text = i18n.translations(PROJECT.locales, lang).gettext(message)
    if lang != "en":
        assert text != message, f"untranslated in {lang}: {message}"
    return text % values if values else text


def day(iso: str, lang: str) -> str:
    return i18n.format_date(date.fromisoformat(iso), lang)


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional notice's three versions: 2026-01-01, 2026-03-01, 2026-09-01."""
    return released_here(tmp_path_factory.mktemp("in-force"), *MULTI_VERSIONS)


@pytest.fixture(scope="module")
def same_day(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """Version 2 released for version 1's own day (2026-01-01-2), then version 3 (2026-09-01)."""
    root = tmp_path_factory.mktemp("same-day")
    second = root / "v2-same-day.yaml"
    text = MULTI_VERSIONS[1].read_text(encoding="utf-8")
    second.write_text(text.replace('effective: "2026-03-01"', 'effective: "2026-01-01"'), encoding="utf-8")
    return released_here(root / "project", MULTI_VERSIONS[0], second, MULTI_VERSIONS[2])


def pages_of(project: Project, site_url: str = "", today: date = BUILT_ON) -> Pages:
    return Pages(project, Timeline(load_releases(project), today), None, site_url)


def in_force_of(pages: Pages) -> dict[str, object]:
    return {entry["id"]: entry["in_force"] for entry in json.loads(versions_json(pages))["releases"]}


def test_versions_json_gives_each_release_its_first_and_last_day_in_force(three: Project) -> None:
    versions = json.loads(versions_json(pages_of(three)))
    assert [list(entry)[:4] for entry in versions["releases"]] == [["id", "effective", "status", "in_force"]] * 3
    assert in_force_of(pages_of(three)) == {
        "2026-09-01": {"from": "2026-09-01", "to": None},  # upcoming: its future start, no end while newest
        "2026-03-01": {"from": "2026-03-01", "to": "2026-08-31"},  # in force: ends the day before the upcoming
        "2026-01-01": {"from": "2026-01-01", "to": "2026-02-28"},
    }


def test_versions_json_gives_a_release_replaced_the_same_day_no_period(same_day: Project) -> None:
    """2026-01-01 was replaced on its own effective date by 2026-01-01-2: `in_force` is null, never in force."""
    pages = pages_of(same_day)
    assert [r.id for r in pages.timeline.releases] == ["2026-01-01", "2026-01-01-2", "2026-09-01"]
    assert in_force_of(pages) == {
        "2026-09-01": {"from": "2026-09-01", "to": None},
        "2026-01-01-2": {"from": "2026-01-01", "to": "2026-08-31"},
        "2026-01-01": None,
    }


def test_versions_json_periods_follow_the_build_date_only_in_the_status(three: Project) -> None:
    """The periods are facts of the releases: on any build date the same; the newest has no end."""
    for today in (date(2025, 12, 1), date(2026, 3, 1), date(2027, 1, 1)):
        assert in_force_of(pages_of(three, today=today)) == in_force_of(pages_of(three))


def entry_line(page: Page, release_id: str) -> str:
    """The line under a release's heading in the version history: its period in force."""
    after = page.markdown.split(f"{{ #{release_id} }}", 1)[1]
    return after.strip().split("\n", 1)[0]


def unescaped(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.mark.parametrize("lang", LANGS)
def test_the_version_history_says_each_release_s_period_in_words(three: Project, same_day: Project, lang: str) -> None:
    (page,) = pages_of(three).changelog(lang)
    words = {
        "2026-09-01": say(lang, "Upcoming: in force from %(start)s.", start=day("2026-09-01", lang)),
        "2026-03-01": say(
            lang, "In force from %(start)s to %(end)s.", start=day("2026-03-01", lang), end=day("2026-08-31", lang)
        ),
        "2026-01-01": say(
            lang, "Was in force from %(start)s to %(end)s.", start=day("2026-01-01", lang), end=day("2026-02-28", lang)
        ),
    }
    version = i18n.translations(PROJECT.locales, lang).gettext("Version")  # the same word in Swedish
    for release_id, said in words.items():
        assert unescaped(entry_line(page, release_id)) == f"**{said}**", release_id
        assert f'<a href="#{release_id}">{version} {release_id}</a>: {said}</li>' in page.markdown
    (later,) = pages_of(three, today=date(2026, 9, 1)).changelog(lang)
    assert (
        unescaped(entry_line(later, "2026-09-01"))
        == f"**{say(lang, 'In force from %(start)s.', start=day('2026-09-01', lang))}**"
    )
    (replaced,) = pages_of(same_day).changelog(lang)
    never = say(lang, "Never in force: replaced on the same day by version %(id)s.", id="2026-01-01-2")
    assert unescaped(entry_line(replaced, "2026-01-01")) == f"**{never}**"


def test_the_list_of_periods_gives_the_form_each_release_s_days_in_force(same_day: Project) -> None:
    """The date form reads data-from and data-to (ISO, both days included); a release never in force has none."""
    (page,) = pages_of(same_day).changelog("en")
    (block,) = page.html_blocks
    assert block in page.markdown and block.startswith('<div class="seloste-in-force">')
    items = re.findall(r"<li([^>]*)><a href=\"#([^\"]+)\">", block)
    assert items == [
        (' data-release="2026-09-01" data-from="2026-09-01" data-to=""', "2026-09-01"),
        (' data-release="2026-01-01-2" data-from="2026-01-01" data-to="2026-08-31"', "2026-01-01-2"),
        ("", "2026-01-01"),
    ]
    assert '<form id="seloste-on-date" class="seloste-on-date seloste-noprint" hidden>' in block
    none = "No version of this notice was in force on that date: the first took effect on 1 January 2026."
    assert f'data-none="{none}"' in block
    assert "\n\n" not in block, "a blank line would end the HTML block"


@pytest.mark.parametrize("site_url", ["", "https://notice.example.fi/sub"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_printed_version_history_names_the_controller_the_versions_and_its_address(
    three: Project, lang: str, site_url: str
) -> None:
    (page,) = pages_of(three, site_url).changelog(lang)
    header = say(
        lang,
        "%(controller)s · %(title)s · versions %(first)s to %(last)s · as of %(date)s",
        controller="Esimerkki Oy",
        title=say(lang, "Version history"),
        first="2026-01-01",
        last="2026-09-01",
        date=day("2026-06-15", lang),
    )
    assert page.record == {"header": header, "address": f"{site_url}/{lang}/changelog/"}


def test_the_printed_history_of_a_single_release_names_it(tmp_path: Path) -> None:
    (page,) = pages_of(released_here(tmp_path, MULTI_VERSIONS[0])).changelog("en")
    assert page.record["header"] == "Esimerkki Oy · Version history · version 2026-01-01 · as of 15 June 2026"


@pytest.mark.parametrize("lang", LANGS)
def test_every_printed_diff_page_names_the_controller_its_title_the_versions_compared_and_its_address(
    three: Project, lang: str
) -> None:
    site_url = "https://notice.example.fi"
    pages = pages_of(three, site_url)
    found = {page.path: page for page in (*pages.diff_pages(lang), *pages.current_diff_pages(lang))}
    compared = {  # path: (older, newer)
        "2026-03-01/diff/index.md": ("2026-01-01", "2026-03-01"),
        "2026-09-01/diff/index.md": ("2026-03-01", "2026-09-01"),
        "2026-01-01/diff/current/index.md": ("2026-01-01", "2026-03-01"),  # archived vs in force
    }
    assert set(found) == set(compared)
    for path, (old, new) in compared.items():
        page = found[path]
        header = say(
            lang,
            "%(controller)s · %(title)s · from version %(old)s to version %(new)s",
            controller="Esimerkki Oy",
            title=page.title,
            old=old,
            new=new,
        )
        assert page.record == {"header": header, "address": f"{site_url}/{lang}/{path.removesuffix('index.md')}"}


@pytest.mark.parametrize("lang", LANGS)
def test_a_period_of_one_day_is_said_as_one_day(lang: str) -> None:
    """Entrack's first release was in force on 25 November 2026 only: "from that day to that day" reads as a
    slip, so the history names the day once."""
    pages = pages_of(PROJECT, today=date(2026, 12, 6))
    first = pages.timeline.releases[0]
    expected = say(lang, "Was in force on %(start)s only.", start=day("2026-11-25", lang))
    assert pages.in_force_words(lang, first) == expected
    assert expected != "Was in force on %(start)s only." or lang == "en"


def test_versions_json_gives_each_release_its_first_layer_and_form_notices_at_their_addresses(three: Project) -> None:
    """A file that ends its last line, as a text file does; every address under the site's."""
    raw = versions_json(pages_of(three, "https://x.example/n"))
    assert raw.startswith(b"{\n") and raw.endswith(b"\n}\n")
    newest = json.loads(raw)["releases"][0]
    assert newest["first_layer"]["sv"] == "https://x.example/n/sv/2026-09-01/in-brief/"
    assert newest["form_notices"]["orders"]["en"] == "https://x.example/n/en/2026-09-01/forms/purpose-orders.json"
