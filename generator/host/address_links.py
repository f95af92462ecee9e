"""A Markdown extension: a link whose text is its own address is marked as such.

Print shows each link's address after its text; a link that already reads as
its address (`https://tietosuoja.fi`, an e-mail address) gets the class
`seloste-address`, and the print stylesheet leaves it alone, so no address
prints twice.

>>> import markdown
>>> markdown.markdown("[https://a.fi](<https://a.fi>) [site](<https://a.fi>)", extensions=[AddressLinks()])
'<p><a class="seloste-address" href="https://a.fi">https://a.fi</a> <a href="https://a.fi">site</a></p>'
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
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
