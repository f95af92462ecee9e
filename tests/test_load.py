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
    return (type(event).__name__, getattr(event, "anchor", None), getattr(event, "tag", None),
            getattr(event, "implicit", None), getattr(event, "value", None), getattr(event, "style", None),
            event.start_mark.line, event.start_mark.column)


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
