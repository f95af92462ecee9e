"""The changelog's words for one change, in one language: the version history, the diff pages, the redline and
the announcement of a material change all list a change in these words.

>>> from generator.notice.changes import Change
>>> describe(Change("transfer", "added", "US"), "fi", PROJECT.locales)
'Uusi siirto EU:n ja ETA:n ulkopuolelle: Yhdysvallat'
>>> [c.area for c in ordered((Change("source", "added", "a"), Change("purpose", "added", "b")))]
['purpose', 'source']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.notice.changes import Change
from generator.notice.model import Text
from generator.words import i18n, vocabulary
from generator.words.render import translate


def ordered(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Changes in the order the changelog lists them (vocabulary.CHANGES)."""
    order = {area: index for index, (area, _) in enumerate(vocabulary.CHANGES)}
    return tuple(sorted(changes, key=lambda change: order[change.area]))


def describe(change: Change, lang: str, locales: Path) -> str:
    """One change as the changelog says it, as plain text (its subject is the notice's: a template escapes it)."""
    subject = change.subject
    if isinstance(subject, Text):
        subject = subject[lang]
    elif change.area == "transfer":
        subject = i18n.country_name(subject, lang)
    identity = vocabulary.IDENTITY_CHANGES.get(change.area) if change.material and change.action == "changed" else None
    return translate(identity or vocabulary.CHANGES[(change.area, change.action)], lang, locales, name=subject)
