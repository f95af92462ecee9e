"""The Markdown extensions the adapter adds (generator/host/extensions.py), in process, in the adapter's order."""

from __future__ import annotations

from typing import Any

import markdown

from generator.host.extensions import seloste_extensions


def _html(text: str) -> str:
    """`text` read as a page is: MkDocs' extensions the notices use, then ours, as the adapter adds them."""
    ours: list[Any] = seloste_extensions(lambda: ())
    return markdown.markdown(text, extensions=["tables", "attr_list", *ours])


def test_a_link_reading_as_its_address_is_marked_even_where_part_of_it_is_marked_up() -> None:
    assert _html("[https://a.fi/**x**](<https://a.fi/x>)") == (
        '<p><a class="seloste-address" href="https://a.fi/x">https://a.fi/<strong>x</strong></a></p>'
    )


def test_a_table_keeps_its_focus_and_column_names_past_the_inert_pass() -> None:
    """Inert drops attributes Markdown does not write; the table's own run before it, so they are not dropped."""
    page = _html("| a |\n| --- |\n| 1 |")
    assert '<table tabindex="0">' in page and '<td data-label="a">1</td>' in page


def test_a_links_title_is_kept() -> None:
    assert _html('[a](<https://a.fi> "Title")') == '<p><a href="https://a.fi" title="Title">a</a></p>'


def test_an_image_after_other_inline_elements_leaves_its_text_where_it_stood() -> None:
    assert _html("*a* *b* ![i](https://e.example/i.png) c") == "<p><em>a</em> <em>b</em> i c</p>"
