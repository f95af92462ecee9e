"""The notice template's filters, in families: each turns the notice's values into safe Markdown in one language.

A filter's answer is `Markdown` (already escaped, see notice/markup.py) or
plain text that the template's `finalize` escapes. The families share
`Words`, the language's own small words (a line of text, a link, a catalog
sentence); each family adds the sentences of one part of the notice, so a new
field's sentence goes to the family of its part:

- `Texts`: the notice's texts, names, addresses, countries and dates;
- `Bases`: purposes and the law they rest on (legal bases, provision of data,
  special and criminal data, automated decisions);
- `Retention`: how long data is kept;
- `Transfers`: the Commission's adequacy decisions;
- `Cookies`: the cookie table and the consent sentences;
- `References`: the items a field names by id.

>>> from generator.words import i18n
>>> f = filters("sv", i18n.translations(PROJECT.locales, "sv"))
>>> f["line"]({"fi": "Asiakkaat", "sv": "Kunder", "en": "Customers"}), f["country"]("US")
('Kunder', 'USA')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from babel.support import Translations

from generator.notice import adequacy
from generator.notice.languages import SUPPORTED
from generator.notice.markup import Markdown, inline, paragraphs
from generator.notice.model import (
    Contact,
    Cookie,
    DataCategory,
    Name,
    Notice,
    Purpose,
    Recipient,
    Source,
    Text,
    Transfer,
    references,
)
from generator.notice.model import (
    Retention as RetentionRule,
)
from generator.words import i18n, vocabulary

SENTENCE_END = re.compile(r"[.!?…](?:\\?[)\]\"'”’»])*$")
"""The end of a sentence in Markdown: a full stop, question or exclamation mark, then any closing
brackets or quotes (escaped or not)."""


def filters(lang: str, translations: Translations) -> dict[str, Callable[..., Any]]:
    """Every filter of every family, by the name templates use."""
    found: dict[str, Callable[..., Any]] = {}
    for family in (Texts, Bases, Retention, Transfers, Cookies, References):
        found.update(family(lang, translations).filters())
    return found


@dataclass(frozen=True)
class CookieTable:
    """What is known of the cookies: the columns some cookie fills, a row of Markdown cells
    per cookie, and whether every row fills every column (then it is a table, else a list)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Markdown], ...]

    @property
    def complete(self) -> bool:
        return all(row[column] for row in self.rows for column in self.columns)


class Words:
    """The small words of one language that every family uses."""

    NAMES: tuple[str, ...] = ()
    """The methods templates use as filters, by the same name."""

    def __init__(self, lang: str, translations: Translations):
        self.lang = lang
        self.translations = translations
        self.gettext = translations.gettext

    def filters(self) -> dict[str, Callable[..., Any]]:
        return {name: getattr(self, name) for name in self.NAMES}

    def line(self, text: Name | None) -> Markdown:
        """A text in this language, or a name written once."""
        if isinstance(text, str):
            return inline(text)
        return inline(text[self.lang]) if text else Markdown("")

    def say(self, message: str, **values: str) -> Markdown:
        """A catalog sentence with plain-text values in its placeholders, escaped as one line."""
        return inline(self.gettext(message) % values if values else self.gettext(message))

    def plain(self, name: Name) -> str:
        return name if isinstance(name, str) else name[self.lang]

    def list_of(self, items: list[str], style: i18n.ListStyle = "standard") -> Markdown:
        return Markdown(i18n.format_list(items, self.lang, style))

    def sentences(self, parts: list[Markdown]) -> Markdown:
        """Sentences one after another: a full stop after each that does not already end one.

        >>> w = Words("en", i18n.translations(PROJECT.locales, "en"))
        >>> w.sentences([Markdown("a"), Markdown("Ask us."), Markdown("See (x.fi.)"), Markdown("Why?”"), Markdown("b")])
        'a. Ask us. See (x.fi.) Why?” b'
        """
        out = ""
        for part in (p for p in parts if p):
            if out:
                out += " " if SENTENCE_END.search(out) else ". "
            out += part
        return Markdown(out)

    def linked(self, message: str, **links: tuple[str, str]) -> Markdown:
        """A catalog sentence whose placeholders are links (a catalog text, an address), escaped as one line.

        >>> w = Words("en", i18n.translations(PROJECT.locales, "en"))
        >>> w.linked("See %(here)s, *now*.", here=("Controller", "#controller"))
        'See [Controller](<#controller>), \\\\*now\\\\*.'
        """
        marked = re.sub(r"%\((\w+)\)s", lambda m: f"\0{m.group(1)}\0", self.gettext(message)).replace("%%", "%")
        return Markdown(
            re.sub(
                "\0(\\w+)\0",
                lambda m: f"[{inline(self.gettext(links[m.group(1)][0]))}](<{links[m.group(1)][1]}>)",
                inline(marked),
            )
        )

    def name_of(self, item: Any) -> Markdown:
        return inline(self.name_text(item))

    def name_text(self, item: Any) -> str:
        """An item's name in this language, as plain text; a Finnish authority whose name is written once
        gets its official name in this language (vocabulary.FINNISH_AUTHORITIES)."""
        name = item.name
        if isinstance(item, Recipient) and item.role == "authority" and isinstance(name, str):
            known = vocabulary.FINNISH_AUTHORITIES.get(" ".join(name.split()).casefold())
            if known and self.lang in known:
                return known[self.lang]
        return self.plain(name)


