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
  with an `automated_decision`, each with who decides and its consequences
  (#purpose-<id>), or `automated_decisions.exists` where no purpose names
  one (#automated-decisions); transfers outside the EU/EEA:
  the countries of `transfers`, or `transfers_outside_eea: true` where none
  is listed (#transfers); special categories (Art. 9) and criminal data
  (Art. 10): the data categories marked `special` or `criminal`, by purpose
  (#purpose-<id>, which gives the Art. 9(2) condition or the Art. 10 law;
  #data for those of no purpose); third-party marketing cookies: the cookies of `party: third`
  and `category: marketing` (#cookies);
- the controller and its contact details (#controller);
- each purpose and its legal bases, then its Art. 9(2) condition and Art. 10
  law, in the full text's words (#purpose-<id>);
- the rights granted, by their names (#rights), the rights of Art. 22(3)
  where a decision has them, and apart (Art. 21(4)) the objection to direct
  marketing.

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

from babel.support import Translations

from generator.notice.markup import Markdown, inline, plain
from generator.notice.model import AutomatedDecision, Contact, DataCategory, Name, Notice, Purpose, Recipient
from generator.words import form_notices, i18n, vocabulary
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
        Item(
            plain(texts.plain(p.name)),
            f"purpose-{p.id}",
            texts.sentences(
                [Markdown("; ".join(bases.legal_bases(p)))]
                + [inline(said) for said in form_notices.special_sentences(notice, p, bases)]
            ),
        )
        for p in notice.purposes
    ]
    c = notice.controller
    audience = notice.audience[lang] if notice.audience and lang in notice.audience else ""
    return render_template(
        "first_layer.md.j2",
        lang,
        locales,
        heading=Markdown(f"{inline(c.name)} – {inline(audience)}" if audience else inline(c.name)),
        controller=plain(c.name),
        contact=texts.contact(Contact(address=c.address, email=c.email, phone=c.phone, website=c.website)),
        notable=[item for item in notable(notice, texts, bases) if item.anchor in sections],
        purposes=[item for item in purposes if item.anchor in sections],
        rights=rights(notice, translations, lang) if "rights" in sections else "",
        direct_marketing=texts.say(vocabulary.DIRECT_MARKETING) if "rights" in sections and objects(notice) else "",
        sections=sections,
        full_text=Markdown(FULL_TEXT),
    )


def rights(notice: Notice, translations: Translations, lang: str) -> Markdown:
    """The rights the notice grants, by their names, the objection to direct marketing left to its own sentence
    (Art. 21(4)); and the rights of Art. 22(3) where a purpose's automated decision has them."""
    names = [
        translations.gettext(vocabulary.FIRST_LAYER_RIGHTS.get(right, vocabulary.RIGHTS[right][0]))
        for right in vocabulary.RIGHTS
        if right in notice.rights.granted and right != "object_direct_marketing"
    ]
    if any(d.exception in ("contract", "explicit_consent") for _, d in notice.purpose_decisions):
        names.append(translations.gettext(vocabulary.HUMAN_INTERVENTION))
    return inline(i18n.format_list([r[:1].lower() + r[1:] if i else r for i, r in enumerate(names)], lang))


def objects(notice: Notice) -> bool:
    """Whether the notice says that the person may object to direct marketing: among the rights, or for a
    purpose for direct marketing (its section says it)."""
    return "object_direct_marketing" in notice.rights.granted or any(p.direct_marketing for p in notice.purposes)


def notable(notice: Notice, texts: Texts, bases: Bases) -> list[Item]:
    """What WP260 rev.01 para. 36 asks the first layer to say first, where the notice says it (see above)."""
    found = [_decision(notice, p, d, texts, bases) for p, d in notice.purpose_decisions]
    if not found and notice.automated_decisions and notice.automated_decisions.exists:
        found.append(_item(texts, "automated_decisions", "automated-decisions", []))
    countries: list[str] = [texts.country(c) for c in dict.fromkeys(t.country for t in notice.transfers)]
    if countries or notice.transfers_outside_eea:
        found.append(_item(texts, "transfers", "transfers", countries))
    for flag in ("special", "criminal"):
        flagged = {c.id for c in notice.data_categories if getattr(c, flag)}
        told: set[str] = set()
        for p in notice.purposes:
            mine = [i for i in p.data_categories if i in flagged]
            if mine:
                told |= set(mine)
                found.append(_item(texts, flag, f"purpose-{p.id}", [str(texts.line(_name(notice, i))) for i in mine]))
        rest: list[str] = [texts.line(c.name) for c in notice.data_categories if c.id in flagged - told]
        if rest:
            found.append(_item(texts, flag, "data", rest))
    cookies: list[str] = [
        inline(plain(f"{c.name} ({texts.plain(c.provider)})" if c.name else texts.plain(c.provider)))
        for c in notice.cookies
        if c.party == "third" and c.category == "marketing"
    ]
    if cookies:
        found.append(_item(texts, "marketing_cookies", "cookies", cookies))
    return found


def _name(notice: Notice, category: str) -> Name:
    return notice.lookup(DataCategory)[category].name


def _decision(notice: Notice, purpose: Purpose, decision: AutomatedDecision, texts: Texts, bases: Bases) -> Item:
    """A purpose's decision based solely on automated processing: the purpose, who decides, and the consequences
    the full text gives (its section says them); "including profiling" only where it involves profiling."""
    who = (
        bases.recipient_name(notice.lookup(Recipient), decision.decided_by)
        if decision.decided_by
        else plain(notice.controller.name)
    )
    decides = texts.say(vocabulary.FIRST_LAYER_DECIDERS["decides"], decider=who)
    consequences = f"; {texts.line(decision.consequences)}" if decision.consequences else ""
    said = Markdown(f"{inline(plain(texts.plain(purpose.name)))} – {decides}{consequences}")
    label = "automated_decisions_profiling" if decision.profiling else "automated_decisions"
    return Item(texts.gettext(vocabulary.NOTABLE[label]), f"purpose-{purpose.id}", Markdown(said))


def _item(texts: Texts, label: str, anchor: str, values: list[str]) -> Item:
    """A point of those said first: its label (vocabulary.NOTABLE), its section, what it names (Markdown)."""
    return Item(texts.gettext(vocabulary.NOTABLE[label]), anchor, texts.list_of(values))
