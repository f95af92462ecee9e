"""The diff pages, in process: what compare.py finds, as diff.html.j2 shows it, and the pages site.py composes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.project import Project
from generator.record.compare import SectionChange, compare
from generator.record.releases import load_releases
from generator.record.timeline import Timeline
from generator.site.plan import Pages, current_diff_page, release_page
from generator.words.render import render_file
from support import MULTI_VERSIONS, PROJECT, released_here

OLD = """# Privacy notice: A Oy

## Purposes { #purposes }

We keep order data for six years.

We send a newsletter to those who ask for it.

## Rights { #rights }

- **Right of access.** Ask us.

## Changes to this notice { #changes }

We announce changes on this page.
"""
"""A released text as the generator writes it: a title, sections with fixed ids, paragraphs and list items."""


def shown(section: SectionChange) -> str:
    """The section as the English diff page shows it."""
    return render_file("diff.html.j2", "en", PROJECT.locales, section=section)


def ops(section: SectionChange) -> list[tuple[str, str, str]]:
    """Each block of a changed section: how it changed, its kind, and its text with the changes marked."""
    return [
        (b.op, b.kind, "".join(f"[{s.op}:{s.text}]" if s.op != "same" else s.text for s in b.spans))
        for b in section.blocks
    ]


def test_a_paragraph_removed_whole_is_shown_removed() -> None:
    """A paragraph that is gone from the new text is on the diff page, marked removed, in full."""
    new = OLD.replace("We send a newsletter to those who ask for it.\n\n", "")
    (purposes,) = compare(OLD, new)
    assert (purposes.key, purposes.op) == ("purposes", "changed")
    assert ops(purposes) == [
        ("same", "paragraph", "We keep order data for six years."),
        ("removed", "paragraph", "[removed:We send a newsletter to those who ask for it.]"),
    ]
    assert (
        '<p class="seloste-diff-removed"><strong>Removed:</strong> <del>We send a newsletter to those who ask for it.'
        "</del></p>"
    ) in shown(purposes)


def test_a_paragraph_added_at_the_end_of_a_section_is_shown_added() -> None:
    """A new last paragraph of a section is on the diff page, marked added, in full."""
    new = OLD.replace("ask for it.\n", "ask for it.\n\nWe delete what we no longer need.\n")
    (purposes,) = compare(OLD, new)
    assert ops(purposes)[-1] == ("added", "paragraph", "[added:We delete what we no longer need.]")
    assert (
        '<p class="seloste-diff-added"><strong>Added:</strong> <ins>We delete what we no longer need.</ins></p>'
    ) in shown(purposes)


def test_a_paragraph_added_before_a_changed_one_is_shown_added() -> None:
    """A new paragraph followed by a changed one: both are on the page, the new one whole, in reading order."""
    new = OLD.replace(
        "We send a newsletter to those who ask for it.",
        "Cookies: none.\n\nWe send a newsletter to those who ask for it by e-mail.",
    )
    (purposes,) = compare(OLD, new)
    assert ops(purposes) == [
        ("same", "paragraph", "We keep order data for six years."),
        ("added", "paragraph", "[added:Cookies: none.]"),
        ("changed", "paragraph", "We send a newsletter to those who ask for it[added: by e-mail]."),
    ]
    assert '<p class="seloste-diff-added"><strong>Added:</strong> <ins>Cookies: none.</ins></p>' in shown(purposes)


def test_a_section_removed_at_the_end_of_the_text_is_shown_removed() -> None:
    """The last section of the old text, gone from the new one, is on the diff page with all it said."""
    new = OLD[: OLD.index("## Changes to this notice")]
    (changes,) = compare(OLD, new)
    assert (changes.key, changes.op) == ("changes", "removed")
    assert ops(changes) == [("removed", "paragraph", "[removed:We announce changes on this page.]")]
    html = shown(changes)
    assert '<p class="seloste-diff-note seloste-diff-removed"><strong>Section removed.</strong></p>' in html
    assert "<del>We announce changes on this page.</del>" in html


@pytest.fixture(scope="module")
def three_releases(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The fictional notice's three versions (2026-01-01, 2026-03-01, 2026-09-01), released in this process."""
    return released_here(tmp_path_factory.mktemp("diff-pages"), *MULTI_VERSIONS)


