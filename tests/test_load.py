"""The loader's fast path: libyaml reads a clean notice exactly as ruamel.yaml does."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.findings import NoticeError
from generator.notice.load import _libyaml_events, load_text
from support import MULTI_VERSIONS, REPO


def signature(event: Any) -> tuple[Any, ...]:
    """What the loader's builder reads of a parser event."""
    return (
        type(event).__name__,
        getattr(event, "anchor", None),
        getattr(event, "tag", None),
        getattr(event, "implicit", None),
        getattr(event, "value", None),
        getattr(event, "style", None),
        event.start_mark.line,
        event.start_mark.column,
    )


TEXTS = {
    "flow, escapes, CRLF, blocks": 'a: 1\r\nb: [x, "y\\u00e4", z]\nc: |\n  text\nd: {e: ä😀, f: null}\ng: >\n  two\n  lines\n',
    "Entrack's notice": (REPO / "policy" / "notice.yaml").read_text(encoding="utf-8"),
    "the fixture's first version": MULTI_VERSIONS[0].read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_libyaml_and_ruamel_give_the_same_events(text: str) -> None:
    fast = _libyaml_events(text)
    assert fast is not None
    assert [signature(e) for e in fast] == [signature(e) for e in YAML(typ="safe", pure=True).parse(text)]


@pytest.mark.parametrize("escape", ["00110000", "7FFFFFFF", "80000000", "FFFFFFFF"])
def test_an_escape_beyond_unicode_is_a_finding_over_the_whole_range(escape: str) -> None:
    """`\\U` escapes past U+10FFFF, up to the largest eight hex digits give (ruamel.yaml raises ValueError, then
    OverflowError past C's int), are one finding at their place: never a traceback in check, build or migrate."""
    with pytest.raises(NoticeError) as raised:
        load_text(f'seloste: 2\ncontroller: {{name: "A\\U{escape}"}}\n', "n.yaml")
    (finding,) = raised.value.findings
    assert str(finding.position) == "n.yaml:2:22"
    assert finding.message == f"invalid YAML: \\U{escape} is beyond the last Unicode character, U+10FFFF"


POSITIONS = {  # text: where check puts its one finding, the line and column yaml-language-server marks too
    "a: 1\nb:\nc: 2\n": None,  # an empty value is not a syntax error: its position is in test_empty_values_are_placed...
    'a:\n  b: "x\n  c: "y"\n': (
        (2, 6),
        "the quote opened here is never closed on this line, so the text runs on to line 3",
    ),
    "a:\n  b: x\n    c: y\n": ((2, 6), "this text runs on into line 3 (a line indented further continues"),
    "a:\n  b x\n  c: 1\n": ((2, 3), "this text runs on into line 3"),
    "a:\n  b: 1\n  c x\n  d: 1\n": ((3, 3), "neither a field (name: value) nor a list item"),
    "a:\n  - b\n    c: 1\n": ((2, 5), "this text runs on into line 3"),
    "a:\n  b: [x, y\n  c: 1\n": ((3, 4), "(it opens on line 2)"),
    "a: {b: 1\nc: 2\n": ((2, 2), "(it opens on line 1)"),
    "a: {b: 'x, c: 1}\nd: 2\n": ((1, 8), "a quoted text is never closed"),
}


@pytest.mark.parametrize("text", [t for t, want in POSITIONS.items() if want], ids=repr)
def test_a_yaml_mistake_is_reported_where_it_is_not_where_the_parser_stops(text: str) -> None:
    (line, column), words = POSITIONS[text]
    with pytest.raises(NoticeError) as raised:
        load_text(text, "n.yaml")
    (finding,) = raised.value.findings
    assert (finding.position.line, finding.position.column) == (line, column), finding
    assert words in finding.message


def test_empty_values_are_placed_after_their_keys_colon_as_the_editor_marks_them() -> None:
    doc = load_text("a:\n  b:\n  c: 1\nd:   # later\n\ne: {f: }\ng:\n- \n", "n.yaml")
    assert doc.data == {"a": {"b": None, "c": 1}, "d": None, "e": {"f": None}, "g": [None]}
    assert [str(doc.position(path)) for path in [("a", "b"), ("d",), ("e", "f"), ("g", 0)]] == [
        "n.yaml:2:5",
        "n.yaml:4:6",
        "n.yaml:6:8",
        "n.yaml:8:2",
    ]
