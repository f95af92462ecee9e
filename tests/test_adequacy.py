"""What the notice says of the Commission's adequacy decisions (generator/notice/adequacy.py, data/adequacy.json)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.findings import NoticeError
from generator.notice import adequacy
from generator.notice.read import read_notice
from generator.words.render import render_notice
from support import MULTI_VERSIONS, PROJECT

SCC = "    safeguard: standard_data_protection_clauses\n"
"""The US transfer of the fixture's second version, whose recipient is certified or not."""


def rendered(tmp_path: Path, text: str, lang: str = "en") -> str:
    """The released text of a notice, read through the real reader."""
    path = tmp_path / "notice.yaml"
    path.write_text(text, encoding="utf-8")
    return render_notice(read_notice(path, PROJECT.schema)[0], lang, PROJECT.locales)


def test_a_recipient_not_certified_is_not_said_to_be_covered(tmp_path: Path) -> None:
    """certified: false on a US transfer: the text says the decision covers only some recipients, not this one."""
    v2 = MULTI_VERSIONS[1].read_text(encoding="utf-8")
    assert v2.count(SCC) == 1
    covered = (
        "The European Commission has decided that an adequate level of protection is ensured in this country only "
        "for personal data transferred to organisations that have self-certified under the EU–US Data Privacy "
        "Framework and appear on its list of participating organisations "
        "(Commission Implementing Decision (EU) 2023/1795 of 10 July 2023)."
    )
    partial = (
        "The European Commission's adequacy decision (Commission Implementing Decision (EU) 2023/1795 of 10 July 2023) "
        "covers in this country only personal data transferred to organisations that have self-certified under the "
        "EU–US Data Privacy Framework and appear on its list of participating organisations."
    )
    not_certified = rendered(tmp_path, v2.replace(SCC, SCC + "    certified: false\n"))
    assert partial in not_certified and "is one of them" not in not_certified
    certified = rendered(tmp_path, v2.replace(SCC, SCC + "    certified: true\n"))
    assert covered in certified and partial not in certified
    # never the words of a full decision for a partial one: the country as a whole is not adequate
    assert "this country ensures an adequate level of protection" not in certified + not_certified
    for lang, scope in (
        (
            "fi",
            "EU:n ja Yhdysvaltojen välisen tietosuojakehyksen (EU–US Data Privacy Framework) mukaisesti "
            "itsesertifioituneille organisaatioille, jotka on merkitty tietosuojakehyksen osallistujaluetteloon",
        ),
        (
            "sv",
            "har självcertifierat sig enligt ramen för dataskydd mellan EU och USA (EU–US Data Privacy Framework) "
            "och finns i förteckningen över deltagande organisationer",
        ),
    ):
        text = rendered(tmp_path, v2.replace(SCC, SCC + "    certified: true\n"), lang)
        assert scope in text and "(EU) 2023/1795" in text, lang
        assert {
            "fi": "komission täytäntöönpanopäätös (EU) 2023/1795",
            "sv": "kommissionens genomförandebeslut (EU) 2023/1795",
        }[lang] in text


def test_a_decision_under_the_directive_is_a_commission_decision(tmp_path: Path) -> None:
    """Decisions kept from Directive 95/46/EC (Art. 45(9)) are Commission Decisions; every decision under
    Art. 45(3) is an implementing act, titled Commission Implementing Decision (adequacy.json "kind")."""
    decisions = adequacy.load.__wrapped__().by_country  # type: ignore[attr-defined]
    assert decisions["CA"].kind == "decision" and decisions["US"].kind == decisions["GB"].kind == "implementing"
    v2 = MULTI_VERSIONS[1].read_text(encoding="utf-8").replace("country: US", "country: CH")
    text = rendered(tmp_path, v2.replace(SCC, "    safeguard: adequacy_decision\n"))
    assert "(Commission Decision 2000/518/EC of 26 July 2000)." in text


def test_every_partial_decision_has_its_scope_in_every_language() -> None:
    """The page prints a partial decision's scope in the page's language: the list holds it for each one."""
    from generator.notice.languages import SUPPORTED

    for code, decision in adequacy.load.__wrapped__().by_country.items():  # type: ignore[attr-defined]
        if decision.partial:
            assert set(dict(decision.scopes)) == set(SUPPORTED), code


def test_the_uk_decision_is_dated_by_its_adoption_and_its_renewal_named_apart() -> None:
    """Decision (EU) 2021/1772 was adopted on 28 June 2021 and renewed on 19 December 2025 until 27 December 2031."""
    uk = adequacy.load.__wrapped__().of("GB")  # data/adequacy.json read now, not the copy the process keeps
    assert uk is not None
    assert (uk.decision, uk.adopted, uk.renewed, uk.end) == (
        "(EU) 2021/1772",
        date(2021, 6, 28),
        date(2025, 12, 19),
        date(2031, 12, 27),
    )


def test_the_notice_names_the_uk_decision_by_its_date_and_says_when_it_was_renewed(tmp_path: Path) -> None:
    """A transfer to the UK: "(Commission Implementing Decision (EU) 2021/1772 of <adopted>, renewed on <renewed>)",
    in English and Finnish."""
    v2 = MULTI_VERSIONS[1].read_text(encoding="utf-8").replace("country: US", "country: GB")
    text = rendered(tmp_path, v2.replace(SCC, "    safeguard: adequacy_decision\n"))
    assert "(Commission Implementing Decision (EU) 2021/1772 of 28 June 2021, renewed on 19 December 2025)." in text
    fi = rendered(tmp_path, v2.replace(SCC, "    safeguard: adequacy_decision\n"), "fi")
    assert "28. kesäkuuta 2021" in fi and "19. joulukuuta 2025" in fi
    assert fi.index("28. kesäkuuta 2021") < fi.index("19. joulukuuta 2025")


