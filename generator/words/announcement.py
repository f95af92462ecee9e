"""The announcement of a material change: the text that tells readers, before the change applies, that the
notice changes, what changes, from which date, and where to read the new version and the changes marked in it.

`release` writes it once, from the changes the changelog classes as material
(notice/changes.py), in each of the release's languages, and freezes it with
the release (record/releases.py): `announcement.<lang>.md`, the text of its
page, and `announcement.<lang>.txt`, the same words as plain text, ready for
e-mail. An editorial change is not announced, nor is the first release (there
is no earlier notice whose readers must be told; the notice itself is the
information given to them). Every sentence is from the catalogs.

The announcement names two pages, the new version and its changes marked in
the text (its diff page), by their full addresses when the site's address is
known when it is released (frozen: an e-mail cannot follow a later move);
without it, by their paths from the site's root (`/en/2027-01-01/`), and the
Markdown links them relative to the announcement's own page, so that the page
works wherever the site is served. The reason of `revision.urgent` is shown,
after the changes, when the change applies sooner than the project's notice
period after the day it is released.

>>> from generator.notice.model import Notice
>>> base = {"seloste": 2, "controller": {"name": "Shop Oy"},
...     "revision": {"effective": "2027-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}}
>>> old, new = Notice.from_data(base), Notice.from_data({**base, "transfers": [{"country": "US"}]})
>>> said = announcement(old, new, "2027-01-01", date(2026, 12, 1), notice_period_days=30, site_url="")
>>> print(text(said, "en", PROJECT.locales), end="")
Changes to our privacy notice from 1 January 2027
<BLANKLINE>
We are changing our privacy notice. The new version applies from 1 January 2027.
<BLANKLINE>
The material changes:
<BLANKLINE>
• New transfer outside the EU/EEA: United States
<BLANKLINE>
The full new version: /en/2027-01-01/
<BLANKLINE>
The changes marked in the text: /en/2027-01-01/diff/
<BLANKLINE>
Shop Oy
>>> phoned = Notice.from_data({**base, "controller": {"name": "Shop Oy", "phone": "+358 9 123"}})
>>> announcement(old, phoned, "2027-01-01", date(2026, 12, 1), notice_period_days=30, site_url="") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.notice import changes as diff
from generator.notice.markup import Markdown
from generator.notice.model import Name, Notice, Text
from generator.words import changelog
from generator.words.render import render_template, render_text

PAGE = "announcement/index.md"
"""The announcement's page, under its release's folder of each language: /<lang>/<id>/announcement/."""


@dataclass(frozen=True)
class Announcement:
    """What the announcement of one release says, in any of its languages."""

    release_id: str
    effective: date
    released: date
    """The day it is released: the day its readers are told."""
    controller: Name
    changes: tuple[diff.Change, ...]
    """The material changes, in the changelog's order."""
    urgent: Text | None
    """Why the change applies sooner than the notice period: `revision.urgent`, where it does."""
    notice_period_days: int
    site_url: str
    """The site's address as it was known on release (without a final slash), or ""."""
    folder: str = ""
    """The notice's folder in a company's site ("customers/"; project.Project.prefix), where its pages are."""


def announcement(
    previous: Notice,
    notice: Notice,
    release_id: str,
    released: date,
    *,
    notice_period_days: int,
    site_url: str,
    folder: str = "",
) -> Announcement | None:
    """The announcement of the release of `notice` after `previous`, released on `released`; None if the
    change is editorial (nothing to announce)."""
    material = tuple(change for change in changelog.ordered(diff.changes(previous, notice)) if change.material)
    if not material:
        return None
    effective = notice.revision.effective
    sooner = (effective - released).days < notice_period_days
    urgent = notice.revision.urgent if sooner else None
    return Announcement(
        release_id, effective, released, notice.controller.name, material, urgent, notice_period_days, site_url, folder
    )


@dataclass(frozen=True)
class Address:
    """A page the announcement names: as the reader is told it, and as its page links it."""

    shown: str
    """The full address (the path from the site's root, where the site's address is not known)."""
    href: str
    """The link on the announcement's page: the full address, else relative to the page."""
    relative: bool


def addresses(said: Announcement, lang: str) -> dict[str, Address]:
    """The new version's page and its diff page (the paths site/plan.py gives them: /<lang>/<id>/ and
    /<lang>/<id>/diff/, under the notice's folder in a company's site).

    >>> said = Announcement("2027-01-01", date(2027, 1, 1), date(2026, 12, 1), "X", (), None, 30, "https://a.fi")
    >>> addresses(said, "sv")["diff"]
    Address(shown='https://a.fi/sv/2027-01-01/diff/', href='https://a.fi/sv/2027-01-01/diff/', relative=False)
    """
    paths = {"version": ("", "../"), "diff": ("diff/", "../diff/")}
    found = {}
    for key, (below, from_page) in paths.items():
        path = f"/{lang}/{said.folder}{said.release_id}/{below}"
        if said.site_url:
            found[key] = Address(said.site_url + path, said.site_url + path, False)
        else:
            found[key] = Address(path, from_page, True)
    return found


def _context(said: Announcement, lang: str, locales: Path) -> dict[str, object]:
    controller = said.controller if isinstance(said.controller, str) else said.controller[lang]
    return {
        "a": said,
        "controller": controller,
        "changes": [changelog.describe(change, lang, locales) for change in said.changes],
    }


def markdown(said: Announcement, lang: str, locales: Path) -> str:
    """The announcement in `lang` as Markdown: its first line the heading, as a release's text is written."""
    links = {
        key: {"text": address.shown, "href": Markdown(_entities(address.href)), "relative": address.relative}
        for key, address in addresses(said, lang).items()
    }
    return render_template("announcement.md.j2", lang, locales, links=links, **_context(said, lang, locales))


def text(said: Announcement, lang: str, locales: Path) -> str:
    """The announcement in `lang` as plain text for e-mail: its first line the subject, no markup."""
    links = {key: address.shown for key, address in addresses(said, lang).items()}
    return render_text("announcement.txt.j2", lang, locales, links=links, **_context(said, lang, locales))


def _entities(address: str) -> str:
    return re.sub(r"[&<>]", lambda match: {"&": "&amp;", "<": "&lt;", ">": "&gt;"}[match.group()], address)
