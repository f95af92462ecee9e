"""What changed between two releases: the list of changes the changelog names.

`changes` compares the structured notices wherever the model marks a field
for the changelog (`model.changelog`): lists of items are matched by each
item's key (an id, or a country, or a cookie's provider and name), so the
changelog can say in each language what was added, removed or changed.
(The diff pages compare the released texts themselves: compare.py.)

>>> from generator.notice.model import Notice
>>> base = {"seloste": 2, "controller": {"name": "A Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}}
>>> old = Notice.from_data(base)
>>> new = Notice.from_data({**base, "transfers": [{"country": "US"}]})
>>> changes(old, new)
(Change(area='transfer', action='added', subject='US'),)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from generator.notice.model import Notice, Text, changelog_fields, item_kind

Action = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One change: which area, what happened, and to what (an item's label: a name or a country)."""

    area: str
    action: Action
    subject: str | Text = ""


def changes(old: Notice, new: Notice) -> tuple[Change, ...]:
    """The changes from `old` to `new`, in the order of the notice's fields."""
    found: list[Change] = []
    for name, area in changelog_fields(Notice).items():
        before, after = getattr(old, name), getattr(new, name)
        if item_kind(Notice, name):
            found += _items(area, before, after)
        elif before != after:
            found.append(Change(area, "changed"))
    return tuple(found)


def _items(area: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Change]:
    """Items removed, added and changed; a changed item also names each followed field that changed."""
    before = {item.key: item for item in old}
    after = {item.key: item for item in new}
    found = [Change(area, "removed", item.label) for key, item in before.items() if key not in after]
    for key, item in after.items():
        if key not in before:
            found.append(Change(area, "added", item.label))
        elif before[key] != item:
            found.append(Change(area, "changed", item.label))
            found += [
                Change(part, "changed", item.label)
                for field, part in changelog_fields(type(item)).items()
                if getattr(before[key], field) != getattr(item, field)
            ]
    return found
