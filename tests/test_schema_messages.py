"""What `check` says where the schema refuses a value: the kind of limit, the kind of value, and where it stops."""

from __future__ import annotations

import json
from typing import Any

import pytest
from test_clinic import clinic

from generator.findings import Finding, NoticeError
from generator.notice.load import MAX_FINDINGS
from generator.notice.read import read_notice_text
from support import PROJECT


def refused(data: dict[str, Any]) -> list[Finding]:
    with pytest.raises(NoticeError) as caught:
        read_notice_text(json.dumps(data, ensure_ascii=False, indent=1), "notice.json", PROJECT.schema)
    return list(caught.value.findings)


def messages(data: dict[str, Any]) -> list[str]:
    return [str(finding.message) for finding in refused(data)]


def test_a_text_too_long_names_its_limit() -> None:
    data = clinic()
    data["controller"]["name"] = "x" * 301
    assert any(message.endswith(": is too long (at most 300)") for message in messages(data)), messages(data)


def test_a_mapping_where_text_belongs_is_called_a_mapping() -> None:
    data = clinic()
    data["controller"]["name"] = {"a": 1}
    assert any("got a mapping" in message for message in messages(data)), messages(data)


def test_a_list_where_text_belongs_is_called_a_list() -> None:
    data = clinic()
    data["controller"]["name"] = ["a"]
    assert any("got a list" in message for message in messages(data)), messages(data)


def test_the_schema_stops_at_its_limit_and_says_so_last() -> None:
    data = clinic()
    data["purposes"] = [{"id": f"P{index}"} for index in range(MAX_FINDINGS + 20)]
    found = refused(data)
    assert len(found) == MAX_FINDINGS
    assert str(found[-1].message) == f"more than {MAX_FINDINGS} problems; fix these first"
    assert found[-1].position >= max(finding.position for finding in found[:-1])
    assert all("more than" not in str(finding.message) for finding in found[:-1])


