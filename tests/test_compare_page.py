"""The compare page, in process: what plan.py composes for /<lang>/compare/ and the links to it.

The comparison itself runs in the reader's browser (site_overrides/assets/compare.js); its tests in Chromium
are tests/browser/test_compare_page.py. Here: the page lists every release in both lists with the pair a
reader most likely wants chosen, tells the script where the frozen texts are and which words to write, and
gives a reader without JavaScript the diff pages built for each release; the version history and every diff
page link it.
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
from generator.site.plan import COMPARE, COMPARE_SCRIPT, Page, Pages, frozen_files
from generator.words.render import translate
from support import LANGS, MULTI_VERSIONS, PROJECT, REPO, released_here

IDS = ["2026-09-01", "2026-03-01", "2026-01-01"]  # newest first, as the lists show them
WORDS = re.compile(r'<script type="application/json" id="seloste-compare-words">(.*?)</script>')


@pytest.fixture(scope="module")
def three_releases(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional notice's three versions (2026-01-01, 2026-03-01, 2026-09-01), released in this process."""
    return released_here(tmp_path_factory.mktemp("compare-page"), *MULTI_VERSIONS)


def pages_on(project: Project, today: date = date(2026, 6, 15)) -> Pages:
    """As of 2026-06-15: 2026-01-01 archived, 2026-03-01 in force, 2026-09-01 upcoming."""
    return Pages(project, Timeline(load_releases(project), today), None, "")


def compare_page(pages: Pages, lang: str) -> Page:
    (page,) = pages.compare_page(lang)
    return page


def options(page: Page, name: str) -> list[tuple[str, str, bool]]:
    """The list `name` of the form: each option's release id, its date as the page says it, and whether chosen."""
    (select,) = re.findall(rf'<select id="seloste-compare-{name}" name="{name}">(.*?)</select>', page.markdown, re.S)
    found = re.findall(r'<option value="([^"]*)" data-date="([^"]*)"( selected)?>', select)
    return [(value, day, bool(chosen)) for value, day, chosen in found]


@pytest.mark.parametrize("lang", LANGS)
def test_both_lists_hold_every_release_with_the_version_in_force_and_its_predecessor_chosen(
    three_releases: Project, lang: str
) -> None:
    page = compare_page(pages_on(three_releases), lang)
    assert page.path == COMPARE == "compare/index.md"
    assert page.title == translate("Compare two versions", lang, PROJECT.locales)
    days = {"fi": "1. maaliskuuta 2026", "sv": "1 mars 2026", "en": "1 March 2026"}
    assert [value for value, _, _ in options(page, "from")] == IDS
    assert [value for value, _, _ in options(page, "to")] == IDS
    assert [value for value, _, chosen in options(page, "from") if chosen] == ["2026-01-01"]
    assert [(value, day) for value, day, chosen in options(page, "to") if chosen] == [("2026-03-01", days[lang])]
    assert page.html_blocks and page.markdown.count("<form") == 1


@pytest.mark.parametrize("lang", LANGS)
def test_the_script_is_told_where_the_frozen_texts_are_and_the_page_loads_it(
    three_releases: Project, lang: str
) -> None:
    """/<lang>/compare/ to /releases/<id>/<lang>.md, which versions.json lists as `texts`, and to the script
    that every language's build copies from site_overrides/."""
    page = compare_page(pages_on(three_releases), lang)
    assert f'data-texts="../../releases/" data-text="{lang}.md"' in page.markdown
    assert '<script src="../assets/compare.js" defer></script>' in page.markdown
    assert (REPO / "site_overrides" / COMPARE_SCRIPT).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_the_script_writes_the_diff_pages_words_from_the_catalog(three_releases: Project, lang: str) -> None:
    (words,) = WORDS.findall(compare_page(pages_on(three_releases), lang).markdown)
    said = json.loads(words)

    def say(message: str, **values: str) -> str:
        return translate(message, lang, PROJECT.locales, **values)

    assert said["added"] == say("Added:") and said["removed"] == say("Removed:")
    assert said["was"] == say("Before:") and said["now"] == say("Now:")
    assert said["edited"] == say("Capital letters, spacing or punctuation only:")
    placeholders = {name: f"%({name})s" for name in ("old", "old_date", "new", "new_date")}
    what = "What changed from version %(old)s (effective %(old_date)s) to version %(new)s (effective %(new_date)s)."
    assert said["what"] == say(what, **placeholders)
    opened = (
        "This page was opened as a file, so the browser cannot read the versions to compare: open the site through"
        " a web server. The comparisons made for each version are listed below."
    )
    assert said["file"] == say(opened)
    assert "<" not in words and ">" not in words  # no </script> can end the block early


