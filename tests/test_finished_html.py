"""A diff page's HTML blocks (and the version history's and the compare page's forms, and a forms page's notices
at the form) go into the page as finished (generator.host.extensions.py): the page reads exactly as it would if Markdown read them, and nothing
else is taken as a block."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from generator.environment import Environment
from generator.host.extensions import FinishedHtml
from generator.project import Project
from generator.record.releases import load_releases
from generator.site.plan import CHANGELOG, COMPARE, Page, forms_page, plan_site
from support import BUILD_EPOCH

TODAY = datetime.fromtimestamp(int(BUILD_EPOCH), UTC).date()  # the day the tests build on


def _convert(root: Path, text: str, blocks: tuple[str, ...] | None) -> str:
    """`text` as MkDocs converts it with the site's own Markdown extensions, with or without finished blocks."""
    config = load_config(str(root / "mkdocs.yml"))
    extensions = list(config.markdown_extensions) + ([FinishedHtml(lambda: blocks)] if blocks is not None else [])
    return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs).convert(text)


def _between_blocks(html: str) -> str:
    """HTML without the blank lines between its blocks, which the reader never sees."""
    return re.sub(r"\n{2,}", "\n", html)


def _diff_pages(root: Path) -> list[Page]:
    plan = plan_site(Project.at(root), Environment(TODAY))
    return [page for lang in plan.languages for page in plan.pages[lang] if page.html_blocks]


def test_every_diff_page_reads_the_same_with_its_blocks_taken_as_finished(pristine: Path) -> None:
    pages = _diff_pages(pristine)
    plan = plan_site(Project.at(pristine), Environment(TODAY))
    forms = {forms_page(release) for release in load_releases(Project.at(pristine))}
    assert len(pages) >= 6 and all("/diff/" in page.path or page.path in (CHANGELOG, COMPARE, *forms) for page in pages)
    languages = len(plan.languages)
    assert sum(page.path == CHANGELOG for page in pages) == languages
    assert sum(page.path == COMPARE for page in pages) == languages
    assert sum(page.path in forms for page in pages) == languages * len(forms) == languages * 3
    for page in pages:
        finished = _convert(pristine, page.markdown, page.html_blocks)
        assert _between_blocks(finished) == _between_blocks(_convert(pristine, page.markdown, None)), page.path
        for block in page.html_blocks:
            assert f"{block}\n<h" in finished or finished.endswith(block), (page.path, "not taken as finished")


@pytest.mark.parametrize(
    "place",
    [
        "Before it on its line: {block}",
        "- {block}",
        "    {block}",
        "> {block}",
        "!!! note\n\n    {block}",
        "{block}\nand a line right after it",
    ],
)
def test_a_block_is_taken_only_where_it_stands_whole(pristine: Path, place: str) -> None:
    """Elsewhere, Markdown reads the same characters as it always does."""
    block = _diff_pages(pristine)[0].html_blocks[0]
    text = f"# Title\n\n{place.format(block=block)}\n\nAfter.\n"
    assert _convert(pristine, text, (block,)) == _convert(pristine, text, None)


def test_the_built_diff_pages_hold_the_blocks_as_finished(multi_project: Path) -> None:
    """The build's Markdown takes them: each stands as written and, but the page's last, is followed
    directly by the next heading, where MkDocs' own reading of a raw block leaves a blank line."""
    plan = plan_site(Project.at(multi_project), Environment(TODAY))
    followed = [
        (lang, page, block) for lang in plan.languages for page in plan.pages[lang] for block in page.html_blocks[:-1]
    ]
    assert len(followed) >= 3
    for lang, page, block in followed:
        built = (multi_project / "site" / lang / page.path.replace(".md", ".html")).read_text(encoding="utf-8")
        assert f"{block}\n<h" in built, (lang, page.path)
