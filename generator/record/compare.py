"""Two released texts compared as a lawyer reads them: section by section, word by word.

A released text is Markdown the generator wrote, so its structure is known:
headings with fixed ids (`## Recipients { #recipients }`), paragraphs, list
items one per line, and tables. `sections` reads it into sections keyed by
heading id; `compare` pairs the sections of two texts by id, the blocks of a
section by their text, the rows of a table by their first cell, and marks
the words inserted and deleted inside a changed paragraph. The result is
plain data for the diff page's autoescaped template.

>>> old = "# T\\n\\n## A { #a }\\n\\nWe keep data.\\n\\n## B { #b }\\n\\nSame."
>>> new = "# T\\n\\n## A { #a }\\n\\nWe keep your data.\\n\\n## B { #b }\\n\\nSame."
>>> [(s.key, s.op) for s in compare(old, new)]
[('a', 'changed')]
>>> [(span.op, span.text) for span in compare(old, new)[0].blocks[0].spans]
[('same', 'We keep '), ('added', 'your '), ('same', 'data.')]
"""

from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from generator import caches
from generator.notice.changes import Nature, same_words, wording
from generator.notice.markup import Markdown

Op = Literal["same", "added", "removed", "changed"]
INTRODUCTION = "introduction"
"""The key of what precedes the first section heading: the title and the introduction."""

_HEADING = re.compile(r"^(#{1,6}) (.*?)(?:\s*\{ #([A-Za-z0-9_-]+) \})?$")
_LINK = re.compile(r"\[([^\]]*)\]\(<([^>]*)>\)")
_ESCAPE = re.compile(r"\\(.)")
_CELL = re.compile(r"(?<!\\)\|")
_WORD = re.compile(r"\w+|\s+|[^\w\s]")
_MARKUP = re.compile(r"[\[*\\&]")
_LEAD = re.compile(r"\*\*(.+?)\*\*")
"""The bold words that open a list item (`- **Right of access (Art. 15).** ...`): what the item is about."""
"""What `plain` reads: a link, bold, an escape, an entity; text without any of them is plain already."""
_SIMILAR = 0.4
"""Two blocks at the same place whose words agree at least this much are one block changed."""
LOOK_AHEAD = 16
"""How many of the new blocks an old block is compared with to find the one it became: the comparison of two
texts costs time linear in their blocks (a block that changed beyond the first LOOK_AHEAD new ones is shown
removed, and the new one added, which is still true)."""
WORD_PAIRS = 4_000_000
"""The largest product of two blocks' word counts that is compared word by word (difflib's alignment costs
that much in the worst case); past it, the block is shown removed and added whole."""


@dataclass(frozen=True)
class Block:
    """A paragraph, a list item, or a table (its rows, the header first) of a released text."""

    kind: Literal["paragraph", "item", "table"]
    text: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    lead: str = ""
    """A list item's opening bold words, which name what it is about; "" for anything else."""


@dataclass(frozen=True)
class Section:
    """A heading and the blocks up to the next heading."""

    key: str
    level: int
    heading: Markdown
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Span:
    op: Op
    text: str


@dataclass(frozen=True)
class RowChange:
    op: Op
    cells: tuple[tuple[Span, ...], ...]
    nature: Nature = "substantive"


