"""Released texts compared as a lawyer reads them (generator/record/compare.py): real released Markdown shapes."""

from __future__ import annotations

from generator.record.compare import compare, sections

OLD = """# Privacy notice: A Oy

## Purposes { #purposes }

### Orders { #purpose-orders }

We keep order data for six years.

- **Legal basis:** contract

## Cookies { #cookies }

| Cookie | Provider | Duration |
| --- | --- | --- |
| session | A Oy | session |
| _ga | Google | 2 years |

## Rights { #rights }

- **Right of access.** Ask us.
"""


def _ops(result):
    return [(s.key, s.op) for s in result]


def test_a_text_reads_into_sections_by_heading_id_with_tables_as_rows():
    found = sections(OLD)
    assert [(s.key, s.level, s.title) for s in found] == [
        ("introduction", 2, "Privacy notice: A Oy"), ("purposes", 2, "Purposes"),
        ("purpose-orders", 3, "Orders"), ("cookies", 2, "Cookies"), ("rights", 2, "Rights")]
    table = found[3].blocks[0]
    assert table.kind == "table" and table.rows[0] == ("Cookie", "Provider", "Duration")
    assert table.rows[1:] == (("session", "A Oy", "session"), ("_ga", "Google", "2 years"))


def test_a_changed_row_is_matched_by_its_first_cell_and_marked_cell_by_cell():
    new = OLD.replace("| _ga | Google | 2 years |", "| _ga | Google | 13 months |")
    (cookies,) = compare(OLD, new)
    rows = cookies.blocks[-1].rows
    assert [row.op for row in rows] == ["same", "changed"]
    assert [(s.op, s.text) for s in rows[1].cells[2]] == [("removed", "2 years"), ("added", "13 months")]


def test_a_removed_section_is_shown_whole_and_marked_removed_never_as_markdown():
    new = OLD[:OLD.index("## Cookies")] + OLD[OLD.index("## Rights"):]
    (cookies,) = compare(OLD, new)
    assert cookies.op == "removed" and cookies.key == "cookies"
    rows = cookies.blocks[0].rows
    assert [row.op for row in rows] == ["removed", "removed"]
    assert all("---" not in span.text for row in rows for cell in row.cells for span in cell)


def test_a_changed_subsection_comes_under_its_parent_heading():
    new = OLD.replace("six years", "ten years")
    assert _ops(compare(OLD, new)) == [("purposes", "same"), ("purpose-orders", "changed")]
    changed = compare(OLD, new)[1].blocks[0]
    assert [(s.op, s.text) for s in changed.spans] == [
        ("same", "We keep order data for "), ("removed", "six"), ("added", "ten"), ("same", " years.")]


def test_a_renamed_heading_is_a_change_of_the_same_section():
    new = OLD.replace("### Orders { #purpose-orders }", "### Orders and returns { #purpose-orders }")
    purposes, orders = compare(OLD, new)
    assert orders.op == "changed" and orders.blocks[0].kind == "heading"
    assert [(s.op, s.text) for s in orders.blocks[0].spans] == [("same", "Orders"), ("added", " and returns")]


def test_an_added_section_and_identical_texts():
    new = OLD + "\n## Security { #security }\n\nWe encrypt.\n"
    assert _ops(compare(OLD, new)) == [("security", "added")]
    assert compare(OLD, OLD) == ()


def test_comparing_a_long_list_of_renamed_items_costs_linear_work() -> None:
    """Each old block is sought among at most LOOK_AHEAD new ones, and a paragraph too long to align word by word
    is shown removed and added whole: the similarity tests grow with the blocks, not with their square (the
    time is `make bench`'s rename figure; here the work is counted, which no machine's load changes)."""
    from generator.record import compare as module

    def text(n: int, tag: str) -> str:
        items = "\n".join(f"- {tag} {i}" for i in range(n))
        names = ", ".join(f"{tag} {i}" for i in range(n))
        return f"# T\n\n## Tiedot {{ #data }}\n\n{items}\n\nKäsittelemme: {names}.\n"

    calls: list[int] = []
    original = module._similar

    def counted(old: str, new: str) -> bool:
        calls.append(1)
        return original(old, new)

    module._similar = counted  # type: ignore[assignment]
    try:
        counts = []
        for n in (500, 2000):
            calls.clear()
            module.compare(text(n, "Tietoryhmät asiakkaista ennen uudistusta"), text(n, "Luokka"))
            counts.append(len(calls))
    finally:
        module._similar = original
    assert counts[1] <= 4 * counts[0] + 10