class Texts(Words):
    NAMES = (
        "line",
        "para",
        "email",
        "url",
        "contact",
        "entry",
        "label",
        "country",
        "date",
        "prevailing",
        "name",
        "rights_contact_fallback",
    )

    def para(self, text: Text | None) -> Markdown:
        return paragraphs(text[self.lang]) if text else Markdown("")

    def email(self, address: str | None) -> Markdown:
        return Markdown(f"[{inline(address)}](<mailto:{address}>)") if address else Markdown("")

    def url(self, address: str | Text | None) -> Markdown:
        """A web address, the one for this language where there is one per language."""
        if isinstance(address, Text):
            address = address[self.lang]
        return Markdown(f"[{inline(address)}](<{address}>)") if address else Markdown("")

    def contact(self, person: Contact | Any) -> Markdown:
        parts = [
            self.line(getattr(person, "name", None)),
            self.line(getattr(person, "address", None)),
            self.email(person.email),
            inline(person.phone or ""),
            self.url(getattr(person, "website", None)),
        ]
        return Markdown(", ".join(part for part in parts if part))

    def entry(self, value: Any) -> Markdown:
        """A list entry's value after its label: inline, or a nested list when there are several."""
        if isinstance(value, tuple):
            if len(value) == 1:
                return Markdown(" " + value[0])
            return Markdown("".join(f"\n    - {item}" for item in value))
        return Markdown(" " + (value if isinstance(value, Markdown) else inline(value)))

    def label(self, text: Any) -> Markdown:
        """A bold label at the start of a list item that a sentence follows: capitalised."""
        value = text if isinstance(text, Markdown) else self.line(text)
        return Markdown(value[:1].upper() + value[1:])

    def name(self, item: Any) -> Markdown:
        return self.name_of(item)

    def rights_contact_fallback(self, notice: Notice) -> Markdown:
        """Where the notice names no contact for requests: they go to the controller, whose section is linked
        when it gives contact details."""
        c = notice.controller
        if not (c.address or c.email or c.phone or c.website):
            return self.say(vocabulary.RIGHTS_CONTACT_FALLBACK["bare"])
        return self.linked(
            vocabulary.RIGHTS_CONTACT_FALLBACK["details"], controller=(vocabulary.CONTROLLER_SECTION, "#controller")
        )

    def country(self, code: str) -> Markdown:
        return inline(i18n.country_name(code, self.lang))

    def date(self, value: Any) -> str:
        """Plain text: a date usually fills a sentence's placeholder, which is escaped as a whole."""
        return i18n.format_date(value, self.lang)

    def prevailing(self, notice: Notice) -> str:
        """Which version prevails; the sentence names the languages only when it is all of them."""
        every = set(notice.languages) == set(SUPPORTED)
        sentences = vocabulary.PREVAILING_LANGUAGE if every else vocabulary.PREVAILING_LANGUAGE_OF_SOME
        assert notice.prevailing_language is not None  # the template asks only when the notice names one
        return self.gettext(sentences[notice.prevailing_language])


