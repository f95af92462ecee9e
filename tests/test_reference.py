"""docs/format.md is what `make docs` makes of the schema and the rules today."""

from __future__ import annotations

import json
from pathlib import Path

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