def pages_on(project: Project, today: date) -> Pages:
    return Pages(project, Timeline(load_releases(project), today), None, "")


def summary_of_changes(markdown: str) -> list[str]:
    """A diff page's summary of changes: its lines, the groups' leads included, without blank lines."""
    section = markdown.split("## Summary of changes", 1)[1].split("\nBelow, each changed section", 1)[0]
    return [line for line in section.splitlines()[1:] if line.strip()]


def test_the_comparison_with_the_version_in_force_lists_what_the_version_in_force_added(
    three_releases: Project,
) -> None:
    """Version 2 added a US recipient and transfer: compared with it, version 1's page says added, never removed."""
    pages = pages_on(three_releases, date(2026, 6, 15))
    (page,) = pages.current_diff_pages("en")
    assert page.path == current_diff_page(load_releases(three_releases)[0])
    assert page.title == "Version 2026-01-01 compared with the version in force"
    assert summary_of_changes(page.markdown) == [  # the retention shortened (P6Y to P18M): editorial
        "Material changes:",
        "- Details of a purpose changed: Handling orders",
        "- New recipient: CRM service",
        "- New transfer outside the EU/EEA: United States",
        "Non-material changes:",
        "- Retention period changed: Handling orders",
    ]
    assert "\n**Material change.**\n" in page.markdown
    assert '<li class="seloste-diff-added"><strong>Added:</strong> <ins>CRM service' in page.markdown


def test_only_the_page_in_force_announces_the_upcoming_release(three_releases: Project) -> None:
    """On 2026-06-15 version 3 is upcoming: the version in force announces it; archived and upcoming pages do not."""
    pages = pages_on(three_releases, date(2026, 6, 15))
    announcement = "A new version of this notice applies from 1 September 2026."
    first, current, upcoming = pages.timeline.releases
    assert pages.timeline.status(first) == "archived" and pages.timeline.status(upcoming) == "upcoming"
    (in_force,) = pages.notice_in_force("en")
    assert announcement in in_force.markdown and "(2026-09-01/diff/index.md)" in in_force.markdown
    boxes = {"archived": "Archived version: not in force", "current": "In force", "upcoming": "Upcoming version"}
    for release in (first, current, upcoming):
        page = pages.notice_page("en", release_page(release), release)
        status = pages.timeline.status(release)
        assert f'seloste-status seloste-status--{status} "{boxes[status]}' in page.markdown, release.id
        assert (announcement in page.markdown) == (release is current), release.id
        assert ("2026-09-01/diff/index.md" in page.markdown) == (release is current), release.id


# -- Editorial changes (issue 19) ---------------------------------------------------------------------------


def test_a_list_item_corrected_in_capital_letters_is_shown_as_such_never_as_removed_and_added() -> None:
    """The diff page says "Capital letters, spacing or punctuation only:" before the item, marks the letters
    in grey, and reads them out as before and now: never "Removed: Customers … Added: customers"."""
    old = OLD.replace("- **Right of access.** Ask us.", "- Customers")
    (rights,) = compare(old, old.replace("- Customers", "- customers"))
    html = shown(rights)
    assert (
        '<li class="seloste-diff-changed seloste-diff-editorial"><strong>Capital letters, spacing or punctuation '
        'only:</strong> <del><span class="seloste-sr">Before: </span>Customers</del><ins><span class="seloste-sr">'
        "Now: </span>customers</ins></li>"
    ) in html
    assert "Removed:" not in html and "Added:" not in html


def test_a_list_item_whose_words_changed_is_one_item_changed() -> None:
    old = OLD.replace("- **Right of access.** Ask us.", "- The data subject")
    (rights,) = compare(old, old.replace("- The data subject", "- The person themselves"))
    html = shown(rights)
    assert html.count("<li") == 1 and '<li class="seloste-diff-changed">' in html


