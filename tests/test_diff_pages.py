"""The diff pages, in process: what compare.py finds, as diff.html.j2 shows it, and the pages site.py composes."""

from __future__ import annotations

from datetime import date

import pytest
from support import MULTI_VERSIONS, PROJECT, released_here

from generator.record.compare import SectionChange, compare
from generator.project import Project
from generator.record.releases import load_releases
from generator.words.render import render_file
from generator.site.plan import Pages, current_diff_page, release_page
from generator.record.timeline import Timeline

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


def test_the_comparison_with_the_version_in_force_lists_what_the_version_in_force_added(
    three_releases: Project,
) -> None:
    """Version 2 added a US recipient and transfer: compared with it, version 1's page says added, never removed."""
    pages = pages_on(three_releases, date(2026, 6, 15))
    (page,) = pages.current_diff_pages("en")
    assert page.path == current_diff_page(load_releases(three_releases)[0])
    assert page.title == "Version 2026-01-01 compared with the version in force"
    summary = page.markdown.split("## Summary of changes", 1)[1].split("\n\n")[1]
    assert summary.splitlines() == [
        "- Purpose changed: Handling orders",
        "- Retention period changed: Handling orders",
        "- New recipient: CRM service",
        "- New transfer outside the EU/EEA: United States",
    ]
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
