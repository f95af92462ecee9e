"""Render a Notice into Markdown, one language at a time.

Jinja2 templates hold the structure; every fixed string goes through the
gettext catalog of the language; every value from the YAML is escaped by
`markup.finalize` unless a filter here has already made it safe Markdown.
Rendering is pure: the same notice, templates and catalogs give the same text.

>>> from generator.notice.model import Notice
>>> n = Notice.from_data({"seloste": 2, "controller": {"name": "Example <Oy>"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}})
>>> render_notice(n, "sv", PROJECT.locales).splitlines()[0]
'# Dataskyddsbeskrivning: Example &lt;Oy&gt;'

Files that are not pages (the language chooser, the 404 page, the Atom feed,
the diff's markup) are HTML or XML: `render_file` renders them with
autoescaping, so a value from the YAML is always text there.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
from babel.support import Translations

from generator.notice import adequacy
from generator.words import compiled_templates, i18n, vocabulary
from generator.notice.markup import Markdown, finalize, inline, paragraphs
from generator.notice.languages import SUPPORTED
from generator.notice.model import Contact, Cookie, DataCategory, Name, Notice, Purpose, Recipient, Retention, Text, Transfer, references

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

FINNISH_AUTHORITY = Contact(
    name=Text(fi="Tietosuojavaltuutetun toimisto", sv="Dataombudsmannens byrå",
              en="Office of the Data Protection Ombudsman"),
    address=Text(fi="PL 800, 00531 Helsinki", sv="PB 800, 00531 Helsingfors", en="P.O. Box 800, FI-00531 Helsinki"),
    phone="029 566 6700",
    website=Text(fi="https://tietosuoja.fi", sv="https://tietosuoja.fi/sv", en="https://tietosuoja.fi/en"),
)
"""The default supervisory authority (../shared/gdpr-terms.md §3)."""


def supervisory_authority(given: Contact | None) -> Contact:
    """The authority the page names: the Finnish office's details, with what the notice gives in their place.

    A notice that names the authority only in part still means the Finnish office; one that names
    another authority keeps none of the office's details.

    >>> supervisory_authority(Contact(email="x@example.fi")).phone
    '029 566 6700'
    >>> supervisory_authority(Contact(name="Integritetsskyddsmyndigheten")).phone is None
    True
    """
    if given is None:
        return FINNISH_AUTHORITY
    if given.name is not None and not _same_name(given.name, FINNISH_AUTHORITY.name):
        return given
    kept = {spec.name: getattr(given, spec.name) if getattr(given, spec.name) is not None
            else getattr(FINNISH_AUTHORITY, spec.name) for spec in dataclasses.fields(Contact) if spec.name != "at"}
    return Contact(**kept, at=given.at)


def _same_name(name: Name, default: Name | None) -> bool:
    """Whether a name given for the authority is the default's, in any of its languages."""
    assert isinstance(default, Text)
    values = {name} if isinstance(name, str) else set(name.values())
    return bool({" ".join(v.split()).casefold() for v in values}
                & {" ".join(v.split()).casefold() for v in default.values()})


@dataclass(frozen=True)
class CookieTable:
    """What is known of the cookies: the columns some cookie fills, a row of Markdown cells
    per cookie, and whether every row fills every column (then it is a table, else a list)."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Markdown], ...]

    @property
    def complete(self) -> bool:
        return all(row[column] for row in self.rows for column in self.columns)


def render_notice(notice: Notice, lang: str, locales: Path) -> str:
    """The whole notice in `lang` as Markdown."""
    return _tidy(environment(lang, locales).get_template("notice.md.j2").render(n=notice))


def render_template(name: str, lang: str, locales: Path, **context: Any) -> str:
    """Any other page template (changelog, banners) in `lang`."""
    return _tidy(environment(lang, locales).get_template(name).render(**context))


def render_file(name: str, language: str, locales: Path, **context: Any) -> str:
    """An HTML or XML file from templates/files/, autoescaped, in `language`."""
    translations = i18n.translations(locales, language)
    return _files_environment(language, translations).get_template(f"files/{name}").render(**context)


def translate(message: str, lang: str, locales: Path, **values: Any) -> str:
    """One message of the catalog in `lang`, with its placeholders filled."""
    text = i18n.translations(locales, lang).gettext(message)
    return text % values if values else text


def _tidy(markdown: str) -> str:
    """One blank line between blocks, whatever the template's conditionals left."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def environment(lang: str, locales: Path) -> jinja2.Environment:
    """A Jinja2 environment whose gettext, filters and globals speak `lang`.

    Keyed on the compiled catalog, which i18n recompiles when its .po file
    changes: a catalog edit shows in the next `make serve` rebuild.
    """
    return _environment(lang, i18n.translations(locales, lang))


