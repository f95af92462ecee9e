"""The redline before a release, in process: the draft compared with the version in force (plan.py), the
preview's panel of check's warnings (preview.py), and what the pull request's job summary says of the redline.

`build --draft` and the live preview run the same plans for real: tests/test_build.py and tests/test_preview.py.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.environment import Environment
from generator.job_summary import redline
from generator.project import Project
from generator.site import preview
from generator.site.plan import DRAFT, DRAFT_DIFF, IN_FORCE, PREVIEWED, Page, plan_site, redlines
from support import MULTI_VERSIONS, released_here

TODAY = Environment(date(2026, 6, 15))
ORDERS_EN = "en: We handle orders and returns."
"""The English description of the purpose `orders` in the fixture's second version (in force on TODAY)."""
LEGAL_BASIS = "    legal_bases: [{basis: contract}]\n"
"""The legal basis of the purpose `orders` in the fixture's first version."""
FIRST_SUMMARY = "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}"
"""The first version's summary of its revision: a draft that repeats it is warned of (`revision-summary`)."""


def pages(project: Project, lang: str, *, preview_of: str | None = None) -> dict[str, Page]:
    plan = plan_site(project, TODAY, draft=True, preview=preview_of)
    return {page.path: page for page in plan.pages[lang]}


def edit(project: Project, old: str, new: str) -> None:
    text = project.notice.read_text(encoding="utf-8")
    assert old in text, old
    project.notice.write_text(text.replace(old, new), encoding="utf-8")


def sections(markdown: str) -> dict[str, str]:
    """The redline's Markdown by the id of each heading: what stands under it up to the next heading."""
    found: dict[str, str] = {}
    key = ""
    for line in markdown.splitlines():
        heading = re.match(r"#+ .*\{ #([\w-]+) \}$", line)
        if heading:
            key = heading.group(1)
        found[key] = found.get(key, "") + line + "\n"
    return found


def test_a_changed_purpose_shows_in_its_own_section_and_in_the_list_of_changes(tmp_path: Path) -> None:
    project = released_here(tmp_path, *MULTI_VERSIONS[:2])
    edit(project, ORDERS_EN, 'en: "We handle orders, returns and complaints."')
    redline_page = pages(project, "en")[DRAFT_DIFF]
    shown = sections(redline_page.markdown)
    assert "- Details of a purpose changed: Handling orders\n" in shown["summary-of-changes"]
    assert (
        '<p class="seloste-diff-changed">We handle orders<ins><span class="seloste-sr">Added: </span>, returns</ins> '
        'and <del><span class="seloste-sr">Removed: </span>returns</del><ins><span class="seloste-sr">Added: </span>'
        "complaints</ins>.</p>"
    ) in shown["purpose-orders"]
    assert [key for key, text in shown.items() if "<ins>" in text or "<del>" in text] == ["purpose-orders"]
    assert redline_page.robots == "noindex, nofollow"
    assert redline_page.record == {  # what every printed sheet of it carries
        "header": "Esimerkki Oy · The draft compared with the version in force · version 2026-03-01 and the draft "
        "as of 15 June 2026",
        "address": "/en/draft/diff/",
    }
    assert redline_page.html_blocks and all(block in redline_page.markdown for block in redline_page.html_blocks)
    assert "What the unreleased draft changes in version 2026-03-01, in force from 1 March 2026." in shown[""]


def test_the_draft_is_compared_with_the_version_in_force_not_with_an_upcoming_one(tmp_path: Path) -> None:
    """On TODAY 2026-03-01 is in force and 2026-09-01 upcoming: a reader is told what changes for them."""
    project = released_here(tmp_path, *MULTI_VERSIONS)
    redline_page = pages(project, "en")[DRAFT_DIFF].markdown
    assert "What the unreleased draft changes in version 2026-03-01, in force from 1 March 2026." in redline_page
    assert "- New purpose: Newsletter\n" in redline_page  # what 2026-09-01 adds, not yet in force


