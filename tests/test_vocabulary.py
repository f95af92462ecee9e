"""The vocabulary's tables: every message is in the catalogs, and every table keyed by the format's values has
exactly the values the schema allows, so that no value is shown without its words and no word is lost."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po
from law_words import strings

from generator.words import vocabulary
from support import REPO

NAMES = {"FINNISH_AUTHORITIES", "_AUTHORITIES", "PUBLIC_WORDS"}
"""Tables of names and words in each language (official names; what the public-source rule looks for), not
messages to translate."""

BY_SCHEMA = (
    "COOKIE_CATEGORIES",
    "COOKIE_PARTIES",
    "DECISION_EXCEPTIONS",
    "DEROGATIONS",
    "LEGAL_BASES",
    "PREVAILING_LANGUAGE",
    "PREVAILING_LANGUAGE_OF_SOME",
    "PROVISION",
    "PUBLIC_WORDS",
    "RECIPIENT_ROLES",
    "RETENTION_EVENTS",
    "RIGHTS",
    "SAFEGUARDS",
    "SPECIAL_CONDITIONS",
)
"""The tables keyed by one of the schema's enums."""


def tables() -> Iterator[tuple[str, object]]:
    for name in dir(vocabulary):
        if name.isupper() and name not in NAMES and not callable(getattr(vocabulary, name)):
            yield name, getattr(vocabulary, name)


def catalog(lang: str) -> dict[str, str]:
    path = REPO / "locales" / (f"{lang}/LC_MESSAGES/messages.po" if lang else "messages.pot")
    with open(path, "rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id and isinstance(m.id, str)}


def test_every_message_is_in_the_catalogs_and_translated() -> None:
    template, finnish, swedish = catalog(""), catalog("fi"), catalog("sv")
    found = {(name, message) for name, table in tables() for message in strings(table)}
    assert len(found) > 150
    assert sorted(pair for pair in found if pair[1] not in template) == []
    assert sorted(pair for pair in found if not finnish.get(pair[1]) or not swedish.get(pair[1])) == []


def schema_enums() -> list[frozenset[str]]:
    found: list[frozenset[str]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                found.append(frozenset(str(value) for value in node["enum"]))
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads((REPO / "policy" / "schema.json").read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("name", BY_SCHEMA)
def test_a_table_keyed_by_the_format_has_every_value_the_schema_allows(name: str) -> None:
    keys = frozenset(str(key) for key in getattr(vocabulary, name))
    assert keys in schema_enums(), sorted(keys)


def test_obligatory_says_both_answers() -> None:
    assert set(vocabulary.OBLIGATORY) == {True, False}
    assert vocabulary.OBLIGATORY[True] != vocabulary.OBLIGATORY[False]


def _keys_and_words(value: object) -> Iterator[object]:
    """Every key (each part of a tuple key) and every value of a table, however deep."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _keys_and_words(key) if isinstance(key, tuple) else (key,)
            yield from _keys_and_words(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _keys_and_words(item)
    else:
        yield value


def test_no_table_has_an_empty_key_or_word() -> None:
    """An emptied key leaves its value's words unused (the value it stood for is shown without them); an empty
    official name shows nothing, and an empty public word is found in every text."""
    named = [name for name in dir(vocabulary) if name.lstrip("_").isupper()]
    for name in named:
        assert "" not in list(_keys_and_words(getattr(vocabulary, name))), name
    assert {"_AUTHORITIES", "FINNISH_AUTHORITIES", "PUBLIC_WORDS", "CHANGES", "LABELS"} <= set(named)


def test_every_change_the_changelog_can_list_has_its_words() -> None:
    """Each (area, action) that notice/changes.py can make has its line in CHANGES and its area in
    EDITORIAL_AREAS; a new identity is said only of the parties the notice names once."""
    from generator.notice.model import Notice, changelog_fields, item_kind

    made: set[tuple[str, str]] = set()
    for name, area in changelog_fields(Notice).items():
        kind = item_kind(Notice, name)
        if kind is None:
            made.add((area, "changed"))
        else:
            made |= {(area, action) for action in ("added", "removed", "changed")}
            made |= {(part, "changed") for part in changelog_fields(kind).values()}
    assert set(vocabulary.CHANGES) == made
    assert set(vocabulary.EDITORIAL_AREAS) == {area for area, _ in made}
    assert set(vocabulary.IDENTITY_CHANGES) == {"controller", "data_protection_officer", "representative"}