def _second_version(tmp_path: Path, edit: Callable[[str], str]) -> Project:
    """The fictional notice released, then released again with `edit` applied (and its own date and summary)."""
    text = edit(MULTI_VERSIONS[0].read_text(encoding="utf-8"))
    text = text.replace('effective: "2026-01-01"', 'effective: "2026-02-01"').replace(
        "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
        "summary: {fi: Toinen versio., sv: Andra versionen., en: Second version.}",
    )
    tmp_path.mkdir(exist_ok=True)
    second = tmp_path / "second.yaml"
    second.write_text(text, encoding="utf-8")
    return released_here(tmp_path / "project", MULTI_VERSIONS[0], second)


def test_the_changelog_lists_editorial_changes_on_one_line_apart_from_changes_of_substance(tmp_path: Path) -> None:
    """A category's and a source's capital letters corrected, a recipient renamed: the renamed recipient is a
    change; the two corrections are one line naming where they were made, in every language."""
    project = _second_version(
        tmp_path,
        lambda text: (
            text.replace("en: Contact details}", "en: contact details}")
            .replace("fi: Rekisteröity itse,", "fi: rekisteröity itse,")
            .replace("en: E-mail service}", "en: Mailing service}")
        ),
    )
    pages = pages_on(project, date(2026, 6, 15))
    (changelog,) = pages.changelog("en")
    entry = changelog.markdown.split("## Version 2026-02-01", 1)[1].split("## Version", 1)[0]
    assert [line for line in entry.splitlines() if line.startswith("- ")] == [
        "- Recipient changed: Mailing service",
        "- Changed in capital letters, spacing or punctuation only, not in wording: categories of personal data (1) "
        "and sources of data (1)",
    ]
    (fi,) = pages.changelog("fi")
    assert (
        "Muutettu vain isoja ja pieniä kirjaimia, välilyöntejä tai välimerkkejä, sanamuoto ennallaan: "
        "henkilötietoryhmät (1) ja tietolähteet (1)" in fi.markdown
    )
    (sv,) = pages.changelog("sv")
    assert "ordalydelsen oförändrad: kategorier av personuppgifter (1) och källor till uppgifterna (1)" in sv.markdown
    assert "Material changes:\n\n- Recipient changed: Mailing service\n\nNon-material changes:\n\n- Changed in" in entry
    (diff,) = pages.diff_pages("en")
    assert summary_of_changes(diff.markdown) == [
        line for line in entry.splitlines() if line.startswith("- ") or line.endswith("changes:")
    ]


def test_a_release_of_editorial_changes_only_lists_no_change_of_substance(tmp_path: Path) -> None:
    """A purpose's name with a full stop added: one editorial line, and no "Purpose changed"."""
    project = _second_version(tmp_path, lambda text: text.replace("en: Customers}", "en: customers}"))
    (changelog,) = pages_on(project, date(2026, 6, 15)).changelog("en")
    entry = changelog.markdown.split("## Version 2026-02-01", 1)[1].split("## Version", 1)[0]
    assert [line for line in entry.splitlines() if line.startswith("- ")] == [  # data subjects: not followed
        "- Wording changed; see the comparison."
    ]
    project = _second_version(
        tmp_path / "2", lambda text: text.replace("en: Handling orders}", "en: Handling orders.}")
    )
    (changelog,) = pages_on(project, date(2026, 6, 15)).changelog("en")
    entry = changelog.markdown.split("## Version 2026-02-01", 1)[1].split("## Version", 1)[0]
    assert [line for line in entry.splitlines() if line.startswith("- ")] == [
        "- Changed in capital letters, spacing or punctuation only, not in wording: purposes (1)"
    ]