class Bases(Words):
    NAMES = ("legal_bases", "basis_label", "provision", "decision", "decision_safeguards", "flagged")

    def legal_bases(self, purpose: Purpose) -> tuple[Markdown, ...]:
        """Each basis, after what it covers; alternatives joined with "or", never "and".

        What a basis covers always precedes it in the value ("covers: basis"), one basis or several; the label
        stays "Legal basis", so the label never repeats in brackets what the value then says.
        """
        out = []
        for item in purpose.legal_bases:
            names = self.list_of([inline(self.gettext(vocabulary.LEGAL_BASES[b])) for b in item.bases], "or")
            out.append(Markdown(f"{self.line(item.covers)}: {names}" if item.covers else names))
        return tuple(out)

    def basis_label(self, purpose: Purpose) -> Markdown:
        """ "Legal basis" or "Legal bases"; what a basis covers goes in the value (`legal_bases`)."""
        # NOTE: A label before one legal basis or a list of them; alternatives ("a or b") count as one basis.
        return inline(self.translations.ngettext("Legal basis", "Legal bases", len(purpose.legal_bases)))

    def provision(self, purpose: Purpose) -> Markdown:
        given = purpose.provision
        if given is None:
            return Markdown("")
        sentences = [self.say(vocabulary.PROVISION[given.required_by])]
        if given.obligatory is not None:
            sentences.append(self.say(vocabulary.OBLIGATORY[given.obligatory]))
        return Markdown(" ".join(sentences))

    @jinja2.pass_context
    def decision(self, context: Any, purpose: Purpose) -> Markdown:
        """Who makes the purpose's automated decisions, whether they involve profiling, and why they are allowed."""
        given = purpose.automated_decision
        if given is None:
            return Markdown("")
        recipients = context["n"].lookup(Recipient)
        if given.decided_by:
            who = self.recipient_name(recipients, given.decided_by)
            sentences = [self.say(vocabulary.DECIDERS["recipient"], recipient=who)]
        else:
            sentences = [self.say(vocabulary.DECIDERS["controller"])]
        if given.profiling:
            sentences.append(self.say(vocabulary.PROFILING))
        if given.exception:
            sentences.append(self.say(vocabulary.DECISION_EXCEPTIONS[given.exception]))
        return Markdown(" ".join(sentences))

    @jinja2.pass_context
    def decision_safeguards(self, context: Any, purpose: Purpose) -> Markdown:
        """The data subject's rights of Art. 22(3), in full, where the decision rests on a contract or on explicit
        consent (Art. 22(2)(a) and (c)); a decision authorised by law has the safeguards that law lays down."""
        given = purpose.automated_decision
        if given is None or given.exception not in ("contract", "explicit_consent"):
            return Markdown("")
        if given.decided_by:
            who = self.recipient_name(context["n"].lookup(Recipient), given.decided_by)
            return self.say(vocabulary.DECISION_SAFEGUARDS["recipient"], recipient=who)
        return self.say(vocabulary.DECISION_SAFEGUARDS["controller"])

    def recipient_name(self, recipients: dict[str, Recipient], key: str) -> str:
        """A recipient's name as plain text, for a sentence's placeholder."""
        return self.name_text(recipients[key]) if key in recipients else key

    @jinja2.pass_context
    def flagged(self, context: Any, purpose: Purpose, flag: str) -> Markdown:
        """The purpose's data categories marked special (Art. 9) or criminal (Art. 10)."""
        known = context["n"].lookup(DataCategory)
        return self.list_of(
            [self.line(known[i].name) for i in purpose.data_categories if i in known and getattr(known[i], flag)]
        )