def test_the_shipped_adequacy_list_conforms_to_its_schema() -> None:
    """The list users update by hand is held to generator/notice/data/adequacy.schema.json."""
    import json

    import jsonschema

    schema = json.loads(adequacy.SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(adequacy.PATH.read_text(encoding="utf-8")))
    assert adequacy.load.__wrapped__(adequacy.PATH).of("US").partial is True  # type: ignore[attr-defined]


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = adequacy.PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "adequacy.json"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


BROKEN_LISTS = [
    (
        '"partial": true, "scope": "only organisations certified',
        '"partial": "no", "scope": "only organisations certified',
        "countries.US.partial: 'no' is not of type 'boolean'",
    ),
    ('"adopted": "2023-07-10"', '"adopted": "2023-02-30"', "a date that does not exist"),
    ('"adopted": "2023-07-10"', '"adopted": "10.7.2023"', "countries.US.adopted: '10.7.2023' does not match"),
    ('"US": {"name"', '"USA": {"name"', "'USA' does not match '^[A-Z]{2}$'"),
    ('"as_of": "2026-01-28",', "", "'as_of' is a required property"),
    (
        '"partial": true, "scope": "only organisations certified under the EU-US Data Privacy Framework"',
        '"partial": true',
        "countries.US: 'scope' is a required property",
    ),
    ('"UY": {', '"UY": {"partial2": 1, ', "Additional properties are not allowed ('partial2' was unexpected)"),
    ('"countries": {', '"countries": [', "not JSON"),
]


@pytest.mark.parametrize("old, new, message", BROKEN_LISTS, ids=[case[2][:30] for case in BROKEN_LISTS])
def test_a_broken_adequacy_list_is_named_not_a_traceback(tmp_path: Path, old: str, new: str, message: str) -> None:
    from generator.findings import NoticeError

    with pytest.raises(NoticeError) as raised:
        adequacy.load.__wrapped__(_edited(tmp_path, old, new))  # type: ignore[attr-defined]
    found = [str(f) for f in raised.value.findings]
    assert any(message in f and "adequacy.json" in f for f in found), found


@pytest.mark.slow
def test_check_and_build_name_a_broken_adequacy_list(tmp_path: Path) -> None:
    """The list as users edit it, in the package: check and build stop with a finding, exit 1, no traceback."""
    import shutil

    from support import REPO, make_project, run

    code = tmp_path / "code"
    shutil.copytree(REPO / "generator", code / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    listed = code / "generator" / "notice" / "data" / "adequacy.json"
    listed.write_text(
        listed.read_text(encoding="utf-8").replace('"partial": true', '"partial": "no"'), encoding="utf-8"
    )
    root = make_project(tmp_path / "project")
    shutil.copy(MULTI_VERSIONS[1], root / "policy" / "notice.yaml")
    for command in ("check", "build"):
        result = run(root, command, code=code)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert "adequacy.json: error: the adequacy list: countries.CA.partial: 'no' is not of type 'boolean'" in (
            result.stdout + result.stderr
        )


def test_an_adequacy_list_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    """A missing list, one not UTF-8, and a date that does not exist: each an error at the file, by rule."""
    from generator.findings import NoticeError

    not_utf8 = tmp_path / "latin1.json"
    not_utf8.write_bytes(b'{"as_of": "2026-01-28", "countries": {}, "description": "\xe4"}')
    bad_date = _edited(tmp_path, '"adopted": "2023-07-10"', '"adopted": "2023-02-30"')
    for path, message in (
        (tmp_path / "missing.json", "the adequacy list: cannot be read: No such file or directory"),
        (not_utf8, "the adequacy list: is not UTF-8 text"),
        (bad_date, "the adequacy list: a date that does not exist: day is out of range for month"),
    ):
        with pytest.raises(NoticeError) as raised:
            adequacy.load(path)  # type: ignore[attr-defined]
        (finding,) = raised.value.findings
        assert (finding.level, finding.rule, finding.message) == ("error", "adequacy-list", message)
        assert finding.position.path.endswith(path.name)


def test_a_list_that_is_not_json_is_named_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "adequacy.json"
    path.write_text('{\n  "as_of": "2026-01-01",\n  "countries": [\n', encoding="utf-8")
    with pytest.raises(NoticeError) as raised:
        adequacy.load(path)
    (finding,) = raised.value.findings
    assert (finding.position.line, finding.position.column, finding.level, finding.rule) == (
        4,
        1,
        "error",
        "adequacy-list",
    )
    assert finding.message.startswith("the adequacy list: not JSON: ")


def test_a_decision_without_a_scope_has_none_to_print_and_none_can_change() -> None:
    import dataclasses

    decision = adequacy.Decision("XX", "(EU) 2099/1", date(2099, 1, 1))
    assert decision.scope_in("fi") == ""
    decisions = adequacy.Decisions(date(2099, 1, 1), {"XX": decision})
    with pytest.raises(dataclasses.FrozenInstanceError):
        decisions.as_of = date(2000, 1, 1)  # type: ignore[misc]  # the point: it is frozen
