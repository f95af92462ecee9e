"""What a run takes from outside the project's files: the build's date and the site's public address.

Read once per run by the command line (and by the live preview on each
rebuild) and handed down, so that no layer below reads the process
environment itself: the rules and the timeline get a date, the site plan an
address.

>>> build_date({"SOURCE_DATE_EPOCH": "1795564800"})
datetime.date(2026, 11, 25)
>>> site_url({SITE_URL_ENV: "https://x.github.io/notice/"}), site_url({}, lambda: ("https://a.fi/", "mkdocs.yml"))
('https://x.github.io/notice', 'https://a.fi')
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime

from generator.findings import Finding, NoticeError, Position, UsageError

SITE_URL_ENV = "SELOSTE_SITE_URL"
"""The site's public address, set by the publish workflow; it wins over the host's configuration."""
MAX_EPOCH = 2**32 - 1
"""The last second a gzip header (MkDocs' sitemap.xml.gz) can carry: 2106-02-07."""
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_ADDRESS = re.compile(
    rf"(?P<scheme>https?)://(?P<host>{_LABEL}(?:\.{_LABEL})*)(?::(?P<port>[0-9]{{1,5}}))?"
    r"(?P<path>(?:/[A-Za-z0-9._~%-]+)*/?)"
)
"""A site's address: a host name (no user, no IP literal but loopback's), an optional port and path (no empty
segment, no query, no fragment), in characters that need no escaping wherever it is written (Markdown, HTML,
XML, JSON, CSS)."""
_LOOPBACK = ("localhost", "127.0.0.1")
"""Hosts an `http:` address may name: a build tried on this machine. A published site is served over https:."""


Configured = Callable[[], tuple[object, str]]
"""The address the site host's configuration gives, and where it is written (read only when needed)."""


@dataclass(frozen=True)
class Environment:
    today: date
    """The build's date: which release is in force, which adequacy decisions apply."""
    site_url: str = ""
    """The site's public address without a final slash, or "" when it is not known (links stay relative)."""


def build_date(environ: Mapping[str, str] = os.environ) -> date:
    """The build's date: SOURCE_DATE_EPOCH if set (reproducible builds), else today (UTC).

    As the reproducible-builds specification says, the value is a whole number
    of seconds since 1970-01-01 UTC, and a malformed one stops the build.
    """
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return datetime.now(UTC).date()
    if not re.fullmatch(r"[0-9]{1,10}", epoch) or int(epoch) > MAX_EPOCH:
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, as `date +%s` "
            f"prints it, from 0 to {MAX_EPOCH} (the year 2106); it is {epoch!r}"
        )
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


def site_url(environ: Mapping[str, str] = os.environ, configured: Configured = lambda: ("", "")) -> str:
    """The site's public address: SELOSTE_SITE_URL, else the host's configuration, else "".

    A malformed SELOSTE_SITE_URL is a usage error (exit 2); a malformed configured one, a finding at the
    configuration file.

    >>> site_url({SITE_URL_ENV: "https://x//evil.example"})
    Traceback (most recent call last):
    generator.findings.UsageError: SELOSTE_SITE_URL 'https://x//evil.example' is not a site's address: ...
    """
    given = environ.get(SITE_URL_ENV, "").strip()
    if given:
        problem = _problem(given)
        if problem:
            raise UsageError(f"{SITE_URL_ENV} {given!r} is not a site's address: {problem}")
        return given.rstrip("/")
    value, where = configured()
    if not value:
        return ""
    problem = _problem(value)
    if problem:
        raise NoticeError(
            [Finding(Position(where), "error", f"site_url {str(value)!r} is not a site's address: {problem}")]
        )
    return str(value).rstrip("/")


def is_site_address(value: object) -> bool:
    """Whether `value` is a site's address as SELOSTE_SITE_URL or site_url may give it (without its final slash).

    >>> is_site_address("https://owner.github.io/notice"), is_site_address("javascript:alert(1)//")
    (True, False)
    """
    return not _problem(value)


def _problem(value: object) -> str:
    """What is wrong with a site's address, or "".

    >>> _problem("https://owner.github.io/repo/"), _problem("http://127.0.0.1:8000/sub")
    ('', '')
    >>> _problem("http://example.fi")
    'an address on the web is https: (http: only for localhost or 127.0.0.1); ...'
    """
    example = "write it as https://privacy.example.fi/ or https://owner.github.io/repo/"
    match = _ADDRESS.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return f"it must be https://, a host name, an optional port and path, and nothing else; {example}"
    if match["scheme"] == "http" and match["host"] not in _LOOPBACK:
        return f"an address on the web is https: (http: only for localhost or 127.0.0.1); {example}"
    if match["port"] and not 0 < int(match["port"]) <= 65535:
        return f"port {match['port']} is not from 1 to 65535; {example}"
    return ""