def compile_templates(locales: Path, languages: tuple[str, ...]) -> None:
    """Compile every template for every language now: the language builds forked after this inherit them,
    and a template is compiled once, not once for each language (languages share the compiled code)."""
    for lang in languages:
        translations = i18n.translations(locales, lang)
        markdown, files = _environment(lang, translations), _files_environment(lang, translations)
        for name in markdown.list_templates(extensions=["j2"]):
            (files if name.startswith("files/") else markdown).get_template(name)


_MARKDOWN_CODE = compiled_templates.InMemory()
"""The Markdown templates' code, shared by the languages' environments."""
_FILES_CODE = compiled_templates.InMemory()
"""The HTML and XML templates' code (autoescaped, so not the same), shared likewise."""


@lru_cache(maxsize=8)
def _files_environment(lang: str, translations: Translations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), bytecode_cache=_FILES_CODE,
        extensions=["jinja2.ext.i18n"], autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations, newstyle=True)
    return env


@lru_cache(maxsize=8)
def _environment(lang: str, translations: Translations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        bytecode_cache=_MARKDOWN_CODE,
        extensions=["jinja2.ext.i18n"],
        finalize=finalize,
        autoescape=False,  # the output is Markdown; markup.finalize escapes for it
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations, newstyle=True)
    env.filters.update(_filters(lang, translations))
    env.globals.update(
        LEGAL_BASES=vocabulary.LEGAL_BASES, ROLES=vocabulary.RECIPIENT_ROLES, SAFEGUARDS=vocabulary.SAFEGUARDS,
        PARTIES=vocabulary.COOKIE_PARTIES, CATEGORIES=vocabulary.COOKIE_CATEGORIES, RIGHTS=vocabulary.RIGHTS,
        SPECIAL_CONDITIONS=vocabulary.SPECIAL_CONDITIONS, COOKIE_COLUMNS=vocabulary.COOKIE_COLUMNS,
        COOKIES_BY_CONSENT=vocabulary.COOKIES_BY_CONSENT,
        supervisory_authority=supervisory_authority,
    )
    return env


