"""The Markdown extensions the adapter adds to MkDocs' own: four small changes to how a page is read.

- `AddressLinks`: a link whose text is its own address is marked as such.
  Print shows each link's address after its text; a link that already reads
  as its address (`https://tietosuoja.fi`, an e-mail address) gets the class
  `seloste-address`, and the print stylesheet leaves it alone, so no address
  prints twice.
- `ScrollTables`: every table can take keyboard focus. A table wider than
  the screen scrolls sideways inside the page (the stylesheet shows a
  shadow at the edge that hides columns); a keyboard can scroll it only if it
  can take focus (WCAG 2.1.1, axe-core scrollable-region-focusable). Each
  cell carries its column's name (`data-label`): on a phone the stylesheet
  shows a row as a card, each cell under that name, so no column hides.
  Material's script would wrap tables in a scrolling box, but the pages load
  no script until search is used.
- `FinishedHtml`: HTML the generator built itself goes into the page as it
  is. A diff page is mostly HTML blocks from an autoescaped template
  (words/templates/files/diff.html.j2). Markdown would read each of them
  twice with Python's HTML parser, once for MkDocs' anchor scan and once to
  find where the raw block ends, only to copy it out unchanged: for a site's
  diff pages that is most of their cost in MkDocs. Given those blocks, this
  stores each one where it stands as a block already read, before either
  parser runs. The page is the same HTML, less a blank line after each block:
  a block is taken only where it stands whole between blank lines, as the
  template writes it; anything else is read as before.

- `Inert`: a page's Markdown comes from released text, which is untrusted
  input whatever the lock says (a release folder can be made by hand), so it
  makes no markup beyond what the notice format documents: raw HTML
  is text, an image is its alternative text, a link goes to an `https:` or
  `mailto:` address or within the site, and no element keeps an attribute
  Markdown itself does not write (`{: onclick=... }` through attr_list).

>>> import markdown
>>> markdown.markdown("[https://a.fi](<https://a.fi>) [site](<https://a.fi>)", extensions=[AddressLinks()])
'<p><a class="seloste-address" href="https://a.fi">https://a.fi</a> <a href="https://a.fi">site</a></p>'
>>> markdown.markdown("| a |\\n| --- |\\n| 1 |", extensions=["tables", ScrollTables()])[:28]
'<table tabindex="0">\\n<thead>'
>>> markdown.markdown("| a |\\n| --- |\\n| 1 |", extensions=["tables", ScrollTables()])[-49:]
'<td data-label="a">1</td>\\n</tr>\\n</tbody>\\n</table>'
>>> block = '<div class="d">\\n<p>a &lt; b</p>\\n</div>'
>>> markdown.markdown(f"# T\\n\\n{block}\\n\\nText.", extensions=[FinishedHtml(lambda: (block,))])
'<h1>T</h1>\\n<div class="d">\\n<p>a &lt; b</p>\\n</div>\\n<p>Text.</p>'
>>> inert = ["attr_list", Inert()]
>>> markdown.markdown('<b>x</b> ![i](https://e.example/i.png) [a](javascript:alert)\\n{: onclick="x" }', extensions=inert)
'<p>&lt;b&gt;x&lt;/b&gt; i <span>a</span></p>'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown, util
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor


class _Mark(Treeprocessor):
    def run(self, root: Element) -> None:
        for anchor in root.iter("a"):
            href = (anchor.get("href") or "").removeprefix("mailto:").rstrip("/")
            text = "".join(anchor.itertext()).strip().rstrip("/")
            if href and text == href:
                anchor.set("class", " ".join(filter(None, ("seloste-address", anchor.get("class")))))


class AddressLinks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Mark(md), "seloste_address_links", 0)


class _Focusable(Treeprocessor):
    def run(self, root: Element) -> None:
        for table in root.iter("table"):
            table.set("tabindex", "0")
            names = ["".join(cell.itertext()).strip() for cell in table.iterfind("thead/tr/th")]
            for row in table.iterfind("tbody/tr"):
                for name, cell in zip(names, row.iterfind("td"), strict=False):  # a short row: its cells have names
                    cell.set("data-label", name)


class ScrollTables(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.treeprocessors.register(_Focusable(md), "seloste_scroll_tables", 0)


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


class _Inert(Treeprocessor):
    ATTRIBUTES = frozenset({"id", "class", "href", "title", "colspan", "rowspan", "align"})
    """What Markdown and its extensions here write (toc's ids, admonition's classes, tables' alignment)."""

    def run(self, root: Element) -> None:
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    _replace_with_text(parent, child, child.get("alt") or "")
        for element in root.iter():
            for name in list(element.attrib):
                if name not in self.ATTRIBUTES:
                    del element.attrib[name]
            if element.tag == "a" and not safe_address(element.get("href", "")):
                element.tag = "span"  # the words stay, as text: MkDocs expects an address on every link
                del element.attrib["href"]


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_IGNORED = re.compile(r"[\t\n\r]")
"""What browsers drop from an address before reading it (`java\tscript:` is javascript:)."""


def safe_address(value: str) -> bool:
    """Whether a link's address goes to an https: or mailto: address or within the site.

    >>> [safe_address(a) for a in ("https://a.fi", "mailto:a@b.fi", "../2026-01-01/", "#x", "page/")]
    [True, True, True, True, True]
    >>> [safe_address(a) for a in ("javascript:x", "java\\tscript:x", "&#106;avascript:x", "//evil.example",
    ...                            "/\\\\evil.example", "data:text/html,x", "http://a.fi", " javascript:x")]
    [False, False, False, False, False, False, False, False]
    """
    address = _IGNORED.sub("", html.unescape(value.replace(util.AMP_SUBSTITUTE, "&"))).lstrip("\x00- ")
    scheme = _SCHEME.match(address)
    if scheme:
        return scheme.group(1).lower() in ("https", "mailto")
    return not address.startswith(("//", "/\\", "\\"))


def _replace_with_text(parent: Element, child: Element, text: str) -> None:
    index = list(parent).index(child)
    text += child.tail or ""
    if index:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class Inert(Extension):
    """On every page: a page's own HTML is only what FinishedHtml hands over, built from autoescaped templates."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # after attr_list (8) and toc (5) have written their attributes, before the site's own (0)
        md.treeprocessors.register(_Inert(md), "seloste_inert", 1)


def seloste_extensions(blocks: Callable[[], tuple[str, ...]]) -> list[Extension]:
    """Seloste's extensions, in the order every page is converted with them (each registers at its own priority;
    `blocks` gives FinishedHtml the page's finished HTML)."""
    return [AddressLinks(), ScrollTables(), FinishedHtml(blocks), Inert()]
