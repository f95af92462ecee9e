"""The format is stated once: the model and policy/schema.json agree field for field, the
schema's languages are the supported ones, and the changelog has words for all it follows."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.notice import formats
from generator.notice.languages import SUPPORTED
from generator.notice.migrate import FORMAT_1_SCHEMA
from generator.notice.model import Notice, Text, changelog_fields, id_lists, item_lists, references
from generator.words import vocabulary
from support import PROJECT

SCHEMA = json.loads(PROJECT.schema.read_text(encoding="utf-8"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """A schema node with its $ref followed (and its own keys kept); a field that may name a shared party
    instead ({party: <id>}) as the value written out, its `else`."""
    while "$ref" in node or "else" in node:
        if "else" in node:
            node = {**node["else"], **{k: v for k, v in node.items() if k not in ("if", "then", "else")}}
            continue
        target = SCHEMA
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def unwrap(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint


def kinds_of(hint: Any) -> set[str]:
    """The JSON types a model field allows: one, or two for a name or address (str | Text)."""
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    options = [arg for arg in typing.get_args(hint) if arg is not type(None)] if union else [hint]
    return {kind_of(option) for option in options}


def kind_of(hint: Any) -> str:
    hint = unwrap(hint)
    if hint is Text or dataclasses.is_dataclass(hint):
        return "object"
    if typing.get_origin(hint) is tuple:
        return "array"
    if typing.get_origin(hint) is typing.Literal or hint in (str, date):
        return "string"
    return {bool: "boolean", int: "integer"}[hint]


def pairs(model: type, node: dict[str, Any], path: str = "") -> typing.Iterator[tuple[str, Any, dict[str, Any]]]:
    """(field path, model type hint, schema node) for every field, recursively."""
    hints = typing.get_type_hints(model)
    node = resolve(node)
    fields = {f.name: f for f in dataclasses.fields(model) if f.name != "at"}
    assert set(fields) == set(node["properties"]), (
        f"{path or 'notice'}: model {sorted(fields)} != schema {sorted(node['properties'])}"
    )
    required = {
        name
        for name, f in fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    assert required == set(node.get("required", ())), f"{path or 'notice'}: required fields differ"
    for name in fields:
        raw, child = hints[name], resolve(node["properties"][name])
        hint = unwrap(raw)
        yield f"{path}{name}", raw, child
        if dataclasses.is_dataclass(hint):
            yield from pairs(hint, child, f"{path}{name}.")
        elif typing.get_origin(hint) is tuple and dataclasses.is_dataclass(typing.get_args(hint)[0]):
            yield from pairs(typing.get_args(hint)[0], child["items"], f"{path}{name}[].")


def schema_kinds(node: dict[str, Any]) -> set[str | None]:
    """The JSON types a schema node allows (each alternative's, for anyOf)."""
    if "anyOf" in node:
        return {kind for option in node["anyOf"] for kind in schema_kinds(resolve(option))}
    if "const" in node:
        return {{bool: "boolean", int: "integer", str: "string"}[type(node["const"])]}
    return {node.get("type") or ("string" if {"enum", "format", "pattern"} & set(node) else None)}


def test_model_and_schema_agree_field_for_field() -> None:
    checked = 0
    for path, hint, node in pairs(Notice, SCHEMA):
        expected = schema_kinds(node)
        assert kinds_of(hint) == expected, f"{path}: model {hint} but schema {expected}"
        for option in [resolve(o) for o in node.get("anyOf", [node])]:
            if option.get("type") == "object" and not dataclasses.is_dataclass(unwrap(hint)):  # a text
                assert set(option["properties"]) == set(SUPPORTED), path
        checked += 1
    assert checked > 80  # every field of the format, not a few


def test_schema_languages_are_the_supported_ones() -> None:
    assert resolve(SCHEMA["$defs"]["language"])["enum"] == list(SUPPORTED)
    assert list(SCHEMA["$defs"]["text"]["properties"]) == list(SUPPORTED)
    assert resolve(SCHEMA["properties"]["prevailing_language"])["enum"] == list(SUPPORTED)
    assert resolve(SCHEMA["properties"]["languages"]["items"])["enum"] == list(SUPPORTED)


def test_every_reference_names_a_list_with_ids() -> None:
    lists = id_lists()
    found = [(kind, field, target) for kind, item in item_lists().items() for field, target in references(item).items()]
    assert found and all(target in lists for _, _, target in found)
    id_pattern = SCHEMA["$defs"]["id"]["pattern"]
    for kind, field, _target in found:  # the schema says the same: an id, or a list of ids
        node = resolve(SCHEMA["properties"][kind]["items"]["properties"][field])
        assert resolve(node.get("items", node))["pattern"] == id_pattern, (kind, field)


@pytest.mark.parametrize(
    "kind", [Notice, *{t for t in item_lists().values() if changelog_fields(t)}], ids=lambda kind: kind.__name__
)
def test_the_changelog_has_words_for_every_change_it_follows(kind: type) -> None:
    for field, area in changelog_fields(kind).items():
        listed = kind is Notice and field in item_lists()
        actions = ("added", "removed", "changed") if listed else ("changed",)
        for action in actions:
            assert (area, action) in vocabulary.CHANGES, (field, area, action)


def _nodes(node: object, path: str = "") -> typing.Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{path}[{index}]")


def test_every_pattern_and_choice_has_its_own_message() -> None:
    """check and the editor say what is wrong in the schema's own words, never cut out of a description."""
    for path, node in _nodes(SCHEMA):
        if "pattern" in node:
            assert node.get("patternErrorMessage", "").startswith("Not "), path
        if "anyOf" in node or "oneOf" in node:
            assert node.get("errorMessage", "").startswith("Not "), path


def _variants(node: Any, path: tuple = ()) -> typing.Iterator[tuple[tuple, str, Any]]:
    """(path, what is wrong, the wrong value) for every place of a notice: a number or true for text, text,
    NaN or a mapping whose key is not text for anything else, an unknown key in a mapping, an empty list, a
    list with an item twice, and for text what only a careful reading of JSON Schema refuses: a final newline
    after a pattern's `$`, nothing, too much, a digit that is not 0-9."""
    if isinstance(node, dict):
        yield path + ("unknown_key",), "unknown key", "x"
        for key, value in node.items():
            yield from _variants(value, path + (key,))
    elif isinstance(node, list):
        yield path, "empty list", []
        yield path, "an item twice", node + node[:1]
        for index, value in enumerate(node):
            yield from _variants(value, path + (index,))
    if isinstance(node, str):
        yield from (
            (path, kind, value)
            for kind, value in (
                ("number", 12345),
                ("final newline", node + "\n"),
                ("empty", ""),
                ("too long", "x" * 20001),
                ("another digit", node + "\u0663"),
                ("boolean", True),
            )
        )
    else:
        yield from (
            (path, kind, value)
            for kind, value in (
                ("text", "not-this\n"),
                ("not a number", float("nan")),
                ("a key that is not text", {1: "x"}),
            )
        )


def _place(path: tuple) -> tuple:
    return tuple("[]" if isinstance(part, int) else part for part in path)


def _with(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _with(data[path[0]], path[1:], value) if path[0] in copy or isinstance(copy, list) else value
    return copy


@pytest.mark.parametrize(
    "notice, schema",
    [
        ("tests/fixtures/shop/notice.yaml", PROJECT.schema),  # every field of the format
        ("policy/releases/2026-11-25/notice.yaml", FORMAT_1_SCHEMA),  # format 1, which migrate.py still reads
    ],
    ids=["format-2", "format-1"],
)
def test_both_validators_give_one_verdict_wherever_a_value_is_wrong(notice: str, schema: Path) -> None:
    """Releases and the working copy are first asked of jsonschema-rs (validate.conforms, for speed): it must
    accept and refuse exactly what jsonschema, which `validate` reports with, does, wherever a value is wrong."""
    from generator.notice.load import load_text
    from generator.notice.validate import _validator, conforms

    data = load_text((PROJECT.root / notice).read_text(encoding="utf-8"), "n.yaml").data
    places = {(_place(path), kind): (path, value) for path, kind, value in _variants(data) if path}
    cases = list(places.values())  # each wrong value once at each place of the schema: a list's items are alike
    assert len(cases) > 500
    disagree = []
    for path, value in cases:
        changed = _with(data, path, value)
        if conforms(changed, schema) != _validator(schema).is_valid(changed):
            disagree.append((path, value))
    assert conforms(data, schema) and disagree == []


def _email(local: int, last_label: int) -> str:
    """An address with a local part of `local` letters, its length set by its domain's third label."""
    return "a" * local + "@" + ".".join(("b" * 63, "c" * 63, "d" * last_label, "fi"))


@pytest.mark.parametrize(
    "check, value, verdict",
    [
        (formats.is_email, _email(64, 58), True),  # 254 characters, a local part of 64: RFC 5321's limits
        (formats.is_email, _email(65, 57), False),  # a local part of 65
        (formats.is_email, _email(64, 59), False),  # 255 characters
        (formats.is_https_url, "https://esimerkki.fi:1/", True),
        (formats.is_https_url, "https://esimerkki.fi:65535/", True),
        (formats.is_https_url, "https://esimerkki.fi:0/", False),
        (formats.is_https_url, "https://esimerkki.fi:65536/", False),
        (formats.is_date, "2028-02-29", True),
        (formats.is_date, "2026-02-29", False),  # the shape of a date, not a day of the calendar
        (formats.is_date, "2026-2-28", False),  # a day of the calendar, not in the shape of a date
    ],
)
def test_each_value_format_holds_at_its_limits(check: typing.Callable[[str], bool], value: str, verdict: bool) -> None:
    """What a page prints and links to passes, one step past a limit of the RFCs does not: a bool, not falsy."""
    assert check(value) is verdict
