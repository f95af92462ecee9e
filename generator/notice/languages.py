"""The languages Seloste publishes in: the one place that names them.

Finland is bilingual, so Finnish and Swedish are both first-class; English
serves everyone else. A notice publishes all of these unless it lists a subset
under `languages:`. Adding a language is a catalog under locales/, its code
here, the schema's text definition, and the notice's texts.

>>> SUPPORTED, DEFAULT
(('fi', 'sv', 'en'), 'fi')
>>> in_order({"en", "fi"})
('fi', 'en')
>>> babel_locale("en"), babel_locale("fi")
('en_GB', 'fi')
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import caches

SUPPORTED: tuple[str, ...] = ("fi", "sv", "en")
"""Every language with a catalog, in the order menus and texts list them."""

DEFAULT = "fi"
"""The site's first language: the root page's own language and its fallback."""

_BABEL_LOCALES = {"en": "en_GB"}
"""The CLDR locale that formats a language's dates, lists and units, where it is
not the language itself. The English of an EU company is British: "25 November
2026", "a, b and c" (plain `en` is American: "November 25, 2026"). The page's
language stays `en`."""


UNIT_WORDS = {("sv", "day"): {"one": "{0} dag", "other": "{0} dagar"}}
"""Units whose CLDR word does not fit a legal period: Swedish "dygn" is a period
of 24 hours, and a retention period is counted in days ("dagar")."""


COUNTRY_NAMES = {("fi", "GB"): "Yhdistynyt kuningaskunta", ("sv", "GB"): "Förenade kungariket"}
"""Countries whose CLDR name in a language is not the country's: Finnish "Iso-Britannia" and Swedish
"Storbritannien" are Great Britain, without Northern Ireland, while a transfer goes to (and the
Commission's adequacy decision covers) the United Kingdom, as the EU's Finnish and Swedish texts name it."""


def in_order(codes: Iterable[str]) -> tuple[str, ...]:
    """Language codes in the supported order; codes no longer supported (an old
    release's) follow in alphabetical order, so old releases still load."""
    return _in_order(frozenset(codes))


@caches.kept(maxsize=64)
def _in_order(codes: frozenset[str]) -> tuple[str, ...]:
    """Kept: every text of every release is put in order (6,000 texts for a site of 100 releases)."""
    return tuple(code for code in SUPPORTED if code in codes) + tuple(sorted(codes - set(SUPPORTED)))


def babel_locale(code: str) -> str:
    """The locale Babel formats a page in `code` with."""
    return _BABEL_LOCALES.get(code, code)
