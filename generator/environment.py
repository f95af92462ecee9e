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
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable, Mapping

from generator.findings import Finding, NoticeError, Position, UsageError

SITE_URL_ENV = "SELOSTE_SITE_URL"
"""The site's public address, set by the publish workflow; it wins over the host's configuration."""
MAX_EPOCH = 2**32 - 1
"""The last second a gzip header (MkDocs' sitemap.xml.gz) can carry: 2106-02-07."""
_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?")
"""A full address whose characters need no escaping anywhere it is written (Markdown, HTML, XML, JSON)."""

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
        return datetime.now(timezone.utc).date()
    if not re.fullmatch(r"[0-9]{1,10}", epoch) or int(epoch) > MAX_EPOCH:
        raise UsageError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, as `date +%s` "
                         f"prints it, from 0 to {MAX_EPOCH} (the year 2106); it is {epoch!r}")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()


def site_url(environ: Mapping[str, str] = os.environ, configured: Configured = lambda: ("", "")) -> str:
    """The site's public address: SELOSTE_SITE_URL, else the host's configuration, else ""."""
    value: object = environ.get(SITE_URL_ENV, "").strip()
    where = SITE_URL_ENV
    if not value:
        value, where = configured()
        value = value or ""
    if value and not (isinstance(value, str) and _ADDRESS.fullmatch(value)):
        raise NoticeError([Finding(Position(where), "error", f"site_url {str(value)!r} is not a full address such as "
                                                             "https://privacy.example.fi/ or https://owner.github.io/repo/")])
    return str(value).rstrip("/")