def test_without_javascript_the_page_lists_the_comparisons_built_for_each_release(three_releases: Project) -> None:
    page = compare_page(pages_on(three_releases), "en")
    prepared = page.markdown.split("{ #prepared }", 1)[1]
    assert [line for line in prepared.splitlines() if line] == [
        "- [Version 2026-09-01](../2026-09-01/index.md) (Upcoming): [Changes in this version](../2026-09-01/diff/index.md)",
        "- [Version 2026-03-01](../2026-03-01/index.md) (In force): [Changes in this version](../2026-03-01/diff/index.md)",
        "- [Version 2026-01-01](../2026-01-01/index.md) (No longer in force): "
        "[Compare with the version in force](../2026-01-01/diff/current/index.md)",
    ]
    note = "Choosing the versions needs JavaScript. Without it, the comparisons made for each version are listed below."
    assert f'<p id="seloste-compare-note">{note}</p>' in page.markdown
    assert '<form id="seloste-compare" data-texts="../../releases/" data-text="en.md" hidden>' in page.markdown


def test_the_version_history_and_every_diff_page_link_the_compare_page(three_releases: Project) -> None:
    """The version history opens it as it comes; a diff page opens it on its own pair, to choose another."""
    pages = pages_on(three_releases)
    (changelog,) = pages.changelog("en")
    assert "[Compare any two versions](../compare/index.md)" in changelog.markdown
    links = {
        page.path: re.findall(r"\[Compare any two versions\]\(([^)]*)\)", page.markdown) for page in pages.of("en")
    }
    # & as Markdown escapes it: the page's link goes to ?from=...&to=... (tests/browser/test_compare_page.py)
    assert links["2026-03-01/diff/index.md"] == ["../../compare/index.md?from=2026-01-01&amp;to=2026-03-01"]
    assert links["2026-09-01/diff/index.md"] == ["../../compare/index.md?from=2026-03-01&amp;to=2026-09-01"]
    assert links["2026-01-01/diff/current/index.md"] == ["../../../compare/index.md?from=2026-01-01&amp;to=2026-03-01"]
    assert [path for path, found in links.items() if found and "diff" not in path] == ["changelog/index.md"]


def test_with_one_release_the_history_offers_no_comparison_and_the_page_chooses_it_twice(tmp_path: Path) -> None:
    pages = pages_on(released_here(tmp_path / "one", MULTI_VERSIONS[0]))
    (changelog,) = pages.changelog("en")
    assert "compare" not in changelog.markdown.lower()
    page = compare_page(pages, "en")
    assert options(page, "from") == options(page, "to") == [("2026-01-01", "1 January 2026", True)]


def test_before_its_first_release_takes_effect_the_page_chooses_the_first_and_the_next(three_releases: Project) -> None:
    """On 2025-12-01 nothing is in force yet: the first release stands for the version in force, and with no
    predecessor, both lists choose it."""
    page = compare_page(pages_on(three_releases, date(2025, 12, 1)), "en")
    assert [value for value, _, chosen in options(page, "from") if chosen] == ["2026-01-01"]
    assert [value for value, _, chosen in options(page, "to") if chosen] == ["2026-01-01"]


def test_the_live_preview_leaves_the_compare_page_out_and_links_it_by_its_address(three_releases: Project) -> None:
    pages = Pages(three_releases, Timeline(load_releases(three_releases), date(2026, 6, 15)), None, "", previewing=True)
    assert COMPARE not in [page.path for page in pages.of("en", preview=True)]
    (changelog,) = pages.changelog("en")
    assert "[Compare any two versions](../compare/)" in changelog.markdown


def test_only_a_version_no_longer_in_force_offers_the_comparison_with_the_version_in_force(
    three_releases: Project,
) -> None:
    pages = pages_on(three_releases)
    offering = {
        page.path: re.findall(r"\[Compare with the version in force\]\(([^)]*)\)", page.markdown)
        for page in pages.of("en")
    }
    assert offering["2026-01-01/index.md"] == ["diff/current/index.md"]
    for path in ("2026-03-01/index.md", "2026-09-01/index.md", "index.md"):
        assert offering[path] == [], path


def test_the_frozen_texts_the_script_reads_are_served_beside_each_releases_record(three_releases: Project) -> None:
    """The script fetches releases/<id>/<lang>.md (data-texts, data-text above): every language of every release."""
    pages = pages_on(three_releases)
    served = frozen_files(pages, "releases/")
    for release in pages.timeline.releases:
        assert served[f"releases/{release.id}.json"] == release.read("notice.json")
        for lang in LANGS:
            assert served[f"releases/{release.id}/{lang}.md"] == release.read(f"{lang}.md")