@dataclass(frozen=True)
class BlockChange:
    """A block as it was, removed, added or changed; `skip` stands for unchanged blocks left out. A block
    changed only in capital letters, spacing or punctuation is `editorial`: the page says so, not that words
    were removed and added."""

    op: Op | Literal["skip"]
    kind: str
    spans: tuple[Span, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[RowChange, ...] = ()
    nature: Nature = "substantive"


@dataclass(frozen=True)
class SectionChange:
    """A section of the comparison; `same` with no blocks is a heading shown for a changed subsection."""

    key: str
    level: int
    heading: Markdown
    op: Op
    blocks: tuple[BlockChange, ...] = field(default=())


# -- Reading a released text -----------------------------------------------------


def plain(markdown: str) -> str:
    """Inline Markdown of a released text as the reader sees it; a link keeps its address.

    >>> plain("**Sub\\\\_contractors** ([mail](<mailto:a@b.fi>)), [https://a.fi](<https://a.fi>)")
    'Sub_contractors (mail <a@b.fi>), https://a.fi'
    """

    def link(match: re.Match[str]) -> str:
        text, url = match.groups()
        address = html.unescape(url).removeprefix("mailto:")
        return text if address == _unescape(text) else f"{text} <{address}>"

    if not _MARKUP.search(markdown):  # most of a text: nothing to read
        return markdown
    return _unescape(_LINK.sub(link, markdown).replace("**", ""))


def _unescape(text: str) -> str:
    return html.unescape(_ESCAPE.sub(r"\1", text))


@caches.kept(maxsize=256)
def sections(markdown: str) -> tuple[Section, ...]:
    """The sections of a released text, in order; the title and introduction come first.

    Cached: a release's text is compared with the one before, the one after and the one in force, so a
    language's diff pages read each text three times (a site of 100 releases holds 101 texts a language).
    """
    found: list[Section] = []
    key, level, heading, title = INTRODUCTION, 2, Markdown(""), ""
    blocks: list[Block] = []
    paragraph: list[str] = []
    table: list[tuple[str, ...]] = []

    def close_blocks() -> None:
        if paragraph:
            blocks.append(Block("paragraph", plain(" ".join(paragraph))))
            paragraph.clear()
        if table:
            blocks.append(Block("table", rows=tuple(table)))
            table.clear()

    for line in markdown.splitlines():
        stripped = line.strip()
        match = _HEADING.match(stripped)
        if match:
            close_blocks()
            if blocks or key != INTRODUCTION or heading:
                found.append(Section(key, level, heading, title, tuple(blocks)))
            blocks = []
            marks, text, anchor = match.groups()
            if len(marks) == 1:  # the notice's title opens its introduction
                key, level = INTRODUCTION, 2
            else:
                key = anchor or re.sub(r"\W+", "-", plain(text).lower()).strip("-") or "section"
                level = len(marks)
            heading, title = Markdown(text), plain(text)
        elif stripped.startswith("|"):
            if paragraph:
                close_blocks()
            cells = tuple(plain(cell.strip()) for cell in _CELL.split(stripped.strip("|")))
            if not all(set(cell) <= set("-: ") for cell in cells):
                table.append(cells)
        elif stripped.startswith("- "):
            close_blocks()
            lead = _LEAD.match(stripped[2:])
            blocks.append(Block("item", plain(stripped[2:]), lead=plain(lead[1]) if lead else ""))
        elif not stripped or stripped == "---":
            close_blocks()
        else:
            if table:
                close_blocks()
            paragraph.append(stripped)
    close_blocks()
    found.append(Section(key, level, heading, title, tuple(blocks)))
    return tuple(found)


# -- Comparing -------------------------------------------------------------------


def words(old: str, new: str) -> tuple[Span, ...]:
    """The words deleted from `old` and inserted into `new`, with what stayed.

    >>> [(s.op, s.text) for s in words("kept 6 years", "kept 18 months")]
    [('same', 'kept '), ('removed', '6 years'), ('added', '18 months')]
    """
    a, b = _WORD.findall(old), _WORD.findall(new)
    if len(a) * len(b) > WORD_PAIRS:
        return tuple(span for span in (Span("removed", old), Span("added", new)) if span.text)
    spans: list[Span] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            spans.append(Span("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            spans.append(Span("removed", "".join(a[i1:i2])))
        if j2 > j1:
            spans.append(Span("added", "".join(b[j1:j2])))
    return _merged(spans)


def _merged(spans: list[Span]) -> tuple[Span, ...]:
    """Each run of changes as one deletion and one insertion; a space between two changes joins them.

    >>> [(s.op, s.text) for s in words("a b c", "x y c")]
    [('removed', 'a b'), ('added', 'x y'), ('same', ' c')]
    """
    out: list[Span] = []
    removed = added = ""
    for index, span in enumerate(spans):
        inside = (
            span.op == "same"
            and not span.text.strip()
            and (removed or added)
            and index + 1 < len(spans)
            and spans[index + 1].op != "same"
        )
        if span.op == "removed" or inside:
            removed += span.text
        if span.op == "added" or inside:
            added += span.text
        if span.op == "same" and not inside:
            out += [change for change in (Span("removed", removed), Span("added", added)) if change.text]
            removed = added = ""
            out.append(span)
    out += [change for change in (Span("removed", removed), Span("added", added)) if change.text]
    return tuple(out)


def _similar(old: str, new: str) -> bool:
    """Whether the words of two blocks agree at least _SIMILAR, capital letters aside; the cheap upper bounds
    first (difflib's idiom).

    >>> _similar("We keep data for six years.", "We keep data for ten years.")
    True
    >>> _similar("We keep data for six years.", "Cookies: none")
    False
    """
    a, b = _WORD.findall(old.casefold()), _WORD.findall(new.casefold())
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _SIMILAR
        and matcher.quick_ratio() >= _SIMILAR
        and len(a) * len(b) <= WORD_PAIRS
        and matcher.ratio() >= _SIMILAR
    )


def _whole(op: Op, block: Block) -> BlockChange:
    if block.kind == "table":
        header, *rows = block.rows or ((),)
        return BlockChange(
            op, "table", header=header, rows=tuple(RowChange(op, tuple((Span(op, c),) for c in row)) for row in rows)
        )
    return BlockChange(op, block.kind, spans=(Span(op, block.text),))


def _nature(old: tuple[str, ...], new: tuple[str, ...]) -> Nature:
    """Editorial when every text differs from the one it became only in capital letters, spacing or punctuation."""
    same = len(old) == len(new) and all(same_words(a, b) for a, b in zip(old, new, strict=True))
    return "editorial" if same else "substantive"


def _row_keys(rows: tuple[tuple[str, ...], ...]) -> list[object]:
    """What names each row: its first cell (its words) where no other row has it, else the whole row. Two rows
    with the same first cell (two cookies of one provider with no name given) are two rows, never one."""
    firsts = [wording(row[0]) if row else () for row in rows]
    seen = Counter(firsts)
    return [first if seen[first] == 1 else (first, row) for first, row in zip(firsts, rows, strict=True)]


def _row(op: Op, row: tuple[str, ...]) -> RowChange:
    return RowChange(op, tuple((Span(op, c),) for c in row))


def _table(old: Block, new: Block) -> BlockChange:
    """Rows compared one by one: a row with the same first cell is the same row, changed or not."""
    old_rows, new_rows = old.rows[1:], new.rows[1:]
    out: list[RowChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old_rows, b=new_rows, autojunk=False).get_opcodes():
        if op == "equal":
            out += [RowChange("same", tuple((Span("same", c),) for c in row)) for row in old_rows[i1:i2]]
            continue
        before = dict(zip(_row_keys(old_rows[i1:i2]), old_rows[i1:i2], strict=True))
        after = dict(zip(_row_keys(new_rows[j1:j2]), new_rows[j1:j2], strict=True))
        out += [_row("removed", row) for key, row in before.items() if key not in after]
        for key, row in after.items():
            if key not in before:
                out.append(_row("added", row))
                continue
            cells = tuple(words(a, b) if a != b else (Span("same", b),) for a, b in zip(before[key], row, strict=False))
            out.append(RowChange("changed", cells, _nature(before[key], row)))
    return BlockChange("changed", "table", header=new.rows[0] if new.rows else (), rows=tuple(out))


def _changed(old: Block, new: Block) -> BlockChange:
    """A block and the one it became, side by side: the same, or changed (editorial or not)."""
    if old == new:
        return _whole("same", new)
    if old.kind == "table":
        return _table(old, new)
    return BlockChange("changed", old.kind, spans=words(old.text, new.text), nature=_nature((old.text,), (new.text,)))


def _signature(block: Block, leads: frozenset[str]) -> tuple[object, ...]:
    """What the alignment of two sections compares: a list item by the bold words that name it (where they are
    unique in both texts), anything else by its words, so a change of capital letters alone keeps its place."""
    if block.lead and block.lead.casefold() in leads:
        return ("lead", block.lead.casefold())
    if block.kind == "table":
        return ("table",)
    return (block.kind, wording(block.text))


def _unique_leads(blocks: tuple[Block, ...]) -> set[str]:
    seen = Counter(block.lead.casefold() for block in blocks if block.lead)
    return {lead for lead, count in seen.items() if count == 1}


def _blocks(old: tuple[Block, ...], new: tuple[Block, ...]) -> list[BlockChange]:
    """The blocks of a section aligned: an item named by the same bold words in both texts is the same item
    wherever it moved; other blocks whose words agree, and a list item replaced by one other, are one block
    changed in place; the rest is removed or added."""
    leads = frozenset(_unique_leads(old) & _unique_leads(new))
    a = [_signature(block, leads) for block in old]
    b = [_signature(block, leads) for block in new]
    led = {sig: j for j, sig in enumerate(b) if sig[0] == "lead"}
    moved = {led[sig]: i for i, sig in enumerate(a) if sig in led}  # new index: old index, for named items
    moved_old = set(moved.values())
    out: list[BlockChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [_changed(old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        olds = [i for i in range(i1, i2) if i not in moved_old]
        pending = [j for j in range(j1, j2) if j not in moved]  # the new blocks that may pair by place
        one_for_one = len(olds) == len(pending) == 1 and old[olds[0]].kind == new[pending[0]].kind == "item"
        following, first = j1, 0  # the next new block to show; the first of `pending` not yet paired
        for i in olds:
            found = 0 if one_for_one else _found(old[i], new, pending, first)
            if found is None:
                out.append(_whole("removed", old[i]))
                continue
            out += [_placed(old, new, moved, j) for j in range(following, pending[found])]
            out.append(_changed(old[i], new[pending[found]]))
            following, first = pending[found] + 1, found + 1
        out += [_placed(old, new, moved, j) for j in range(following, j2)]
    return out


def _placed(old: tuple[Block, ...], new: tuple[Block, ...], moved: dict[int, int], index: int) -> BlockChange:
    """A new block not paired by its place: the old item named by the same bold words, else added."""
    return _changed(old[moved[index]], new[index]) if index in moved else _whole("added", new[index])


def _found(block: Block, new: tuple[Block, ...], pending: list[int], first: int) -> int | None:
    """Which of the next LOOK_AHEAD blocks of `pending` (indices into `new`) `block` became: the first of its
    kind whose words agree at least _SIMILAR (blocks with the same words were aligned already, by their
    signatures)."""
    kind = [k for k in range(first, min(first + LOOK_AHEAD, len(pending))) if new[pending[k]].kind == block.kind]
    if block.kind == "table":
        return kind[0] if kind else None
    return next((k for k in kind if _similar(block.text, new[pending[k]].text)), None)


def _in_context(blocks: list[BlockChange], context: int = 1) -> tuple[BlockChange, ...]:
    """Unchanged blocks more than `context` blocks away from a change become one `skip`."""
    near = {i + d for i, b in enumerate(blocks) if b.op != "same" for d in range(-context, context + 1)}
    out: list[BlockChange] = []
    for index, block in enumerate(blocks):
        if index in near:
            out.append(block)
        elif not out or out[-1].op != "skip":
            out.append(BlockChange("skip", ""))
    return tuple(out)


def _section(old: Section | None, new: Section | None) -> SectionChange:
    if old is None or new is None:
        op: Op = "added" if old is None else "removed"
        shown = new or old
        assert shown is not None
        return SectionChange(
            shown.key, shown.level, shown.heading, op, tuple(_whole(op, block) for block in shown.blocks)
        )
    if old.title == new.title and old.blocks == new.blocks:  # most sections of a revision: no need to compare
        return SectionChange(new.key, new.level, new.heading, "same")
    blocks = _blocks(old.blocks, new.blocks)
    if old.title != new.title:
        blocks.insert(
            0,
            BlockChange(
                "changed", "heading", spans=words(old.title, new.title), nature=_nature((old.title,), (new.title,))
            ),
        )
    changed = any(block.op != "same" for block in blocks)
    return SectionChange(
        new.key, new.level, new.heading, "changed" if changed else "same", _in_context(blocks) if changed else ()
    )


def compare(old: str, new: str) -> tuple[SectionChange, ...]:
    """The sections that changed from `old` to `new`, in reading order, each under its parent headings."""
    before, after = sections(old), sections(new)
    old_index = {section.key: index for index, section in enumerate(before)}
    new_keys = {section.key for section in after}
    merged: list[SectionChange] = []
    position = 0
    for section in after:
        index = old_index.get(section.key)
        if index is None:
            merged.append(_section(None, section))
            continue
        merged += [_section(gone, None) for gone in before[position:index] if gone.key not in new_keys]
        position = max(position, index + 1)
        merged.append(_section(before[index], section))
    merged += [_section(gone, None) for gone in before[position:] if gone.key not in new_keys]
    return _with_parents(merged)


def _with_parents(merged: list[SectionChange]) -> tuple[SectionChange, ...]:
    """The changed sections, and the heading of each unchanged section above a changed one."""
    shown: list[SectionChange] = []
    for index, section in enumerate(merged):
        if section.op != "same":
            shown.append(section)
            continue
        following = merged[index + 1 :]
        below = []
        for later in following:
            if later.level <= section.level:
                break
            below.append(later)
        if any(later.op != "same" for later in below):
            shown.append(SectionChange(section.key, section.level, section.heading, "same"))
    return tuple(shown)