def test_a_removed_cookie_row_is_named_as_a_row_of_the_cookie_table(tmp_path: Path) -> None:
    """Dropping a row from the cookie table is what the notice shows; whether the cookie is still used, it does
    not say (Entrack's 2026-11-26 still names Google Analytics in its text on cookies)."""
    cookie = MULTI_VERSIONS[0].read_text(encoding="utf-8").split("cookies:\n", 1)[1].split("rights:", 1)[0]
    project = _second_version(tmp_path, lambda text: text.replace("cookies:\n" + cookie, "cookies: []\n"))
    pages = pages_on(project, date(2026, 6, 15))
    lines = {lang: pages.changelog(lang).__next__().markdown for lang in ("fi", "sv", "en")}
    assert "- Row removed from the cookie table: session" in lines["en"]
    assert "- Evästetaulukosta poistettu rivi: session" in lines["fi"]
    assert "- Rad borttagen ur tabellen över kakor: session" in lines["sv"]
    assert "Cookie removed" not in lines["en"]


def test_every_area_the_changelog_follows_can_be_named_for_an_editorial_change() -> None:
    """A change of any area may be editorial: each has its words for the editorial line."""
    from generator.words import vocabulary

    assert {area for area, _ in vocabulary.CHANGES} == set(vocabulary.EDITORIAL_AREAS)


def test_an_editorial_change_of_the_controller_names_the_controller_without_a_count(tmp_path: Path) -> None:
    """The controller's details are one area, not a list of items: no "(1)" after them."""
    project = _second_version(
        tmp_path, lambda text: text.replace("Esimerkkikatu 1, FI-00100", "ESIMERKKIKATU 1, FI-00100")
    )
    (changelog,) = pages_on(project, date(2026, 6, 15)).changelog("en")
    assert "- Changed in capital letters, spacing or punctuation only, not in wording: the controller's details\n" in (
        changelog.markdown
    )


def test_markup_in_an_editorial_change_stays_text() -> None:
    """A list item of HTML whose capital letters changed: shown as text, before and now, never as markup."""
    old = OLD.replace("- **Right of access.** Ask us.", '- <b onclick="x()">Customers <script>x()')
    (rights,) = compare(old, old.replace("Customers", "CUSTOMERS"))
    html = shown(rights)
    assert "seloste-diff-editorial" in html and "<b " not in html and "<script" not in html
    assert "&lt;b onclick=&#34;x()&#34;&gt;<del>" in html and "&lt;script&gt;x()" in html


@pytest.mark.parametrize(("op", "mark"), [("removed", "<del>"), ("added", "<ins>")])
def test_markup_in_a_paragraph_removed_or_added_stays_text(op: str, mark: str) -> None:
    """What a release removed and what it added is shown as text, like what stayed (the test above)."""
    hostile = 'Partners: <img src=x onerror="x()"> <script>x()</script>\n\n'
    longer = OLD.replace("We send a newsletter", hostile + "We send a newsletter")
    (purposes,) = compare(longer, OLD) if op == "removed" else compare(OLD, longer)
    html = shown(purposes)
    assert mark in html and "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=&#34;x()&#34;&gt; &lt;script&gt;x()&lt;/script&gt;" in html


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_entracks_second_release_lists_eleven_changes_and_one_editorial_line(lang: str) -> None:
    """Release 2026-11-26 listed 22 changes, 13 of them capital letters; now 11 changes of words and one line
    for the 11 categories whose capital letters alone changed (two categories' English and Swedish words
    changed too), and no cookie said removed."""
    from support import PROJECT

    (changelog,) = pages_on(PROJECT, date(2026, 12, 6)).changelog(lang)
    entry = changelog.markdown.split("{ #2026-11-26 }", 1)[1].split("{ #2026-11-25 }", 1)[0]
    lines = [line for line in entry.splitlines() if line.startswith("- ")]
    editorial = {
        "fi": "henkilötietoryhmät (11)",
        "sv": "kategorier av personuppgifter (11)",
        "en": "categories of personal data (11)",
    }[lang]
    assert len(lines) == 12 and lines[-1].endswith(editorial)
    cookie = {
        "fi": "Evästetaulukosta poistettu rivi: Google Analytics",
        "sv": "Rad borttagen ur tabellen över kakor: Google Analytics",
        "en": "Row removed from the cookie table: Google Analytics",
    }[lang]
    assert f"- {cookie}" in lines
