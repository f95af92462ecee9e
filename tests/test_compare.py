"""Released texts compared as a lawyer reads them (generator/record/compare.py): real released Markdown shapes."""

from __future__ import annotations

import pytest

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
        ("introduction", 2, "Privacy notice: A Oy"),
        ("purposes", 2, "Purposes"),
        ("purpose-orders", 3, "Orders"),
        ("cookies", 2, "Cookies"),
        ("rights", 2, "Rights"),
    ]
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
    new = OLD[: OLD.index("## Cookies")] + OLD[OLD.index("## Rights") :]
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
        ("same", "We keep order data for "),
        ("removed", "six"),
        ("added", "ten"),
        ("same", " years."),
    ]


def test_a_renamed_heading_is_a_change_of_the_same_section():
    new = OLD.replace("### Orders { #purpose-orders }", "### Orders and returns { #purpose-orders }")
    purposes, orders = compare(OLD, new)
    assert orders.op == "changed" and orders.blocks[0].kind == "heading"
    assert [(s.op, s.text) for s in orders.blocks[0].spans] == [("same", "Orders"), ("added", " and returns")]


def test_an_added_section_and_identical_texts():
    new = OLD + "\n## Security { #security }\n\nWe encrypt.\n"
    assert _ops(compare(OLD, new)) == [("security", "added")]
    assert compare(OLD, OLD) == ()


