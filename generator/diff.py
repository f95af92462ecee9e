"""What changed between two releases: a list of changes, and a text diff.

`changes` compares the structured notices: purposes, recipients, transfers,
cookies, retention, legal bases and controller details, matched by id (or by
country, cookie name and provider), so the changelog can say in each language
what was added, removed or changed. `text_diff` compares the released texts
paragraph by paragraph, for a readable diff page.

>>> from generator.model import Notice
>>> base = {"seloste": 1, "controller": {"name": "A Oy"},
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
from typing import Any, Callable, Iterable, Literal

from .model import Notice, Text

Action = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One change: which area, what happened, and to what (an id, country or name)."""

    area: str
    action: Action
    subject: str | Text = ""


def changes(old: Notice, new: Notice) -> tuple[Change, ...]:
    """The changes from `old` to `new`, in the order of the notice."""
    found: list[Change] = []
    found += _controller(old, new)
    found += _keyed("purpose", old.purposes, new.purposes, lambda p: p.id, lambda p: p.name)
    for before, after in _pairs(old.purposes, new.purposes, lambda p: p.id):
        if before.legal_bases != after.legal_bases:
            found.append(Change("legal_basis", "changed", after.name))
        if before.retention != after.retention:
            found.append(Change("retention", "changed", after.name))
    found += _keyed("recipient", old.recipients, new.recipients, lambda r: r.id, lambda r: r.name)
    found += _keyed("transfer", old.transfers, new.transfers, lambda t: (t.country, t.recipient), lambda t: t.country)
    found += _keyed("cookie", old.cookies, new.cookies, lambda c: (c.provider, c.name), lambda c: c.name or c.provider)
    found += _keyed("data_category", old.data_categories, new.data_categories, lambda c: c.id, lambda c: c.name)
    found += _keyed("source", old.sources, new.sources, lambda s: s.id, lambda s: s.name)
    if old.rights != new.rights:
        found.append(Change("rights", "changed"))
    return tuple(found)


def _controller(old: Notice, new: Notice) -> list[Change]:
    fields = ("controller", "representative", "data_protection_officer")
    return [Change(name, "changed") for name in fields if getattr(old, name) != getattr(new, name)]


def _pairs(old: Iterable[Any], new: Iterable[Any], key: Callable[[Any], Any]) -> list[tuple[Any, Any]]:
    before = {key(item): item for item in old}
    return [(before[key(item)], item) for item in new if key(item) in before]


def _keyed(area: str, old: Iterable[Any], new: Iterable[Any], key: Callable[[Any], Any],
           label: Callable[[Any], str | Text]) -> list[Change]:
    before = {key(item): item for item in old}
    after = {key(item): item for item in new}
    found = [Change(area, "removed", label(item)) for k, item in before.items() if k not in after]
    for k, item in after.items():
        if k not in before:
            found.append(Change(area, "added", label(item)))
        elif before[k] != item:
            found.append(Change(area, "changed", label(item)))
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
