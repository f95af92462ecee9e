"""A Markdown extension: HTML the generator built itself goes into the page as it is.

A diff page is mostly HTML blocks from an autoescaped template
(templates/files/diff.html.j2). Markdown would read each of them twice with
Python's HTML parser, once for MkDocs' anchor scan and once to find where the
raw block ends, only to copy it out unchanged: for a site's diff pages that
is most of their cost in MkDocs. Given those blocks, this stores each one
where it stands as a block already read, before either parser runs. The page
is the same HTML, less a blank line after each block: a block is taken only
where it stands whole between blank lines, as the template writes it;
anything else is read as before.

>>> import markdown
>>> block = '<div class="d">\\n<p>a &lt; b</p>\\n</div>'
>>> markdown.markdown(f"# T\\n\\n{block}\\n\\nText.", extensions=[FinishedHtml(lambda: (block,))])
'<h1>T</h1>\\n<div class="d">\\n<p>a &lt; b</p>\\n</div>\\n<p>Text.</p>'
"""

from __future__ import annotations

from typing import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class _Store(Preprocessor):
    def __init__(self, md: Markdown, blocks: Callable[[], tuple[str, ...]]):
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        blocks = self.blocks()
        if not blocks:
            return lines
        text = "\n" + "\n".join(lines) + "\n"
        for block in blocks:
            whole = f"\n\n{block}\n\n"
            if whole in text:
                text = text.replace(whole, f"\n\n{self.md.htmlStash.store(block)}\n\n", 1)
        return text[1:-1].split("\n")


class FinishedHtml(Extension):
    """`blocks()` gives the HTML blocks of the page being converted (none: Markdown reads it all)."""

    def __init__(self, blocks: Callable[[], tuple[str, ...]]):
        super().__init__()
        self.blocks = blocks

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # after whitespace is normalised (30), before MkDocs' anchor scan (21) and the raw HTML blocks (20)
        md.preprocessors.register(_Store(md, self.blocks), "seloste_finished_html", 25)