def test_an_unchanged_draft_says_that_nothing_changed(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    markdown = pages(project, "fi")[DRAFT_DIFF].markdown
    assert "Mikään ei ole muuttunut: luonnos on sanasta sanaan sama kuin versio 2026-01-01." in markdown
    assert "<ins>" not in markdown and "<del>" not in markdown and "Sanamuotoja on muutettu" not in markdown
    assert redlines(project, TODAY)["sv"].unchanged


def test_the_draft_links_its_redline_and_the_redline_links_back(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    site = pages(project, "sv")
    assert "[Jämför med den version som gäller nu](diff/index.md)" in site[DRAFT].markdown
    assert "- [Läs utkastet](../index.md)" in site[DRAFT_DIFF].markdown
    assert "- [Läs version 2026-01-01](../../index.md)" in site[DRAFT_DIFF].markdown
    # The preview builds the redline too, and links what it does not build by its address.
    previewed = pages(project, "sv", preview_of="sv")
    assert sorted(previewed) == sorted([IN_FORCE, DRAFT, DRAFT_DIFF, "changelog/index.md"])


def test_without_a_draft_there_is_no_redline(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    built = plan_site(project, TODAY)
    assert DRAFT_DIFF not in [page.path for page in built.pages["fi"]]


# -- The preview's panel of warnings ---------------------------------------------------------


PANEL = re.compile(r'<details class="warning seloste-preview-warnings">.*?</details>', re.DOTALL)


def panel(site: preview.SitePlan, lang: str, path: str) -> str:
    page = next(page for page in site.pages[lang] if page.path == path)
    found = PANEL.search(page.markdown)
    assert found, page.markdown[:800]
    assert found.group() in page.html_blocks  # taken as finished HTML, never read as Markdown
    heading, _, rest = page.markdown.partition("\n\n")
    assert heading.startswith("# ") and rest.startswith(found.group())  # right under the title
    return found.group()


def test_a_purpose_without_a_legal_basis_is_a_warning_on_every_page_of_the_preview_in_its_language(
    tmp_path: Path,
) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    site, printed = preview.plan(project, "en", TODAY)
    assert not any(PANEL.search(page.markdown) for page in site.pages["en"])  # no warning, no panel
    edit(project, LEGAL_BASIS, "")
    edit(
        project,
        FIRST_SUMMARY,
        "summary: {fi: Oikeusperuste poistettu., sv: Rättslig grund borttagen., en: Basis removed.}",
    )
    edit(project, 'effective: "2026-01-01"', 'effective: "2026-07-15"')  # a material change: TODAY + 30 days
    line = next(n for n, text in enumerate(project.notice.read_text().splitlines(), 1) if text == "  - id: orders")
    site, printed = preview.plan(project, "fi", TODAY)
    assert [finding.rule for finding in printed] == ["purpose-legal-basis"]  # counted on the terminal
    shown = panel(site, "fi", DRAFT)
    assert "<summary>check: 1 varoitus työkopiosta</summary>" in shown
    assert re.search(
        rf"<li><code>[^<]*policy/notice\.yaml:{line}:5</code> <code>purpose-legal-basis</code>: "
        r"<code>purposes\[orders\]\.legal_bases</code>: käyttötarkoitukselle ”Tilausten käsittely” ei ole annettu "
        r"oikeusperustetta; .* \(tietosuoja-asetus art\. 13\(1\)\(c\), 14\(1\)\(c\)\)</li>",
        shown,
    ), shown
    for path in (IN_FORCE, DRAFT_DIFF, "changelog/index.md"):
        assert panel(site, "fi", path) == shown
    english = panel(preview.plan(project, "en", TODAY)[0], "en", DRAFT)
    assert "no legal basis is given for the purpose “Handling orders”" in english
    assert "(GDPR Art. 13(1)(c), 14(1)(c))" in english


def test_markup_in_a_warning_is_text(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    hostile = '<img src=x onerror=alert(1)>\\"&amp;</details><script>alert(2)</script>'
    edit(project, LEGAL_BASIS, "")
    edit(project, "en: Handling orders}", f'en: "{hostile}"}}')
    shown = panel(preview.plan(project, "en", TODAY)[0], "en", DRAFT)
    assert "<img" not in shown and "<script" not in shown and shown.count("</details>") == 1
    assert "&lt;img src=x onerror=alert(1)&gt;&#34;&amp;amp;&lt;/details&gt;&lt;script&gt;" in shown


def test_the_errors_page_says_each_error_in_the_pages_language(tmp_path: Path) -> None:
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    edit(project, "    recipients: [mailer]", "    recipients: [nobody]")
    site, printed = preview.plan(project, "sv", TODAY)
    page = next(page for page in site.pages["sv"] if page.path == DRAFT)
    assert "<code>purposes[orders].recipients[1]</code>: " in page.markdown
    assert "unknown-reference" in page.markdown and "is not the id of anything" not in page.markdown
    assert [finding.rule for finding in printed if finding.level == "error"] == ["unknown-reference"]


# -- The job summary ----------------------------------------------------------------------


def test_the_job_summary_links_the_redline_in_each_language(tmp_path: Path) -> None:
    project = released_here(tmp_path, *MULTI_VERSIONS[:2])
    edit(project, "en: Handling orders}", 'en: "Orders [now](https://x.example) @octocat <b>"}')
    download = "https://github.com/o/r/actions/runs/7#artifacts"
    text = redline(redlines(project, TODAY), download=download)
    assert text.startswith("### Redline: the draft compared with version 2026\\-03\\-01, in force\n")
    for lang, name in (("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")):
        assert f"**{name}**: [{lang}/draft/diff/](<{download}>)\n" in text
    assert "- Käyttötarkoitusta koskevia tietoja muutettu: Tilausten käsittely\n" in text
    # What the notice says is text in the summary: no link, no mention, no tag.
    assert (
        "- Details of a purpose changed: Orders \\[now\\]\\(https://x\\.example\\) @\u2060octocat &lt;b&gt;\n" in text
    )
    without = redline(redlines(project, TODAY))
    assert "**English**: `en/draft/diff/`\n" in without and "](<" not in without


# -- The preview's page of errors, and its pages when the host fails ------------------------------------------


def test_the_errors_page_stands_at_every_address_and_lists_the_errors_in_the_order_of_the_file(
    tmp_path: Path,
) -> None:
    """Each previewed address is the one page of errors, in the page's language: titled, not indexed, in the
    navigation once (as the notice in force), its list finished HTML; the errors in the order of the file."""
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    edit(project, "    recipients: [mailer]", "    recipients: [nobody]")
    edit(project, "    data_categories: [contact]", "    data_categories: [nothing]")
    site, printed = preview.plan(project, "sv", TODAY)
    assert [finding.rule for finding in printed if finding.level == "error"] == ["unknown-reference"] * 2
    pages = {page.path: page for page in site.pages["sv"]}
    assert sorted(pages) == sorted(PREVIEWED)
    assert [path for path, page in pages.items() if page.in_nav] == [IN_FORCE]
    for page in pages.values():
        assert page.title == "Fel i arbetskopian" and page.markdown.startswith("# Fel i arbetskopian\n\n")
        assert page.robots == "noindex, nofollow" and page.markdown == pages[DRAFT].markdown
        (block,) = page.html_blocks
        assert block.startswith('<div class="seloste-preview-errors"') and block in page.markdown
    listed = pages[DRAFT].markdown
    assert listed.index("purposes[orders].data_categories[1]") < listed.index("purposes[orders].recipients[1]")
    assert site.site_name == "Esimerkki Oy" and site.labels["sv"]["language"] == "Språk"


def test_when_the_host_fails_every_address_of_the_preview_says_why(tmp_path: Path) -> None:
    """The page of a failed build stands at every previewed address and at 404.html, in the preview's
    language, with the problem as text; any other address gets the page saying the preview does not build it."""
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    site_dir = tmp_path / "site"
    preview.write_failure(project, "sv", site_dir, "<b>template broke</b>")
    written = sorted(str(path.relative_to(site_dir)) for path in site_dir.rglob("*") if path.is_file())
    assert written == sorted([path.removesuffix(".md") + ".html" for path in PREVIEWED] + ["404.html"])
    page = (site_dir / "draft/diff/index.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in page and "<h1>Fel i arbetskopian</h1>" in page
    assert "<code>&lt;b&gt;template broke&lt;/b&gt;</code>" in page
    assert all((site_dir / name).read_text(encoding="utf-8") == page for name in written)
    preview.write_not_found(project, "sv", site_dir)
    missing = (site_dir / "404.html").read_text(encoding="utf-8")
    assert '<html lang="sv">' in missing and "<h1>Inte med i förhandsvisningen</h1>" in missing


def test_a_notice_that_cannot_be_read_is_previewed_under_the_tools_name(tmp_path: Path) -> None:
    """Without a notice there is no controller to name the site after: the errors page says Seloste."""
    project = released_here(tmp_path, MULTI_VERSIONS[0])
    project.notice.write_text("controller: [unclosed\n", encoding="utf-8")
    site, printed = preview.plan(project, "en", TODAY)
    assert site.site_name == "Seloste" and any(finding.level == "error" for finding in printed)
    assert [page.title for page in site.pages["en"]] == ["Errors in the working copy"] * len(PREVIEWED)