def _set(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    if value is ...:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


RETENTION = ("purposes", 1, "retention", 0)
LEGAL_BASIS = ("purposes", 0, "legal_bases", 0)
SCHEMA_SENTENCES = [
    (
        ("revision", "effective"),
        "2026-02-30",
        "revision.effective: '2026-02-30' is not a valid date; write it as YYYY-MM-DD, e.g. 2026-01-31",
    ),
    (("controller", "email"), "x", "controller.email: 'x' is not a valid e-mail address"),
    (("controller", "email"), "y" * 61, f"controller.email: '{'y' * 60}…' is not a valid e-mail address"),
    (("controller", "email"), "y" * 60, f"controller.email: '{'y' * 60}' is not a valid e-mail address"),
    (
        ("controller", "website"),
        "http://a.fi",
        "controller.website: 'http://a.fi' is not a valid https: address (such as https://example.fi)",
    ),
    (("controller", "website"), {}, "controller.website: expected text, got a mapping"),
    (
        ("recipients", 0, "country"),
        "XX",
        "recipients[booking].country: 'XX' is not the ISO 3166-1 alpha-2 code of a country (two capital letters, "
        "such as FI, SE or US)",
    ),
    (
        ("recipients", 0, "country"),
        "fi",
        "recipients[booking].country: 'fi' is not the ISO 3166-1 alpha-2 code of a country (two capital letters, "
        "such as FI, SE or US); did you mean 'FI'?",
    ),
    (("recipients", 0, "country"), 7, "recipients[booking].country: expected text, got a number '7'"),
    (
        (*RETENTION, "period"),
        "1 year",
        "purposes[appointments].retention[1].period: '1 year' is not an ISO 8601 duration such as P6Y, P18M, P2W, "
        "P30D or PT12H",
    ),
    (
        (*RETENTION, "period"),
        "P0D",
        "purposes[appointments].retention[1].period: 'P0D' is a period of nothing: the page would print no period "
        "at all; write the period (such as P30D), or give the event alone to keep the data until it",
    ),
    (
        (*RETENTION, "period"),
        "P200Y",
        "purposes[appointments].retention[1].period: 'P200Y' is longer than 120 years, the longest period Finnish "
        "law sets (patient records); a longer retention is not a period: say it with criterion (for example, "
        "permanently)",
    ),
    (
        (*RETENTION, "period"),
        "P12345678901234567890Y",
        "purposes[appointments].retention[1].period: 'P12345678901234567890Y' has a number of more than 9 digits; "
        "no period is that long",
    ),
    (
        ("recipients", 0, "role"),
        "boss",
        "recipients[booking].role: 'boss' is not allowed; use one of: processor, controller, joint_controller, "
        "authority",
    ),
    (("seloste",), 3, "seloste: must be 2"),
    (("controller", "name"), 5, "controller.name: expected text, got a number '5'"),
    (("controller", "name"), 1.5, "controller.name: expected text, got a number '1.5'"),
    (("controller", "name"), True, "controller.name: expected text, got true"),
    (("controller", "name"), None, "controller.name: expected text, got nothing (an empty value)"),
    (("controller", "name"), ["a"], "controller.name: expected text, got a list"),
    (
        ("introduction",),
        "x",
        "introduction: expected the text in each language, as fi:, sv: and en: lines below it, got text 'x'",
    ),
    (
        ("introduction",),
        False,
        "introduction: expected the text in each language, as fi:, sv: and en: lines below it, got false",
    ),
    (("controller", "name"), "", "controller.name: must not be empty"),
    (("controller", "name"), "x" * 301, "controller.name: is too long (at most 300)"),
    (("rights", "granted"), ["access", "access"], "rights.granted: lists the same value twice"),
    (
        ("controller", "business_id"),
        "123",
        "controller.business_id: '123' is not valid. Not a business ID: seven digits, a hyphen and a check digit, "
        "e.g. 1234567-1.",
    ),
    (
        RETENTION,
        {},
        "purposes[appointments].retention[1]: a mapping is not valid. Not a retention rule: give a period (such as "
        "P6Y), the event it runs from, or a criterion, with data: for the data it is for.",
    ),
    (
        ("cookies", 0, "duration"),
        "forever",
        "cookies[1].duration: 'forever' is not valid. Not a cookie duration: an ISO 8601 duration such as P2Y, P1D "
        "or PT30M, or session.",
    ),
    (("controller", "nmae"), "x", "controller.nmae: unknown field; did you mean 'name'?"),
    (
        ("controller", "zzzzzzzz"),
        "x",
        "controller.zzzzzzzz: unknown field; allowed here: address, business_id, email, name, phone, website",
    ),
    (("controller",), ..., "controller: missing required field"),
    (
        (*LEGAL_BASIS, "alternatives"),
        ["consent"],
        "purposes[care].legal_bases[1].alternatives: needs at least 2 item(s)",
    ),
]


@pytest.mark.parametrize(("path", "value", "message"), SCHEMA_SENTENCES, ids=lambda v: repr(v)[:40])
def test_each_kind_of_refusal_has_its_own_sentence(path: tuple[str | int, ...], value: Any, message: str) -> None:
    """In process, what tests/test_bad_input.py asks of `check` through the command line: one sentence per
    kind of value the schema refuses, the value quoted (cut after 60 characters) or named by its kind."""
    assert message in messages(_set(clinic(), path, value)), messages(_set(clinic(), path, value))


def test_an_unknown_key_is_said_at_the_key_and_a_missing_one_at_its_mapping() -> None:
    data = clinic()
    data["controller"]["nmae"] = "x"
    data["controller"]["email"] = "x"
    del data["revision"]
    data["x_unknown"] = 1
    assert [str(finding) for finding in refused(data)] == [
        "notice.json:1:1: error: revision: missing required field",
        "notice.json:11:12: error: controller.email: 'x' is not a valid e-mail address",
        "notice.json:14:3: error: controller.nmae: unknown field; did you mean 'name'?",
        "notice.json:632:2: error: x_unknown: unknown field; allowed here: audience, automated_decisions, controller, "
        "cookies, data_categories, data_protection_officer, data_subjects, introduction, languages, notes, "
        "prevailing_language, purposes, recipients, representative, requirement, revision, rights, "
        "security_measures, seloste, sources, transfers, transfers_outside_eea, website_services",
    ]


def test_an_empty_text_mapping_must_not_be_empty() -> None:
    assert "introduction: must not be empty" in messages(_set(clinic(), ("introduction",), {}))


def test_past_the_limit_the_last_finding_stands_where_the_first_left_out_was() -> None:
    """Each unknown key on a line of its own: the closing finding takes the place of the one it replaces."""
    data = clinic()
    data["data_subjects"] = [{"id": f"s{index}", "name": "x", "zz": 1} for index in range(MAX_FINDINGS + 5)]
    found = refused(data)
    assert len({finding.position for finding in found}) == MAX_FINDINGS
    assert found[-1].position > found[-2].position


def test_a_schema_refers_only_to_a_schema_file_beside_it() -> None:
    from generator.notice.validate import _beside

    parties = PROJECT.schema.with_name("parties.schema.json")
    for uri in ("json-schema:///notice.yaml", "https://example.fi/Schema.json", "json-schema:///.json"):
        with pytest.raises(LookupError, match="a schema refers only to a schema file beside it"):
            _beside(parties, uri)


def test_a_text_missing_a_language_names_the_language_in_the_readers_own_words() -> None:
    from generator.notice.load import load_text
    from generator.notice.validate import text_languages
    from generator.words.i18n import speaker

    doc = load_text("a: {sv: y}\nb: {fi: x}\n", "n.yaml")
    texts = [(("a",), doc.data["a"]), (("b",), doc.data["b"])]
    found = text_languages(texts, ("fi", "sv", "en"), doc)
    fi, sv = speaker(PROJECT.locales, "fi"), speaker(PROJECT.locales, "sv")
    said = [(f.said_in(fi), f.said_in(sv)) for f in found]
    assert [s[0].split(" teksti")[0] for s in said] == [
        "a: suomenkielinen",
        "a: englanninkielinen",
        "b: ruotsinkielinen",
        "b: englanninkielinen",
    ], said
    assert [s[1].split(" texten")[0] for s in said] == [
        "a: den finska",
        "a: den engelska",
        "b: den svenska",
        "b: den engelska",
    ], said
