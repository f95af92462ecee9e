"""A Markdown extension: every table can take keyboard focus.

A table wider than a phone's screen scrolls sideways inside the page (the
stylesheet shows a shadow at the edge that hides columns); a keyboard can
scroll it only if it can take focus (WCAG 2.1.1, axe-core
scrollable-region-focusable). Material's script would wrap tables in a
scrolling box, but the pages load no script until search is used.

>>> import markdown
>>> markdown.markdown("| a |\\n| --- |\\n| 1 |", extensions=["tables", ScrollTables()])[:28]
'<table tabindex="0">\\n<thead>'
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor


class _Focusable(Treeprocessor):
    def run(self, root: Element) -> None:
        for table in root.iter("table"):
            table.set("tabindex", "0")


class ScrollTables(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Focusable(md), "seloste_scroll_tables", 0)
