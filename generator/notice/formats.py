"""The value formats of a notice, exactly: date, e-mail, https: address, country, duration.

Each check takes the whole value (a newline at the end is not "the end"), so
what passes here is what the pages print and link to.

>>> is_email("tietosuoja@esimerkki.fi"), is_email("tietosuoja@esimerkki.fi\\n"), is_email("a@b")
(True, False, False)
>>> is_https_url("https://esimerkki.fi/ehdot?x=1#y"), is_https_url("https://[::1"), is_https_url("https://a.fi@evil.example")
(True, False, False)
>>> is_country("FI"), is_country("EU"), is_country("UK"), country_suggestion("UK"), country_suggestion("el")
(True, False, False, 'GB', 'GR')
>>> is_duration("P1Y6M"), is_duration("P6Y\\n"), is_duration("P" + "9" * 28 + "Y"), is_duration("P٦Y")
(True, False, False, False)
>>> is_duration("P0D"), is_duration("P0Y0M"), is_duration("P1000Y"), is_duration("P120Y")
(False, False, False, True)
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from babel import Locale

from generator import caches
from generator.notice.periods import PATTERN, bounded

DURATION = PATTERN
"""An ISO 8601 duration (use with fullmatch): the grammar periods.py states."""

MAX_DURATION_DIGITS = 9
"""Digits of one number of a duration: a billion days is already longer than any retention."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

# RFC 5322 dot-atom local part (letters beyond ASCII allowed, RFC 6531), and a domain name. Every
# repetition takes from one character class or from disjoint ones, so a long text fails in linear time.
_ATOM = r"[\w!#$%&'*+/=?^`{|}~-]+"
_ALNUM = r"[^\W_]"
_LABEL = rf"{_ALNUM}(?:(?:{_ALNUM}|-){{0,61}}{_ALNUM})?"
_DOMAIN = rf"(?:{_LABEL}\.)+(?:xn--[A-Za-z0-9-]{{1,59}}|[^\W\d_]{{2,63}})"
_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_DOMAIN}")

# RFC 3986 path, query and fragment characters, percent-encoded bytes, and letters beyond ASCII (IRI).
_URL_CHAR = r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2}|[^\x00-\x7f])"
_HTTPS_URL = re.compile(rf"https://{_DOMAIN}(?::(?P<port>[0-9]{{1,5}}))?(?:[/?#]{_URL_CHAR}*(?:#{_URL_CHAR}*)?)?")

NOT_COUNTRIES = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})
"""Codes CLDR names that ISO 3166-1 does not assign to a country: reserved codes
(Ascension AC, Clipperton CP, Sark CQ, Diego Garcia DG, Ceuta and Melilla EA,
Canary Islands IC, Tristan da Cunha TA), groups (EU, EZ, UN, QO), private use
(XA, XB, XK) and the unknown region ZZ."""

COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}
"""Codes written for a country that ISO 3166-1 codes otherwise: the EU's own
abbreviations for the United Kingdom and Greece."""


def is_date(value: str) -> bool:
    """A real calendar date as YYYY-MM-DD."""
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_email(value: str) -> bool:
    return len(value) <= 254 and bool(_EMAIL.fullmatch(value)) and len(value.partition("@")[0]) <= 64


def is_https_url(value: str) -> bool:
    """An https: address of a named host: no user name in it, a valid port, nothing invisible."""
    match = _HTTPS_URL.fullmatch(value)
    if not match or (match["port"] is not None and not 0 < int(match["port"]) <= 65535):
        return False
    return all(unicodedata.category(char)[0] in "LNMPS" for char in value if ord(char) > 0x7F)


def is_country(value: str) -> bool:
    """An ISO 3166-1 alpha-2 code of a country or territory, in capitals."""
    return value in countries()


def country_suggestion(value: str) -> str | None:
    """The code meant by a near miss: a lower-case code, UK, EL; else None."""
    code = COUNTRY_ALIASES.get(value.strip().upper(), value.strip().upper())
    return code if code in countries() and code != value else None


@caches.kept(maxsize=1)
def countries() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code assigned to a country or territory (249)."""
    territories = Locale.parse("en").territories  # keyed by code (babel types its keys str | int | None)
    return frozenset(code for code in territories if isinstance(code, str) and code.isalpha()) - NOT_COUNTRIES


def is_duration(value: str) -> bool:
    """An ISO 8601 duration whose numbers are of a sane length, longer than nothing and at most 120 years."""
    return bool(DURATION.fullmatch(value)) and not duration_too_long(value) and bounded(value)


def duration_too_long(value: str) -> bool:
    return any(len(number) > MAX_DURATION_DIGITS for number in re.findall(r"[0-9]+", value))