class Retention(Words):
    NAMES = ("retention_rules",)

    ENDINGS = ("consent_withdrawn", "objection")
    """Events that end the processing on one legal basis each (consent, Art. 7(3); legitimate interests, Art. 21):
    where a purpose's bases are alternatives, only one of them applies, so only one of these rules does."""

    @jinja2.pass_context
    def retention_rules(self, context: Any, purpose: Purpose) -> tuple[Markdown, ...]:
        """Each retention rule, once: the data it is for, then the period and the event it runs from. Rules that
        keep all the data "until" the end of one alternative basis each (withdrawal of consent, objection) are
        alternatives too: one line, joined with "or"."""
        known = context["n"].lookup(DataCategory)
        alternative = any(len(item.bases) > 1 for item in purpose.legal_bases)
        out: list[Markdown] = []
        endings: list[str] = []
        at = 0
        for rule in purpose.retention:
            data = self.line(rule.label) or self.list_of(
                [self.line(known[i].name) if i in known else inline(i) for i in rule.data]
            )
            text = "; ".join(part for part in (self.kept_for(rule), self.line(rule.criterion)) if part)
            if rule.law:
                text = f"{text} ({self.line(rule.law)})"
            if alternative and rule.event in self.ENDINGS and not (data or rule.period or rule.criterion or rule.law):
                if not endings:
                    at = len(out)
                endings.append(Markdown(text))
                continue
            out.append(Markdown(f"{data}: {text}" if data else text))
        if len(endings) > 1:
            out.insert(at, self.list_of(endings, "or"))
        elif endings:
            out.insert(at, Markdown(endings[0]))
        return tuple(out)

    def kept_for(self, rule: RetentionRule) -> Markdown:
        period = i18n.format_duration(rule.period, self.lang) if rule.period else None
        if rule.event:
            with_period, alone = vocabulary.RETENTION_EVENTS[rule.event]
            if period:
                return self.say(with_period, period=period)
            return self.say(alone) if rule.event != "collected" else Markdown("")
        return inline(period) if period else Markdown("")


class Transfers(Words):
    NAMES = ("adequacy_decision", "transfer")

    @jinja2.pass_context
    def transfer(self, context: Any, transfer: Transfer) -> Markdown:
        """What follows a transfer's country and recipient: the safeguard, how to get a copy, the adequacy
        decision; each sentence ends once, whatever the author's copy text ends with."""
        recipients = context["n"].lookup(Recipient)
        who = self.name_text(recipients[transfer.recipient]) if transfer.recipient in recipients else None
        safeguard = self.say(vocabulary.SAFEGUARDS[transfer.safeguard]) if transfer.safeguard else Markdown("")
        if transfer.safeguard == "derogation" and transfer.derogation:
            safeguard = Markdown(f"{safeguard}: {self.say(vocabulary.DEROGATIONS[transfer.derogation])}")
        parts = [
            safeguard,
            self.line(transfer.copy),
            self.adequacy_decision(transfer, who),
        ]
        said = self.sentences(parts)
        return Markdown(f": {said}") if said else said

    def adequacy_decision(self, transfer: Transfer, recipient: str | None = None) -> Markdown:
        """The Commission's adequacy decision for the country, whenever there is one (Art. 13(1)(f)); a decision
        that covers only some recipients (Art. 45(1): "one or more specified sectors") is named with its scope."""
        found = adequacy.load().of(transfer.country)
        if found is None:
            return Markdown("")
        values = {"decision": self.decision_title(found)}
        if found.renewed:
            values["renewed"] = i18n.format_date(found.renewed, self.lang)
        if not found.partial:
            return self.say(vocabulary.ADEQUACY["renewed" if found.renewed else "full"], **values)
        values["scope"] = found.scope_in(self.lang)
        if transfer.certified and recipient:
            return self.say(vocabulary.ADEQUACY["covered"], recipient=recipient, **values)
        if transfer.certified:
            return self.say(vocabulary.ADEQUACY["covered_unnamed"], **values)
        return self.say(vocabulary.ADEQUACY["partial"], **values)

    def decision_title(self, found: adequacy.Decision) -> str:
        """The decision's title, number and date as plain text: "Commission Implementing Decision (EU) 2023/1795
        of 10 July 2023" where the list says it is an implementing decision, else "Commission Decision ..."."""
        title = vocabulary.DECISION_TITLES["implementing" if found.kind == "implementing" else "decision"]
        return self.gettext(title) % {"number": found.decision, "date": i18n.format_date(found.adopted, self.lang)}


