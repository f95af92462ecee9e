"""What changed between two releases: the list of changes the changelog names.

`changes` compares the structured notices wherever the model marks a field
for the changelog (`model.changelog`): lists of items are matched by each
item's key (an id, or a country, or a cookie's provider and name), so the
changelog can say in each language what was added, removed or changed.
(The diff pages compare the released texts themselves: compare.py.)

Each change carries its nature: `editorial` when only capital letters,
spacing or punctuation differ (`same_words`), else `substantive`. A reader
must not take a corrected capital letter for a change of what the notice
says, so the changelog lists editorial changes apart. (Issue 21 grows this
classification into material and editorial.)

>>> from generator.notice.model import Notice
>>> base = {"seloste": 2, "controller": {"name": "A Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}}
>>> old = Notice.from_data(base)
>>> new = Notice.from_data({**base, "transfers": [{"country": "US"}]})
>>> changes(old, new)
(Change(area='transfer', action='added', subject='US', nature='substantive'),)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Literal

from generator.notice.model import Notice, Text, changelog_fields, item_kind

Action = Literal["added", "removed", "changed"]
Nature = Literal["substantive", "editorial"]

_EDGES = "\"'.,;:!?…‘’‚“”„«»‹›()[]{}-‐‑–—"
"""Punctuation that only opens or closes a word: a change of it alone leaves the words as they were."""
_ADDRESS = frozenset(":/@")
"""A word holding one of these is an address (e-mail, web, link), whose capital letters are kept."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One change: which area, what happened, to what (an item's label: a name or a country), and whether
    only capital letters, spacing or punctuation changed, in every language (`editorial`). The nature is the
    notice's, not one language version's: each page lists the same changes, so a category whose Finnish name
    gained a small letter while its English words changed is a change of substance on every page."""

    area: str
    action: Action
    subject: str | Text = ""
    nature: Nature = "substantive"


def changes(old: Notice, new: Notice) -> tuple[Change, ...]:
    """The changes from `old` to `new`, in the order of the notice's fields."""
    found: list[Change] = []
    for name, area in changelog_fields(Notice).items():
        before, after = getattr(old, name), getattr(new, name)
        if item_kind(Notice, name):
            found += _items(area, before, after)
        elif before != after:
            found.append(_changed(area, "", before, after))
    return tuple(found)


def _changed(area: str, subject: str | Text, old: Any, new: Any) -> Change:
    """A change of a value, with its nature."""
    return Change(area, "changed", subject, "editorial" if _same_in_words(old, new) else "substantive")


def _items(area: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Change]:
    """Items removed, added and changed; a changed item also names each followed field that changed."""
    pairs = _paired(old, new)
    kept = set(pairs.values())
    found = [Change(area, "removed", item.label) for index, item in enumerate(old) if index not in kept]
    for index, item in enumerate(new):
        if index not in pairs:
            found.append(Change(area, "added", item.label))
            continue
        before = old[pairs[index]]
        if before != item:
            found.append(_changed(area, item.label, before, item))
            found += [
                _changed(part, item.label, getattr(before, field), getattr(item, field))
                for field, part in changelog_fields(type(item)).items()
                if getattr(before, field) != getattr(item, field)
            ]
    return found


def _paired(old: tuple[Any, ...], new: tuple[Any, ...]) -> dict[int, int]:
    """Each new item's index with the index of the old item it continues: the same key, else a key that
    differs only in capital letters, spacing or punctuation (a name written anew), where that is
    unambiguous on both sides."""
    before = {item.key: index for index, item in enumerate(old)}
    pairs = {index: before[item.key] for index, item in enumerate(new) if item.key in before}
    taken = set(pairs.values())
    loose_old = _by_words((index, item) for index, item in enumerate(old) if index not in taken)
    loose_new = _by_words((index, item) for index, item in enumerate(new) if index not in pairs)
    for words, indices in loose_new.items():
        if len(indices) == 1 and len(loose_old.get(words, ())) == 1:
            pairs[indices[0]] = loose_old[words][0]
    return pairs


def _by_words(items: Iterable[tuple[int, Any]]) -> dict[Any, list[int]]:
    grouped: dict[Any, list[int]] = {}
    for index, item in items:
        grouped.setdefault(_key_words(item.key), []).append(index)
    return grouped


def _key_words(key: Any) -> Any:
    """A key as its words where it is a name (an item's name, a cookie's provider); an id, a country or a
    cookie's own name (`_ga` and `_GA` are two cookies) exactly as written."""
    if isinstance(key, tuple):  # a cookie: (provider, name)
        return (_name_words(key[0]), *key[1:])
    return _name_words(key) if isinstance(key, Text) else key


def _name_words(name: str | Text) -> Any:
    if isinstance(name, Text):
        return tuple((lang, wording(text)) for lang, text in name.items())
    return wording(name)


# -- Editorial or substantive ---------------------------------------------------


def wording(text: str) -> tuple[str, ...]:
    """The words of a text as a reader weighs them: split at spaces, the punctuation that opens or closes a
    word left out, capital letters as small ones (but an address as written). Punctuation inside a word
    stays, so 1,5 and 15, or e-mail and email, stay different.

    >>> wording("Customers, and  “e-mail”.") == wording("customers and e-mail")
    True
    >>> wording("1,5 years") == wording("15 years"), wording("A@x.fi") == wording("a@x.fi")
    (False, False)
    """
    words = (word.strip(_EDGES) for word in text.split())
    return tuple(word if _ADDRESS.intersection(word) else word.casefold() for word in words if word)


def same_words(old: str, new: str) -> bool:
    """Whether two texts differ only in capital letters, spacing or punctuation (an editorial change).

    >>> same_words("Job title", "job title"), same_words("The data subject", "the person")
    (True, False)
    """
    return wording(old) == wording(new)


def _same_in_words(old: Any, new: Any) -> bool:
    """Whether two model values say the same, capital letters, spacing and punctuation aside, in every text
    and name. Codes, ids, periods and dates are written in one case by the schema, an address keeps its
    letters (`wording`), and a cookie's own name is compared exactly where it is matched (its key)."""
    if old == new:
        return True
    if isinstance(old, Text) and isinstance(new, Text):
        return old.keys() == new.keys() and all(same_words(old[lang], new[lang]) for lang in old)
    if isinstance(old, str) and isinstance(new, str):
        return same_words(old, new)
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(_same_in_words(a, b) for a, b in zip(old, new, strict=True))
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        return all(
            _same_in_words(getattr(old, spec.name), getattr(new, spec.name))
            for spec in dataclasses.fields(old)
            if spec.compare
        )
    return False
