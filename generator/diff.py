"""What changed between two releases: a list of changes, and a text diff.

`changes` compares the structured notices wherever the model marks a field
for the changelog (`model.changelog`): lists of items are matched by each
item's key (an id, or a country, or a cookie's provider and name), so the
changelog can say in each language what was added, removed or changed.
`text_diff` compares the released texts paragraph by paragraph, for a
readable diff page.

>>> from generator.model import Notice
>>> base = {"seloste": 2, "controller": {"name": "A Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}}
>>> old = Notice.from_data(base)
>>> new = Notice.from_data({**base, "transfers": [{"country": "US"}]})
>>> changes(old, new)
(Change(area='transfer', action='added', subject='US'),)
"""

from __future__ import annotations

import difflib
import functools
import html
import re
from dataclasses import dataclass
from typing import Any, Literal

from .model import Notice, Text, changelog_fields, item_kind

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
            found += [Change(part, "changed", item.label) for field, part in changelog_fields(type(item)).items()
                      if getattr(before[key], field) != getattr(item, field)]
    return found


# -- Text diff ---------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]*)\]\(<[^>]*>\)")
_ATTRS = re.compile(r"\s*\{ #[^}]*\}$")
_MARK = re.compile(r"^(#+|-) ")
_ESCAPE = re.compile(r"\\(.)")


def plain_lines(markdown: str) -> list[str]:
    """The released Markdown as plain lines: no heading marks, escapes or link targets.

    >>> plain_lines("## Recipients { #recipients }\\n\\n- **Sub\\\\_contractors** ([mail](<mailto:a@b.fi>))")
    ['Recipients', 'Sub_contractors (mail)']
    """
    return list(_plain_lines(markdown))


@functools.lru_cache(maxsize=4)
def _plain_lines(markdown: str) -> tuple[str, ...]:
    # Kept for the next diff: consecutive releases' diffs share a text, the
    # newer one of a diff being the older one of the next. Each pattern runs
    # only on a line that can match it (most lines are plain text).
    lines = []
    for line in markdown.splitlines():
        if line.endswith("}"):
            line = _ATTRS.sub("", line)
        if line.startswith(("#", "- ")):
            line = _MARK.sub("", line)
        if "](<" in line:
            line = _LINK.sub(r"\1", line)
        line = line.replace("**", "")
        if "\\" in line:
            line = _ESCAPE.sub(r"\1", line)
        line = html.unescape(line)
        if line.strip():
            lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class DiffLine:
    """A paragraph of the diff: kept as it was, removed, or added."""

    op: Literal["same", "removed", "added"]
    text: str


def text_diff(old: str, new: str, context: int = 1) -> tuple[DiffLine | None, ...]:
    """Paragraph diff of two released texts; None marks skipped unchanged paragraphs.

    >>> [d and (d.op, d.text) for d in text_diff("# T\\n\\na\\n\\nb\\n\\nc", "# T\\n\\na\\n\\nB\\n\\nc", context=0)]
    [None, ('removed', 'b'), ('added', 'B'), None]
    """
    a, b = plain_lines(old), plain_lines(new)
    out: list[DiffLine | None] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        if group[0][1] > 0 or group[0][3] > 0:
            out.append(None)
        for op, i1, i2, j1, j2 in group:
            if op == "equal":
                out += [DiffLine("same", line) for line in a[i1:i2]]
                continue
            out += [DiffLine("removed", line) for line in a[i1:i2]]
            out += [DiffLine("added", line) for line in b[j1:j2]]
        last = group[-1]
        if last[2] < len(a) or last[4] < len(b):
            out.append(None)
    return tuple(line for i, line in enumerate(out) if line is not None or i == 0 or out[i - 1] is not None)
