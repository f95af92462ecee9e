"""What a scalar of a notice file reads as (generator/notice/load.py): only a plain scalar is ever a number, a truth value
or null; a quoted or block scalar is the text as written, by either parser."""

from __future__ import annotations

import pytest

from generator.notice.load import _libyaml_events, load_text

LOOKS_TYPED = ["1", "-7", "0.5", "1e3", "true", "False", "null", "~", "2026-01-01"]
"""Values a plain scalar would read as something other than text (a date stays text in any case)."""

PARSERS = {"libyaml": "", "ruamel.yaml": "tab: 'a\tb'\n"}
"""A tab in the text sends it to ruamel.yaml's parser (load._DIFFERENT); without one, libyaml reads it."""


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("quote", ["'", '"'])
def test_a_quoted_value_is_text_whatever_it_looks_like(parser: str, quote: str) -> None:
    """'1', '0.5', 'true', '~' in quotes (single or double) read as the text written, never as a number or null."""
    lines = "".join(f"v{index}: {quote}{value}{quote}\n" for index, value in enumerate(LOOKS_TYPED))
    assert (_libyaml_events(lines + PARSERS[parser]) is None) == (parser == "ruamel.yaml")
    data = load_text(lines + PARSERS[parser], "notice.yaml").data
    assert [data[f"v{index}"] for index in range(len(LOOKS_TYPED))] == LOOKS_TYPED


@pytest.mark.parametrize("parser", PARSERS)
def test_quoted_values_in_a_flow_list_and_a_block_scalar_are_text(parser: str) -> None:
    """Inside [ ] and after |, a value is text as well: ['1', "2"] is two strings, a block of digits a string."""
    data = load_text("list: ['1', \"2\", '']\nblock: |\n  12\n" + PARSERS[parser], "notice.yaml").data
    assert data["list"] == ["1", "2", ""] and data["block"] == "12\n"


@pytest.mark.parametrize("parser", PARSERS)
def test_the_same_values_plain_are_typed(parser: str) -> None:
    """Unquoted, the same values follow YAML 1.2's core schema: the tests above test quoting, not an untyped loader."""
    lines = "".join(f"v{index}: {value}\n" for index, value in enumerate(LOOKS_TYPED))
    data = load_text(lines + PARSERS[parser], "notice.yaml").data
    assert [data[f"v{index}"] for index in range(len(LOOKS_TYPED))] == [
        1,
        -7,
        0.5,
        1000.0,
        True,
        False,
        None,
        None,
        "2026-01-01",
    ]
