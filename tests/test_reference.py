"""docs/format.md is what `make docs` makes of the schema and the rules today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.notice.reference import fields, markdown

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "policy" / "schema.json").read_text(encoding="utf-8"))
PARTIES = json.loads((ROOT / "policy" / "parties.schema.json").read_text(encoding="utf-8"))


def test_the_reference_is_current() -> None:
    committed = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert committed == markdown(SCHEMA, PARTIES), "docs/format.md is out of date: run `make docs`"


def test_the_reference_names_every_field_and_every_rule() -> None:
    text = markdown(SCHEMA)
    paths = [field.path for field in fields(SCHEMA)]
    assert len(paths) == len(set(paths)) > 100
    assert all(f"## `{path}`\n" in text for path in paths)
    assert "## `purposes[].retention[].period`\n" in text and "## `cookies[].duration`\n" in text
    from generator.notice.rules import RULES

    assert all(f"| `{rule}` |" in text for rule in RULES)


def test_schema_text_stays_text_in_the_reference() -> None:
    hostile = {"properties": {"a": {"title": "<script>x</script>", "description": "a | b <img src=x>"}}}
    text = markdown(hostile)
    assert "<script>" not in text and "<img" not in text and "&lt;script&gt;" in text


def test_a_field_s_example_is_shown_under_it() -> None:
    schema = {"properties": {"a": {"title": "A", "type": "string", "examples": ["x <y>"]}, "b": {"type": "boolean"}}}
    text = markdown(schema)
    assert '## `a`\n\n**A**: text; optional.\n\nExample: `"x <y>"`\n\n## `b`\n\n*(no title)*:' in text


def test_make_docs_writes_the_committed_reference(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`make docs` runs main() in the project's folder: the reference of its schema and its parties' schema."""
    from generator.notice.reference import main

    monkeypatch.chdir(ROOT)
    main()
    assert capsys.readouterr().out == (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_importing_the_reference_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    """Only `make docs` (python -m generator.notice.reference) writes the reference; an import is silent."""
    import importlib

    from generator.notice import reference

    importlib.reload(reference)
    assert capsys.readouterr().out == ""