@pytest.fixture
def similarity_tests(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The similarity tests compare makes from here on, counted (one item each): work, which no machine's
    load changes."""
    from generator.record import compare as module

    calls: list[int] = []
    original = module._similar

    def counted(old: str, new: str) -> bool:
        calls.append(1)
        return original(old, new)

    monkeypatch.setattr(module, "_similar", counted)
    return calls


def test_comparing_a_long_list_of_renamed_items_costs_linear_work(similarity_tests: list[int]) -> None:
    """Each old block is sought among at most LOOK_AHEAD new ones, and a paragraph too long to align word by word
    is shown removed and added whole: the similarity tests grow with the blocks, not with their square (the
    time is `make bench`'s rename figure; here the work is counted)."""

    def text(n: int, tag: str) -> str:
        items = "\n".join(f"- {tag} {i}" for i in range(n))
        names = ", ".join(f"{tag} {i}" for i in range(n))
        return f"# T\n\n## Tiedot {{ #data }}\n\n{items}\n\nKäsittelemme: {names}.\n"

    counts = []
    for n in (500, 2000):
        similarity_tests.clear()
        compare(text(n, "Tietoryhmät asiakkaista ennen uudistusta"), text(n, "Luokka"))
        counts.append(len(similarity_tests))
    assert counts[1] <= 4 * counts[0] + 10


# -- What changed in substance (issue 19) ---------------------------------------------------------------

LIST = """# Privacy notice: A Oy

## Data { #data }

We process the personal data of the following groups of people (data subjects):

- Customers
- Prospective customers
- Employees

## Rights { #rights }

- **Right of access (Art. 15).** Ask us.
- **Right to object (Art. 21).** You may object on grounds relating to your situation.
- **Right to data portability (Art. 20).** Ask us for a copy.
- **Right to object to direct marketing (Art. 21(2)).** You may forbid direct marketing.

## Cookies { #cookies }

| Cookie | Provider |
| --- | --- |
| – | Google |
| – | Matomo |
"""


def _blocks(section):
    return [
        (b.op, b.kind, b.nature, "".join(f"[{s.op}:{s.text}]" if s.op != "same" else s.text for s in b.spans))
        for b in section.blocks
    ]


def test_list_items_whose_capital_letters_changed_are_each_changed_in_place_and_editorial():
    """ "Customers" that became "customers" is one item corrected, never "Removed: Customers" and "Added:
    customers" (a reader would take it that customers stopped being data subjects), and never paired with
    "prospective customers"."""
    new = LIST.replace("- Customers", "- customers").replace("- Prospective customers", "- prospective customers")
    (data,) = compare(LIST, new)
    assert _blocks(data)[1:] == [
        ("changed", "item", "editorial", "[removed:Customers][added:customers]"),
        ("changed", "item", "editorial", "[removed:Prospective][added:prospective] customers"),
        ("same", "item", "substantive", "Employees"),
    ]


def test_a_list_item_whose_words_changed_is_changed_in_place():
    """One item replaced by one other at its place: old → new in one item, not one removed and one added."""
    (data,) = compare(LIST, LIST.replace("- Employees", "- Staff"))
    assert _blocks(data)[-1] == ("changed", "item", "substantive", "[removed:Employees][added:Staff]")


def test_an_item_named_by_its_bold_words_is_followed_where_it_moved():
    """A right moved down the list and reworded is that right changed, not another right rewritten into it."""
    new = LIST.replace(
        "- **Right to object (Art. 21).** You may object on grounds relating to your situation.\n"
        "- **Right to data portability (Art. 20).** Ask us for a copy.\n",
        "- **Right to data portability (Art. 20).** Ask us for a copy.\n"
        "- **Right to object (Art. 21).** On grounds relating to your situation, you may object.\n",
    ).replace("You may forbid direct marketing.", "You may object to direct marketing.")
    (rights,) = compare(LIST, new)
    shown = _blocks(rights)
    assert [(op, text.split(".")[0]) for op, _, _, text in shown if op not in ("same", "skip")] == [
        ("changed", "Right to object (Art"),
        ("changed", "Right to object to direct marketing (Art"),
    ]
    assert not [b for b in shown if b[0] in ("added", "removed")]


def test_rows_with_the_same_first_cell_are_two_rows_and_both_are_shown():
    """Two providers with no cookie named: removing one row is one row removed, the other kept."""
    (cookies,) = compare(LIST, LIST.replace("| – | Matomo |\n", ""))
    rows = [(row.op, [span.text for cell in row.cells for span in cell]) for row in cookies.blocks[-1].rows]
    assert rows == [("same", ["–", "Google"]), ("removed", ["–", "Matomo"])]


def test_a_row_corrected_in_capital_letters_is_editorial():
    (cookies,) = compare(LIST, LIST.replace("| – | Google |", "| – | GOOGLE |"))
    assert [(row.op, row.nature) for row in cookies.blocks[-1].rows] == [
        ("changed", "editorial"),
        ("same", "substantive"),
    ]


def test_a_paragraph_changed_only_in_punctuation_is_editorial_and_a_word_is_not():
    old = "# T\n\n## A { #a }\n\nWe keep data, for six years.\n"
    (section,) = compare(old, old.replace("data, for", "data for"))
    assert [(b.op, b.nature) for b in section.blocks] == [("changed", "editorial")]
    (section,) = compare(old, old.replace("six", "ten"))
    assert [(b.op, b.nature) for b in section.blocks] == [("changed", "substantive")]


def test_an_item_whose_capital_letters_and_a_word_changed_is_still_found_among_others():
    """Capital letters aside, "Prospective customers" and "prospective clients" share most of their words; an
    item with no word in common with any other is removed, and the new one added."""
    new = LIST.replace("- Prospective customers", "- prospective clients").replace("- Employees", "- Staff members")
    (data,) = compare(LIST, new)
    assert _blocks(data)[2:] == [
        ("changed", "item", "substantive", "[removed:Prospective customers][added:prospective clients]"),
        ("removed", "item", "substantive", "[removed:Employees]"),
        ("added", "item", "substantive", "[added:Staff members]"),
    ]


def test_two_rows_with_the_same_first_cell_replaced_by_one_are_never_merged():
    """Two rows with "–" as first cell, both gone, and a third one added: none of them is lost or paired by guess."""
    new = LIST.replace("| – | Google |\n| – | Matomo |\n", "| – | Plausible |\n")
    (cookies,) = compare(LIST, new)
    rows = [(row.op, [span.text for cell in row.cells for span in cell]) for row in cookies.blocks[-1].rows]
    assert rows == [("removed", ["–", "Google"]), ("removed", ["–", "Matomo"]), ("added", ["–", "Plausible"])]


def test_blocks_with_the_same_words_are_aligned_without_being_sought(similarity_tests: list[int]) -> None:
    """Only the blocks that changed are compared word by word for their likeness: fifty paragraphs that stayed
    cost no similarity test, so a long text with one change costs one."""
    old = "# T\n\n## A { #a }\n\n" + "\n\n".join(f"Paragraph {i} says the same." for i in range(50)) + "\n"
    new = old.replace("Paragraph 25 says the same.", "Paragraph 25 says something else.")
    (section,) = compare(old, new)
    assert [block.op for block in section.blocks] == ["skip", "same", "changed", "same", "skip"]
    assert len(similarity_tests) == 1


def test_what_a_comparison_gives_cannot_change() -> None:
    """Plain, immutable data for the diff page's template: one comparison's result may serve several pages."""
    import dataclasses

    from generator.record.compare import Block

    result = compare(OLD, OLD.replace("six years", "ten years").replace("| _ga | Google |", "| _gid | Google |"))
    section = sections(OLD)[0]
    changed = next(s for s in result if s.blocks)
    block = next(b for b in changed.blocks if b.spans)
    for value in (result[0], changed, block, block.spans[0], section, Block("paragraph", "x")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.op = "same"  # type: ignore[misc, union-attr]  # the point: it is frozen
    rows = next(b for s in result for b in s.blocks if b.kind == "table").rows
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].op = "same"  # type: ignore[misc]
