"""Render a Notice into Markdown, one language at a time.

Jinja2 templates hold the structure; every fixed string goes through the
gettext catalog of the language; every value from the YAML is escaped by
`markup.finalize` unless a filter here has already made it safe Markdown.
Rendering is pure: the same notice, templates and catalogs give the same text.

>>> from generator.model import Notice
>>> n = Notice.from_data({"seloste": 1, "controller": {"name": "Example <Oy>"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}})
>>> render_notice(n, "sv", PROJECT.locales).splitlines()[0]
'# Dataskyddsbeskrivning: Example &lt;Oy&gt;'

Files that are not pages (the language chooser, the 404 page, the Atom feed,
the diff's markup) are HTML or XML: `render_file` renders them with
autoescaping, so a value from the YAML is always text there.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable

import jinja2
from babel.support import Translations

from . import i18n, vocabulary
from .markup import Markdown, finalize, inline, paragraphs
from .languages import SUPPORTED
from .model import Contact, Cookie, Notice, Retention, Text, references

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

FINNISH_AUTHORITY = Contact(
    name=Text(fi="Tietosuojavaltuutetun toimisto", sv="Dataombudsmannens byrå",
              en="Office of the Data Protection Ombudsman"),
    address=Text(fi="PL 800, 00531 Helsinki", sv="PB 800, 00531 Helsingfors", en="P.O. Box 800, FI-00531 Helsinki"),
    phone="029 566 6700",
    website="https://tietosuoja.fi",
)
"""The default supervisory authority (../shared/gdpr-terms.md §3)."""


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


@lru_cache(maxsize=8)
def _files_environment(lang: str, translations: Translations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), extensions=["jinja2.ext.i18n"], autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations, newstyle=True)
    return env


@lru_cache(maxsize=8)
def _environment(lang: str, translations: Translations) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
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
        COOKIE_COLUMNS=vocabulary.COOKIE_COLUMNS,
        FINNISH_AUTHORITY=FINNISH_AUTHORITY,
    )
    return env


def _filters(lang: str, translations: Translations) -> dict[str, Callable[..., Any]]:
    gettext = translations.gettext

    def line(text: Text | None) -> Markdown:
        return inline(text[lang]) if text else Markdown("")

    def para(text: Text | None) -> Markdown:
        return paragraphs(text[lang]) if text else Markdown("")

    def email(address: str | None) -> Markdown:
        return Markdown(f"[{inline(address)}](<mailto:{address}>)") if address else Markdown("")

    def url(address: str | None) -> Markdown:
        return Markdown(f"[{inline(address)}](<{address}>)") if address else Markdown("")

    def contact(person: Contact | Any) -> Markdown:
        name = getattr(person, "name", None)
        parts = [line(name) if isinstance(name, Text) else inline(name or ""),
                 line(getattr(person, "address", None)), email(person.email),
                 inline(person.phone or ""), url(getattr(person, "website", None))]
        return Markdown(", ".join(part for part in parts if part))

    def labels(values: tuple[str, ...], vocabulary_map: dict[str, str]) -> Markdown:
        return Markdown(i18n.format_list([inline(gettext(vocabulary_map[v])) for v in values], lang))

    @jinja2.pass_context
    def names(context: Any, item: Any, field: str) -> Markdown:
        """The names of the items that `item.field` refers to by id (the model says of which kind)."""
        ids = getattr(item, field)
        ids = (ids,) if isinstance(ids, str) else ids or ()
        found = context["n"].lookup(references(type(item))[field])
        return Markdown(i18n.format_list([line(found[i].name) if i in found else inline(i) for i in ids], lang))

    def retention(value: Retention | None) -> Markdown:
        if value is None:
            return Markdown("")
        parts = [inline(i18n.format_duration(value.period, lang)) if value.period else "", line(value.criterion)]
        return Markdown("; ".join(part for part in parts if part))

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
            "provider": Markdown(inline(c.provider) + (f" ({inline(gettext(vocabulary.COOKIE_PARTIES[c.party]))})"
                                                       if c.party else "")),
            "purpose": line(c.purpose),
            "category": inline(gettext(vocabulary.COOKIE_CATEGORIES[c.category])) if c.category else Markdown(""),
            "duration": cookie_duration(c.duration),
        } for c in cookies)
        return CookieTable(tuple(column for column in vocabulary.COOKIE_COLUMNS if any(row[column] for row in rows)), rows)

    def prevailing(notice: Notice) -> str:
        """Which version prevails; the sentence names the languages only when it is all of them."""
        every = set(notice.languages) == set(SUPPORTED)
        sentences = vocabulary.PREVAILING_LANGUAGE if every else vocabulary.PREVAILING_LANGUAGE_OF_SOME
        return gettext(sentences[notice.prevailing_language])

    return {
        "line": line, "para": para, "email": email, "url": url, "contact": contact, "labels": labels,
        "names": names, "retention": retention, "cookie_table": cookie_table,
        "country": lambda code: inline(i18n.country_name(code, lang)),
        # Plain text: a date usually fills a sentence's placeholder, which is escaped as a whole.
        "date": lambda value: i18n.format_date(value, lang),
        "prevailing": prevailing,
    }
