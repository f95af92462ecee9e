"""Permanent ids for the Atom feeds: tag: URIs (RFC 4151) that never change.

A feed reader knows an entry by its id, so an id must outlive any change of
the site's address, the controller's name or the notice. Each is minted from
the first release, which never changes: its controller's website host (or
e-mail domain, or else its name made into a DNS-like label) and its effective
date, then the language and the release id. The result is plain ASCII and a
valid IRI whatever the controller is called.

>>> from datetime import date
>>> tag_authority("Entrack Oy", None, None), tag_authority("Åbo <b>& Söner</b>", None, None)
('entrack-oy', 'abo-b-soner-b')
>>> tag_authority("X", "https://www.Example.fi/privacy", "info@example.com")
'www.example.fi'
>>> tag_authority("X", None, "tietosuoja@entrack.fi")
'entrack.fi'
>>> feed_id("entrack-oy", date(2026, 11, 25), "fi")
'tag:entrack-oy,2026-11-25:seloste/fi'
>>> entry_id("entrack-oy", date(2026, 11, 25), "fi", "2027-01-01-2")
'tag:entrack-oy,2026-11-25:seloste/fi/2027-01-01-2'
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from urllib.parse import urlsplit

_DNS_NAME = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")
FALLBACK = "seloste"
"""The authority when a controller's name has no letter or digit that ASCII can carry."""


def tag_authority(name: str, website: str | None, email: str | None) -> str:
    """The tag's authority name: a DNS name the controller uses, else its name as a DNS label."""
    for candidate in (urlsplit(website or "").hostname or "", (email or "").rpartition("@")[2].lower()):
        if candidate and _DNS_NAME.fullmatch(candidate):
            return candidate
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    label = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:63].strip("-")
    return label or FALLBACK


def feed_id(authority: str, first: date, lang: str) -> str:
    return f"tag:{authority},{first.isoformat()}:seloste/{lang}"


def entry_id(authority: str, first: date, lang: str, release_id: str) -> str:
    return f"{feed_id(authority, first, lang)}/{release_id}"