class Cookies(Words):
    NAMES = ("cookie_table", "by_consent")

    def duration(self, value: str | None) -> Markdown:
        if not value:
            return Markdown("")
        # NOTE: A cookie's duration: it is deleted when the browser is closed.
        return inline(self.gettext("session") if value == "session" else i18n.format_duration(value, self.lang))

    def cookie_table(self, cookies: tuple[Cookie, ...]) -> CookieTable | None:
        """The cookies' known facts; a fact no cookie states has no column (never a cell of dashes)."""
        if not cookies:
            return None
        rows = tuple(
            {
                "name": inline(c.name or ""),
                "provider": Markdown(
                    self.line(c.provider)
                    + (f" ({inline(self.gettext(vocabulary.COOKIE_PARTIES[c.party]))})" if c.party else "")
                ),
                "purpose": self.line(c.purpose),
                "category": inline(self.gettext(vocabulary.COOKIE_CATEGORIES[c.category]))
                if c.category
                else Markdown(""),
                "duration": self.duration(c.duration),
            }
            for c in cookies
        )
        return CookieTable(
            tuple(column for column in vocabulary.COOKIE_COLUMNS if any(row[column] for row in rows)), rows
        )

    def by_consent(self, cookies: tuple[Cookie, ...], needed: bool) -> Markdown:
        """The sentence naming the cookies that do (or do not) need consent (917/2014 s. 205); empty when there
        are none. %(cookies)s is a cookie's name or a list of them, e.g. "_ga and ads_id"."""
        named = [c.label for c in cookies if c.needs_consent is needed]
        if not named:
            return Markdown("")
        listed = i18n.format_list([self.plain(label) for label in named], self.lang)
        if needed:
            message = self.translations.ngettext(
                "The %(cookies)s cookie is set only if you consent.",
                "The %(cookies)s cookies are set only if you consent.",
                len(named),
            )
        else:
            # NOTE: Strictly necessary cookies, or those the notice says need no consent.
            message = self.translations.ngettext(
                "The %(cookies)s cookie is set without consent.",
                "The %(cookies)s cookies are set without consent.",
                len(named),
            )
        return inline(message % {"cookies": listed})


class References(Words):
    NAMES = ("names", "source_entry", "named_public")

    def named_public(self, source: Source) -> bool:
        """Whether the source's name, in this language, already says that it is public (then the page does not
        add "publicly accessible source" after it)."""
        name = self.plain(source.name).casefold()
        return any(word in name for word in vocabulary.PUBLIC_WORDS.get(self.lang, ()))

    @jinja2.pass_context
    def names(self, context: Any, item: Any, field: str) -> Markdown:
        """The names of the items that `item.field` refers to by id (the model says of which kind)."""
        ids = getattr(item, field)
        ids = (ids,) if isinstance(ids, str) else ids or ()
        found = context["n"].lookup(references(type(item))[field])
        return self.list_of([self.name_of(found[i]) if i in found else inline(i) for i in ids])

    @jinja2.pass_context
    def source_entry(self, context: Any, source: Source) -> Markdown:
        """What follows a source's name: its description, then the personal data obtained from it (Art. 14(2)(f))."""
        known = context["n"].lookup(DataCategory)
        data = i18n.format_list([self.plain(known[i].name) if i in known else i for i in source.data], self.lang)
        return self.sentences(
            [self.line(source.description), self.say(vocabulary.SOURCE_DATA, data=data) if data else Markdown("")]
        )
