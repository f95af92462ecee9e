"""No notice that `check` passes crashes the pages: every shape the schema allows, with optional blocks absent.

The notices are made from the schema and the shop's notice, which uses every
field: for each optional property (one the schema does not require), the
notice without it; for each pair of optional blocks of the notice and of a
purpose, the notice without both (one block often refers to another:
purposes to recipients, a purpose's automated decision to the notice's
statement); the smallest notice, with one block of the shop's added back; and both in fewer languages.
Each is written as JSON (YAML reads it, and quickly), read and checked in-process: it either has an error, or its page
renders in every language.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from ruamel.yaml import YAML
from test_check_rules import BUILD_DAY

from generator.findings import NoticeError
from generator.notice.read import read_notice_text
from generator.notice.rules import Context, run_rules
from generator.words.render import render_notice
from support import FIXTURES, PROJECT

Data = dict[str, Any]
Path_ = tuple[str | int, ...]

SCHEMA: Data = json.loads(PROJECT.schema.read_text(encoding="utf-8"))


def _shop() -> Data:
    return YAML(typ="safe", pure=True).load((FIXTURES / "shop" / "notice.yaml").read_text(encoding="utf-8"))


def _resolve(schema: Data) -> Data:
    """The definition a node refers to; for a field that may name a shared party, the value written out."""
    while "$ref" in schema or "else" in schema:
        schema = schema["else"] if "else" in schema else SCHEMA["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def optional_paths(data: Any, schema: Data, path: Path_ = ()) -> Iterator[Path_]:
    """The path of every value in `data` that the schema lets a notice leave out."""
    schema = _resolve(schema)
    if isinstance(data, dict) and "properties" in schema:
        required = set(schema.get("required", ()))
        for key, value in data.items():
            if key not in required:
                yield path + (key,)
            yield from optional_paths(value, schema["properties"].get(key, {}), path + (key,))
    elif isinstance(data, list) and "items" in schema:
        for index, item in enumerate(data):
            yield from optional_paths(item, schema["items"], path + (index,))


def without(data: Data, *paths: Path_) -> Data:
    """A copy of `data` with each path removed (deepest first, so list indices stay right). The copy is made
    through JSON, several times quicker than `copy.deepcopy`: the notice is JSON's data (`_errors` writes it so)."""
    out = json.loads(json.dumps(data))
    for path in sorted(paths, key=lambda p: (len(p), p), reverse=True):
        node: Any = out
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    return out


def _kind(path: Path_) -> Path_:
    """A path with its list indices left out: the property of the schema it is."""
    return tuple(part for part in path if isinstance(part, str))


def _first_of_each_kind(paths: list[Path_]) -> list[Path_]:
    """One path for each property of the schema (its first place in the notice)."""
    seen: dict[Path_, Path_] = {}
    for path in paths:
        seen.setdefault(_kind(path), path)
    return list(seen.values())


def _blocks(data: Data) -> list[Path_]:
    """The optional blocks of the notice, and of a purpose (each kind once)."""
    every = list(optional_paths(data, SCHEMA))
    top = [path for path in every if len(path) == 1]
    return top + _first_of_each_kind([path for path in every if len(path) == 3 and path[0] == "purposes"])


LANGUAGES = {"fi", "sv", "en"}


def in_languages(data: Any, languages: list[str]) -> Any:
    """The data with every text (a mapping of languages to strings) cut to `languages`."""
    if isinstance(data, dict) and data and set(data) <= LANGUAGES and all(isinstance(v, str) for v in data.values()):
        return {lang: text for lang, text in data.items() if lang in languages}
    if isinstance(data, dict):
        return {key: in_languages(value, languages) for key, value in data.items()}
    if isinstance(data, list):
        return [in_languages(item, languages) for item in data]
    return data


def _smallest(data: Data) -> Data:
    return {key: data[key] for key in SCHEMA["required"]} | {"controller": {"name": data["controller"]["name"]}}


def shapes() -> Iterator[tuple[str, Data]]:
    shop = _shop()
    every = _first_of_each_kind(list(optional_paths(shop, SCHEMA)))
    yield "shop", shop
    for path in every:
        yield f"without {'.'.join(map(str, path))}", without(shop, path)
    for one, two in itertools.combinations(_blocks(shop), 2):
        if one[: len(two)] != two and two[: len(one)] != one:
            yield f"without {'.'.join(map(str, one))} and {'.'.join(map(str, two))}", without(shop, one, two)
    small = _smallest(shop)
    yield "smallest", small
    for key in shop:
        if key not in small:
            yield f"smallest with {key}", small | {key: shop[key]}
    yield (
        "smallest with purposes and their lists",
        small | {key: shop[key] for key in ("purposes", "data_subjects", "data_categories", "sources", "recipients")},
    )
    for languages in (["fi"], ["sv"], ["en"], ["fi", "en"], ["sv", "en"]):
        for name, data in (("shop", shop), ("smallest", small)):
            yield f"{name} in {', '.join(languages)}", in_languages(data, languages) | {"languages": languages}


@functools.cache
def all_shapes() -> list[tuple[str, Data]]:
    """Made when a test first asks (not while pytest collects, in each worker of `make test`)."""
    return list(shapes())


def test_the_shapes_cover_every_optional_field_of_the_shop() -> None:
    kinds = {_kind(path) for path in optional_paths(_shop(), SCHEMA)}
    assert len(kinds) > 80
    assert sum(name.startswith("without ") and " and " not in name for name, _ in all_shapes()) == len(kinds)


def _errors(data: Data) -> list[str] | None:
    """The errors `check` reports on the notice, or None if it renders: raises if it passes but crashes."""
    try:
        notice, doc = read_notice_text(json.dumps(data, ensure_ascii=False, indent=1), "notice.json", PROJECT.schema)
    except NoticeError as exc:
        return [str(f) for f in exc.findings]
    errors = [str(f) for f in run_rules(Context(notice, doc, today=BUILD_DAY)) if f.level == "error"]
    if errors:
        return errors
    for lang in notice.languages:
        render_notice(notice, lang, PROJECT.locales)
    return None


@pytest.mark.parametrize("chunk", range(4))
def test_a_notice_check_passes_renders_in_every_language(chunk: int) -> None:
    crashed = []
    for name, data in all_shapes()[chunk::4]:
        try:
            _errors(data)
        except Exception as exc:  # every crash is listed, not only the first
            crashed.append(f"{name}: {type(exc).__name__}: {exc}")
    assert crashed == []


def test_a_notice_in_fewer_languages_renders() -> None:
    fewer = [(name, data) for name, data in all_shapes() if " in " in name]
    assert len(fewer) == 10 and [name for name, data in fewer if _errors(data) is not None] == []


def test_the_crash_of_issue_19_is_an_error_of_check() -> None:
    """A purpose's automated decision without the notice's statement crashed the page; check now refuses it."""
    shop = _shop()
    errors = _errors(without(shop, ("automated_decisions",)))
    assert errors and any("automated-decisions-stated" in e for e in errors)