def _filters(lang: str, translations: Translations) -> dict[str, Callable[..., Any]]:
    gettext = translations.gettext

    def line(text: Name | None) -> Markdown:
        """A text in this language, or a name written once."""
        if isinstance(text, str):
            return inline(text)
        return inline(text[lang]) if text else Markdown("")

    def para(text: Text | None) -> Markdown:
        return paragraphs(text[lang]) if text else Markdown("")

    def email(address: str | None) -> Markdown:
        return Markdown(f"[{inline(address)}](<mailto:{address}>)") if address else Markdown("")

    def url(address: str | Text | None) -> Markdown:
        """A web address, the one for this language where there is one per language."""
        if isinstance(address, Text):
            address = address[lang]
        return Markdown(f"[{inline(address)}](<{address}>)") if address else Markdown("")

    def contact(person: Contact | Any) -> Markdown:
        parts = [line(getattr(person, "name", None)), line(getattr(person, "address", None)), email(person.email),
                 inline(person.phone or ""), url(getattr(person, "website", None))]
        return Markdown(", ".join(part for part in parts if part))

    def say(message: str, **values: str) -> Markdown:
        """A catalog sentence with plain-text values in its placeholders, escaped as one line."""
        return inline(gettext(message) % values if values else gettext(message))

    def plain(name: Name) -> str:
        return name if isinstance(name, str) else name[lang]

    def entry(value: Any) -> Markdown:
        """A list entry's value after its label: inline, or a nested list when there are several."""
        if isinstance(value, tuple):
            if len(value) == 1:
                return Markdown(" " + value[0])
            return Markdown("".join(f"\n    - {item}" for item in value))
        return Markdown(" " + (value if isinstance(value, Markdown) else inline(value)))

    def legal_bases(purpose: Purpose) -> tuple[Markdown, ...]:
        """Each basis, after what it covers; alternatives joined with "or", never "and".

        A single basis's scope goes in the label (`basis_label`), so a line
        never reads "basis: bases: scope".
        """
        out = []
        for item in purpose.legal_bases:
            names = i18n.format_list([inline(gettext(vocabulary.LEGAL_BASES[b])) for b in item.bases], lang, "or")
            scoped = item.covers and len(purpose.legal_bases) > 1
            out.append(Markdown(f"{line(item.covers)}: {names}" if scoped else names))
        return tuple(out)

    def basis_label(purpose: Purpose) -> Markdown:
        """"Legal basis", with what it covers in brackets when one basis covers only part of the purpose."""
        # NOTE: A label before one legal basis or a list of them; alternatives ("a or b") count as one basis.
        label = inline(translations.ngettext("Legal basis", "Legal bases", len(purpose.legal_bases)))
        only = purpose.legal_bases[0] if len(purpose.legal_bases) == 1 else None
        return Markdown(f"{label} ({line(only.covers)})") if only and only.covers else label

    def label(text: Any) -> Markdown:
        """A bold label at the start of a list item that a sentence follows: capitalised."""
        value = line(text)
        return Markdown(value[:1].upper() + value[1:])

    @jinja2.pass_context
    def retention_rules(context: Any, purpose: Purpose) -> tuple[Markdown, ...]:
        """Each retention rule, once: the data it is for, then the period and the event it runs from."""
        known = context["n"].lookup(DataCategory)
        out = []
        for rule in purpose.retention:
            data = i18n.format_list([line(known[i].name) if i in known else inline(i) for i in rule.data], lang)
            text = "; ".join(part for part in (kept_for(rule), line(rule.criterion)) if part)
            out.append(Markdown(f"{data}: {text}" if data else text))
        return tuple(out)

    def kept_for(rule: Retention) -> Markdown:
        period = i18n.format_duration(rule.period, lang) if rule.period else None
        if rule.event:
            with_period, alone = vocabulary.RETENTION_EVENTS[rule.event]
            if period:
                return say(with_period, period=period)
            return say(alone) if rule.event != "collected" else Markdown("")
        return inline(period) if period else Markdown("")

    @jinja2.pass_context
    def flagged(context: Any, purpose: Purpose, flag: str) -> Markdown:
        """The purpose's data categories marked special (Art. 9) or criminal (Art. 10)."""
        known = context["n"].lookup(DataCategory)
        return Markdown(i18n.format_list(
            [line(known[i].name) for i in purpose.data_categories if i in known and getattr(known[i], flag)], lang))

    def provision(purpose: Purpose) -> Markdown:
        given = purpose.provision
        if given is None:
            return Markdown("")
        sentences = [say(vocabulary.PROVISION[given.required_by])]
        if given.obligatory is not None:
            sentences.append(say(vocabulary.OBLIGATORY[given.obligatory]))
        return Markdown(" ".join(sentences))

    @jinja2.pass_context
    def decision(context: Any, purpose: Purpose) -> Markdown:
        """Who makes the purpose's automated decisions, whether they involve profiling, and why they are allowed."""
        given = purpose.automated_decision
        if given is None:
            return Markdown("")
        recipients = context["n"].lookup(Recipient)
        if given.decided_by:
            who = recipients[given.decided_by].name if given.decided_by in recipients else given.decided_by
            sentences = [say(vocabulary.DECIDERS["recipient"], recipient=plain(who))]
        else:
            sentences = [say(vocabulary.DECIDERS["controller"])]
        if given.profiling:
            sentences.append(say(vocabulary.PROFILING))
        if given.exception:
            sentences.append(say(vocabulary.DECISION_EXCEPTIONS[given.exception]))
        return Markdown(" ".join(sentences))

    def adequacy_decision(transfer: Transfer) -> Markdown:
        """The Commission's adequacy decision for the country, whenever there is one (Art. 13(1)(f))."""
        found = adequacy.load().of(transfer.country)
        if found is None:
            return Markdown("")
        values = {"decision": found.decision, "date": i18n.format_date(found.adopted, lang)}
        if found.renewed:
            values["renewed"] = i18n.format_date(found.renewed, lang)
        if not found.partial:
            return say(vocabulary.ADEQUACY["renewed" if found.renewed else "full"], **values)
        if transfer.certified:
            return Markdown(say(vocabulary.ADEQUACY["full"], **values) + " " + say(vocabulary.ADEQUACY["covered"]))
        return say(vocabulary.ADEQUACY["partial"], **values)

    @jinja2.pass_context
    def names(context: Any, item: Any, field: str) -> Markdown:
        """The names of the items that `item.field` refers to by id (the model says of which kind)."""
        ids = getattr(item, field)
        ids = (ids,) if isinstance(ids, str) else ids or ()
        found = context["n"].lookup(references(type(item))[field])
        return Markdown(i18n.format_list([line(found[i].name) if i in found else inline(i) for i in ids], lang))

    def cookie_duration(value: str | None) -> Markdown:
        if not value:
            return Markdown("")
        # NOTE: A cookie's duration: it is deleted when the browser is closed.
        return inline(gettext("session") if value == "session" else i18n.format_duration(value, lang))

    def cookie_table(cookies: tuple[Cookie, ...]) -> CookieTable | None:
        """The cookies' known facts; a fact no cookie states has no column (never a cell of dashes)."""
        if not cookies:
            return None
        rows = tuple({
            "name": inline(c.name or ""),
            "provider": Markdown(line(c.provider) + (f" ({inline(gettext(vocabulary.COOKIE_PARTIES[c.party]))})"
                                                     if c.party else "")),
            "purpose": line(c.purpose),
            "category": inline(gettext(vocabulary.COOKIE_CATEGORIES[c.category])) if c.category else Markdown(""),
            "duration": cookie_duration(c.duration),
        } for c in cookies)
        return CookieTable(tuple(column for column in vocabulary.COOKIE_COLUMNS if any(row[column] for row in rows)), rows)

    def by_consent(cookies: tuple[Cookie, ...], needed: bool) -> Markdown:
        """The sentence naming the cookies that do (or do not) need consent; empty when there are none."""
        named = [c.label for c in cookies if c.needs_consent is needed]
        if not named:
            return Markdown("")
        return say(vocabulary.COOKIES_BY_CONSENT[needed],
                   cookies=i18n.format_list([plain(label) for label in named], lang))

    def prevailing(notice: Notice) -> str:
        """Which version prevails; the sentence names the languages only when it is all of them."""
        every = set(notice.languages) == set(SUPPORTED)
        sentences = vocabulary.PREVAILING_LANGUAGE if every else vocabulary.PREVAILING_LANGUAGE_OF_SOME
        return gettext(sentences[notice.prevailing_language])

    return {
        "line": line, "para": para, "email": email, "url": url, "contact": contact,
        "names": names, "cookie_table": cookie_table, "by_consent": by_consent, "entry": entry,
        "legal_bases": legal_bases, "basis_label": basis_label, "label": label,
        "retention_rules": retention_rules, "flagged": flagged, "provision": provision, "decision": decision,
        "adequacy_decision": adequacy_decision,
        "country": lambda code: inline(i18n.country_name(code, lang)),
        # Plain text: a date usually fills a sentence's placeholder, which is escaped as a whole.
        "date": lambda value: i18n.format_date(value, lang),
        "prevailing": prevailing,
    }
