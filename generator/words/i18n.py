"""Words for each language: the gettext catalogs and Babel's locale data.

Fixed strings of the templates live in locales/<lang>/LC_MESSAGES/messages.po.
They are compiled in memory when first needed (the same compiler as
`pybabel compile`), so a catalog edit takes effect without a build step and a
fuzzy entry is never used. Dates, countries, lists and durations come from
Babel's CLDR data. Durations are exact: P18M is 18 months, never "2 years".

>>> format_duration("P18M", "fi"), format_duration("P18M", "sv"), format_duration("P18M", "en")
('18 kuukautta', '18 månader', '18 months')
>>> format_duration("P1Y6M", "en")
'1 year and 6 months'
>>> format_duration("PT30M", "fi")
'30 minuuttia'
>>> from datetime import date
>>> [format_date(date(2026, 11, 24), lang) for lang in ("fi", "sv", "en")]
['24. marraskuuta 2026', '24 november 2026', '24 November 2026']
>>> country_name("US", "sv"), format_list(["a", "b", "c"], "fi"), format_list(["a", "b", "c"], "en")
('USA', 'a, b ja c', 'a, b and c')
>>> [format_duration(value, "sv") for value in ("P1D", "P30D", "P1Y30D")]
['1 dag', '30 dagar', '1 år och 30 dagar']
"""

from __future__ import annotations

import io
import os
from datetime import date
from pathlib import Path
from typing import Literal, cast

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.lists import format_list as _babel_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_decimal
from babel.support import Translations
from babel.units import format_unit

from generator import caches
from generator.findings import ENGLISH, Speaker, Words
from generator.notice import periods as duration
from generator.notice.languages import COUNTRY_NAMES, UNIT_WORDS, babel_locale


def translations(locales: Path, lang: str) -> Translations:
    """The catalog of `lang` under `locales`, compiled from its .po file (fuzzy entries left out), again
    only when the file has changed since."""
    po = _catalog(locales, lang)
    return _compile(po, os.stat(po).st_mtime_ns)


def speaker(locales: Path, lang: str) -> Words:
    """Findings said in `lang` (`check --lang`), from its catalog; in English where the catalog cannot be
    read (check reports that catalog as an error of its own)."""
    try:
        return Speaker(lang, babel_locale(lang), translations(locales, lang))
    except (OSError, PoFileError, ValueError):
        return ENGLISH


@caches.kept(maxsize=16)
def _catalog(locales: Path, lang: str) -> Path:
    """Where the catalog is: asked for on every sentence of every page, so worked out once."""
    return locales / lang / "LC_MESSAGES" / "messages.po"


@caches.kept(maxsize=16)
def _compile(po: Path, _mtime: int) -> Translations:
    with open(po, "rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


@caches.kept(maxsize=1024)
def format_date(value: date, lang: str) -> str:
    """A date as the language writes it in full; kept, since a site names each release's date on many pages."""
    return _babel_date(value, "long", locale=babel_locale(lang))


ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]
"""Babel's styles of a list."""


def format_list(items: list[str], lang: str, style: ListStyle = "standard") -> str:
    """Items joined as the language joins them: "a, b and c"; with style="or", "a, b or c"."""
    return _babel_list(list(items), style=style, locale=babel_locale(lang)) if items else ""


def country_name(code: str, lang: str) -> str:
    """A country's name in `lang`: CLDR's, unless it names another territory (languages.COUNTRY_NAMES).

    >>> country_name("GB", "fi"), country_name("GB", "sv"), country_name("GB", "en")
    ('Yhdistynyt kuningaskunta', 'Förenade kungariket', 'United Kingdom')
    """
    if (lang, code) in COUNTRY_NAMES:
        return COUNTRY_NAMES[(lang, code)]
    return cast(str, Locale.parse(babel_locale(lang)).territories.get(code, code))  # babel's locale data: names


def language_name(code: str, lang: str) -> str:
    """A language's name in `lang`, capitalised as in a menu: Suomi, svenska -> Svenska."""
    name = cast(str, Locale.parse(babel_locale(lang)).languages.get(code, code))  # babel's locale data: names
    return name[:1].upper() + name[1:]


def format_duration(value: str, lang: str) -> str:
    """An ISO 8601 duration in words, each unit as written (never rounded)."""
    amounts = duration.units(value)
    if amounts is None:
        return value
    return format_list([_unit(amount, unit, lang) for unit, amount in amounts.items() if amount], lang)


def _unit(amount: int, unit: str, lang: str) -> str:
    locale = babel_locale(lang)
    words = UNIT_WORDS.get((lang, unit))
    if words is None:
        return format_unit(amount, f"duration-{unit}", length="long", locale=locale)
    plural = Locale.parse(locale).plural_form(amount)
    return words.get(plural, words["other"]).format(format_decimal(amount, locale=locale))
