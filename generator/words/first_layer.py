"""The first layer of a release: the notice in brief, each point linking to its section of the full text.

WP260 rev.01 paras. 35-36 ask for layered information: a first layer that
gives the controller's identity, the purposes, the rights, and the processing
with the most impact on the person or that would surprise them, linking to the
full notice, the layers never contradicting each other. `release` writes it
from the same notice as the full text and freezes it beside it
(first-layer.<lang>.md); a release made before has none, and its site derives
it from the release's notice.json with the words of the day
(record/releases.py, `first_layer_of`).

What it says, in this order, and where each item comes from:

- first (WP260 rev.01 para. 36), each only where the notice says it:
  decisions based solely on automated processing (Art. 22): the purposes
  with an `automated_decision`, or `automated_decisions.exists` where no
  purpose names one (#automated-decisions); transfers outside the EU/EEA:
  the countries of `transfers`, or `transfers_outside_eea: true` where none
  is listed (#transfers); special categories (Art. 9) and criminal data
  (Art. 10): the data categories marked `special` or `criminal` (#data, which
  marks each); third-party marketing cookies: the cookies of `party: third`
  and `category: marketing` (#cookies);
- the controller and its contact details (#controller);
- each purpose and its legal bases, in the full text's words
  (#purpose-<id>);
- the rights granted, by their names (#rights).

Every sentence is from the catalogs, and every value is said as the full text
says it (the same filters). A point whose section the full text lacks (an older
release's text, made by other templates) is left out: the first layer says
nothing the full text does not, and `unsaid` checks that of a frozen one.

>>> from generator.notice.model import Notice
>>> n = Notice.from_data({"seloste": 2, "controller": {"name": "Shop Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}},
...     "transfers_outside_eea": True, "transfers": [{"country": "US"}],
...     "purposes": [{"id": "orders", "name": {"fi": "Tilaukset", "sv": "Order", "en": "Orders"},
...                   "legal_bases": [{"basis": "contract"}]}]})
>>> said = markdown(n, "en", PROJECT.locales, frozenset({"controller", "transfers", "purpose-orders"}))
>>> print(said[said.index("## Please"):], end="")
## Please note in particular
<BLANKLINE>
- **[Transfers outside the EU/EEA](<../#transfers>):** United States
<BLANKLINE>
## Controller
<BLANKLINE>
[Shop Oy](<../#controller>)
<BLANKLINE>
## Purposes of processing and legal bases
<BLANKLINE>
- [Orders](<../#purpose-orders>): performance of a contract (Art. 6(1)(b))
<BLANKLINE>
[Read the full privacy notice](<../>)
>>> unsaid(said, "## Purposes { #purposes }\\n### Orders { #purpose-orders }\\n")
('transfers', 'controller')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.notice.markup import Markdown, inline, plain
from generator.notice.model import Contact, Notice
from generator.words import i18n, vocabulary
from generator.words.filters import Bases, Texts
from generator.words.render import render_template

FULL_TEXT = "../"
"""The full text of the same release, from the first layer's page (<id>/in-brief/, or in-brief/ of the version
in force beside the notice in force)."""

_HEADING_ID = re.compile(r"^#+ .*\{ #([a-z0-9-]+) \}$", re.M)
"""A heading of a rendered text with its fixed id, as the notice template writes it: `## Controller { #controller }`."""
_SECTION_LINK = re.compile(r"\]\(<\.\./#([^>]*)>\)")
"""A link of a first layer to a section of the full text: `](<../#rights>)`."""


def anchors(text: str) -> frozenset[str]:
    """The ids of the sections of a rendered text (its headings' fixed ids).

    >>> sorted(anchors("# T\\n\\n## Controller { #controller }\\n\\nSee { #x }\\n### A { #purpose-a }\\n"))
    ['controller', 'purpose-a']
    """
    return frozenset(_HEADING_ID.findall(text))


def unsaid(first_layer: str, full_text: str) -> tuple[str, ...]:
    """The sections a first layer links that its full text does not have, in the order it links them: none, for a
    first layer that says nothing the full text does not (each purpose it lists links the purpose's section)."""
    have = anchors(full_text)
    return tuple(dict.fromkeys(anchor for anchor in _SECTION_LINK.findall(first_layer) if anchor not in have))


@dataclass(frozen=True)
class Item:
    """One point of the first layer: its words, the section of the full text it links, what it says."""

    label: str
    anchor: str
    value: Markdown = Markdown("")


def markdown(notice: Notice, lang: str, locales: Path, sections: frozenset[str]) -> str:
    """The first layer of `notice` in `lang` as Markdown, its first line the heading; `sections` are the ids of the
    sections of the full text it goes with (`anchors`): a point whose section is not among them is left out."""
    translations = i18n.translations(locales, lang)
    texts, bases = Texts(lang, translations), Bases(lang, translations)
    purposes = [
        Item(plain(texts.plain(p.name)), f"purpose-{p.id}", Markdown("; ".join(bases.legal_bases(p))))
        for p in notice.purposes
    ]
    rights = [
        translations.gettext(vocabulary.RIGHTS[right][0])
        for right in vocabulary.RIGHTS
        if right in notice.rights.granted
    ]
    c = notice.controller
    return render_template(
        "first_layer.md.j2",
        lang,
        locales,
        heading=c.name,
        controller=plain(c.name),
        contact=texts.contact(Contact(address=c.address, email=c.email, phone=c.phone, website=c.website)),
        notable=[item for item in notable(notice, texts) if item.anchor in sections],
        purposes=[item for item in purposes if item.anchor in sections],
        rights=inline(i18n.format_list([r[:1].lower() + r[1:] if i else r for i, r in enumerate(rights)], lang))
        if "rights" in sections
        else "",
        sections=sections,
        full_text=Markdown(FULL_TEXT),
    )


def notable(notice: Notice, texts: Texts) -> list[Item]:
    """What WP260 rev.01 para. 36 asks the first layer to say first, where the notice says it (see above)."""
    found = []
    decided: list[str] = [inline(plain(texts.plain(p.name))) for p, _ in notice.purpose_decisions]
    if decided or (notice.automated_decisions and notice.automated_decisions.exists):
        found.append(_item(texts, "automated_decisions", "automated-decisions", decided))
    countries: list[str] = [texts.country(c) for c in dict.fromkeys(t.country for t in notice.transfers)]
    if countries or notice.transfers_outside_eea:
        found.append(_item(texts, "transfers", "transfers", countries))
    for flag in ("special", "criminal"):
        named: list[str] = [texts.line(c.name) for c in notice.data_categories if getattr(c, flag)]
        if named:
            found.append(_item(texts, flag, "data", named))
    cookies: list[str] = [
        inline(plain(f"{c.name} ({texts.plain(c.provider)})" if c.name else texts.plain(c.provider)))
        for c in notice.cookies
        if c.party == "third" and c.category == "marketing"
    ]
    if cookies:
        found.append(_item(texts, "marketing_cookies", "cookies", cookies))
    return found


def _item(texts: Texts, label: str, anchor: str, values: list[str]) -> Item:
    """A point of those said first: its label (vocabulary.NOTABLE), its section, what it names (Markdown)."""
    return Item(texts.gettext(vocabulary.NOTABLE[label]), anchor, texts.list_of(values))
