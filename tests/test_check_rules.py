"""Each rule of `check`: a complete notice passes it, a notice with the gap fails it.

Notices are built as data from `complete()`, changed by one step, written as
YAML into a temporary file and read back through the real reader, so every
finding carries a real line and column.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.findings import Finding, NoticeError
from generator.notice.read import read_notice
from generator.notice.rules import EEA, RULES, Context, adequacy, run_rules
from support import PROJECT, drop_language

Data = dict[str, Any]


def T(fi: str, sv: str, en: str) -> Data:  # noqa: N802 (T for Text, short in the tables of cases)
    return {"fi": fi, "sv": sv, "en": en}


def complete() -> Data:
    """A small notice that says everything the rules ask for."""
    return {
        "seloste": 2,
        "controller": {
            "name": "Esimerkki Oy",
            "business_id": "1234567-1",
            "email": "tietosuoja@esimerkki.fi",
            "address": T(
                "Esimerkkikatu 1, 00100 Helsinki",
                "Exempelgatan 1, 00100 Helsingfors",
                "Esimerkkikatu 1, FI-00100 Helsinki",
            ),
        },
        "data_protection_officer": {"appointed": False},
        "data_subjects": [{"id": "customers", "name": T("Asiakkaat", "Kunder", "Customers")}],
        "data_categories": [
            {
                "id": "contact",
                "name": T("Yhteystiedot", "Kontaktuppgifter", "Contact details"),
                "data_subjects": ["customers"],
            }
        ],
        "sources": [{"id": "subject", "name": T("Rekisteröity itse", "Den registrerade själv", "The data subject")}],
        "recipients": [
            {
                "id": "crm",
                "name": T("Asiakkuudenhallintapalvelu", "CRM-tjänst", "CRM service"),
                "role": "processor",
                "country": "US",
            }
        ],
        "transfers_outside_eea": True,
        "transfers": [
            {
                "country": "US",
                "recipient": "crm",
                "safeguard": "standard_data_protection_clauses",
                "copy": T("Pyydä kopio meiltä.", "Begär en kopia av oss.", "Ask us for a copy."),
            }
        ],
        "purposes": [
            {
                "id": "orders",
                "name": T("Tilausten käsittely", "Hantering av beställningar", "Handling orders"),
                "legal_bases": [
                    {"basis": "contract", "covers": T("Tilaukset.", "Beställningar.", "Orders.")},
                    {
                        "alternatives": ["consent", "legitimate_interests"],
                        "covers": T("Uutiskirje.", "Nyhetsbrev.", "The newsletter."),
                    },
                ],
                "legitimate_interest": T(
                    "Asiakassuhteen hoitaminen.", "Att sköta kundrelationen.", "Managing the customer relationship."
                ),
                "consent_withdrawal": T(
                    "Uutiskirjeen linkistä.", "Via länken i nyhetsbrevet.", "Through the link in the newsletter."
                ),
                "data_subjects": ["customers"],
                "data_categories": ["contact"],
                "sources": ["subject"],
                "recipients": ["crm"],
                "retention": [{"period": "P6Y"}],
            }
        ],
        "requirement": T(
            "Tiedot ovat sopimuksen edellytys.",
            "Uppgifterna är ett villkor för avtalet.",
            "The data is required for the contract.",
        ),
        "automated_decisions": {"exists": False},
        "cookies": [
            {
                "name": "_ga",
                "provider": "Google Analytics",
                "party": "third",
                "category": "analytics",
                "duration": "P2Y",
                "purpose": T("Kävijätilastot.", "Besöksstatistik.", "Visitor statistics."),
            }
        ],
        "rights": {
            "granted": [
                "access",
                "rectification",
                "erasure",
                "restriction",
                "objection",
                "portability",
                "object_direct_marketing",
                "withdraw_consent",
                "complaint",
            ],
            "contact": {"email": "tietosuoja@esimerkki.fi"},
        },
        "revision": {
            "effective": "2026-01-01",
            "summary": T("Ensimmäinen versio.", "Första versionen.", "First version."),
        },
    }


def dump(data: Data) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.sort_base_mapping_type_on_output = False  # before the representer is made
    yaml.representer.ignore_aliases = lambda *_: True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


BUILD_DAY = date(2026, 6, 15)
"""A fixed build date, so that the adequacy list's age does not depend on the day the tests run."""


RELEASED = "(as released)"
"""A key of a case's data that holds the notice as last released (never written to the file): the rules that
compare the working copy with the newest release compare it with that."""


def findings(tmp_path: Path, data: Data, today: date = BUILD_DAY, notice_period: int = 30) -> list[Finding]:
    data = dict(data)
    released = data.pop(RELEASED, None)
    previous = None
    if released is not None:
        (tmp_path / "released.yaml").write_text(dump(released), encoding="utf-8")
        previous = read_notice(tmp_path / "released.yaml", PROJECT.schema)[0]
    path = tmp_path / "notice.yaml"
    path.write_text(dump(data), encoding="utf-8")
    notice, doc = read_notice(path, PROJECT.schema)
    return run_rules(Context(notice, doc, previous, today, notice_period))


def rules_of(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


def test_complete_notice_passes_every_rule(tmp_path: Path) -> None:
    assert findings(tmp_path, complete()) == []


# (rule, change to the complete notice, field the message must name)
def _set(path: str, value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        node = data
        for part in parents:
            node = node[part]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return change


_DELETE = object()


def _delete(path: str) -> Callable[[Data], None]:
    return _set(path, _DELETE)


def _steps(*changes: Callable[[Data], None]) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        for step in changes:
            step(data)

    return change


def _after_release(*changes: Callable[[Data], None]) -> Callable[[Data], None]:
    """The notice released as it is, then changed."""

    def change(data: Data) -> None:
        data[RELEASED] = copy.deepcopy(data)
        for step in changes:
            step(data)

    return change


NEW_RECIPIENT = {"id": "mailer", "name": T("Postituspalvelu", "Utskickstjänst", "Mailing service"), "role": "processor"}


def _new_recipient(data: Data) -> None:
    """A recipient added, and the purpose discloses data to it."""
    data["recipients"].append(copy.deepcopy(NEW_RECIPIENT))
    data["purposes"][0]["recipients"].append("mailer")


def _without_right(right: str) -> Callable[[Data], None]:
    return lambda data: data["rights"]["granted"].remove(right)


OUTSIDE = [{"country": "IN", "recipient": "crm"}]

DECISION = {
    "logic": T("Maksuhistoria.", "Betalningshistorik.", "Payment history."),
    "consequences": T("Maksutapa voi estyä.", "Betalsättet kan nekas.", "A payment method may be refused."),
    "human_review": T("Ota yhteyttä meihin.", "Kontakta oss.", "Contact us."),
}


def _category(category_id: str, in_purpose: bool = True) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        data["data_categories"].append({"id": category_id, "name": T("Tilaukset", "Beställningar", "Orders")})
        if in_purpose:
            data["purposes"][0]["data_categories"].append(category_id)

    return change


def _second_purpose(sources: bool) -> Callable[[Data], None]:
    """A second purpose, like the first, with or without its sources."""

    def change(data: Data) -> None:
        second = copy.deepcopy(data["purposes"][0]) | {"id": "returns", "name": T("Palautukset", "Returer", "Returns")}
        if not sources:
            del second["sources"]
        data["purposes"].append(second)

    return change


FAILING = [
    ("controller-business-id", _delete("controller.business_id"), "controller.business_id"),
    ("controller-address", _delete("controller.address"), "controller.address"),
    ("controller-contact", _delete("controller.email"), "controller"),
    ("dpo-stated", _delete("data_protection_officer"), "data_protection_officer"),
    (
        "dpo-contact",
        _set("data_protection_officer", {"appointed": True, "name": "Tietosuojapalvelu Oy"}),
        "data_protection_officer",
    ),
    ("purposes-listed", _delete("purposes"), "purposes"),
    ("purpose-legal-basis", _delete("purposes.0.legal_bases"), "purposes[orders].legal_bases"),
    ("legitimate-interest", _delete("purposes.0.legitimate_interest"), "purposes[orders].legitimate_interest"),
    (
        "legitimate-interest-basis",
        _set("purposes.0.legal_bases", [{"basis": "contract"}]),
        "purposes[orders].legitimate_interest",
    ),
    ("legal-basis-scope", _delete("purposes.0.legal_bases.0.covers"), "purposes[orders].legal_bases[1]"),
    ("legal-basis-alternatives", _set("purposes.0.legal_bases.0.basis", "consent"), "purposes[orders].legal_bases[2]"),
    ("special-condition", _set("data_categories.0.special", True), "purposes[orders].special_condition"),
    ("criminal-data-authority", _set("data_categories.0.criminal", True), "purposes[orders].criminal_data_authority"),
    (
        "dpo-contradiction",
        _set("data_protection_officer", {"appointed": False, "email": "dpo@esimerkki.fi"}),
        "data_protection_officer.appointed",
    ),
    (
        "adequacy-certification",
        _steps(_set("transfers.0.safeguard", "adequacy_decision"), _delete("transfers.0.copy")),
        "transfers[1].certified",
    ),
    ("transfer-recipient-country", _set("recipients.0.country", "IN"), "transfers[1].country"),
    (
        "retention-data",
        _steps(
            _category("orders", in_purpose=False), _set("purposes.0.retention", [{"data": ["orders"], "period": "P6Y"}])
        ),
        "purposes[orders].retention[1].data[1]",
    ),
    (
        "retention-coverage",
        _steps(_category("orders"), _set("purposes.0.retention", [{"data": ["orders"], "period": "P6Y"}])),
        "purposes[orders].retention",
    ),
    ("retention-event", _set("purposes.0.retention", [{"event": "collected"}]), "purposes[orders].retention[1].event"),
    ("consent-withdrawal", _delete("purposes.0.consent_withdrawal"), "purposes[orders].consent_withdrawal"),
    (
        "provision-consequences",
        _set("purposes.0.provision", {"required_by": "contract", "obligatory": True}),
        "purposes[orders].provision.consequences",
    ),
    (
        "provision-contradiction",
        _set("purposes.0.provision", {"required_by": "none", "obligatory": True}),
        "purposes[orders].provision.obligatory",
    ),
    (
        "automated-decisions-review",
        _steps(
            _set("automated_decisions", {"exists": True}),
            _set("purposes.0.automated_decision", {k: v for k, v in DECISION.items() if k != "human_review"}),
        ),
        "purposes[orders].automated_decision.human_review",
    ),
    (
        "automated-decisions-contradiction",
        _set("purposes.0.automated_decision", DECISION),
        "automated_decisions.exists",
    ),
    ("cookie-consent", _set("cookies.0.consent", False), "cookies[1].consent"),
    ("data-categories", _steps(_delete("data_categories"), _delete("purposes.0.data_categories")), "data_categories"),
    ("sources-stated", _steps(_delete("sources"), _delete("purposes.0.sources")), "sources"),
    (
        "recipients-stated",
        _steps(_delete("recipients"), _delete("purposes.0.recipients"), _delete("transfers.0.recipient")),
        "recipients",
    ),
    (
        "transfers-stated",
        _steps(_delete("transfers_outside_eea"), _delete("transfers"), _delete("recipients.0.country")),
        "transfers_outside_eea",
    ),
    ("transfers-listed", _delete("transfers"), "transfers_outside_eea"),
    ("transfers-contradiction", _set("transfers_outside_eea", False), "transfers_outside_eea"),
    ("transfer-in-eea", _set("transfers.0.country", "SE"), "transfers[1].country"),
    (
        "transfer-safeguard",
        _steps(_set("transfers.0.country", "IN"), _delete("transfers.0.safeguard")),
        "transfers[1].safeguard",
    ),
    (
        "transfer-adequacy",
        _steps(_set("transfers.0.country", "IN"), _set("transfers.0.safeguard", "adequacy_decision")),
        "transfers[1].safeguard",
    ),
    ("transfer-copy", _delete("transfers.0.copy"), "transfers[1].copy"),
    ("recipient-transfer", _set("recipients.0.country", "IN"), "recipients[crm].country"),  # the transfer says US
    ("retention", _delete("purposes.0.retention"), "purposes[orders].retention"),
    ("rights-stated", _without_right("erasure"), "rights.granted"),
    ("withdraw-consent", _without_right("withdraw_consent"), "rights.granted"),
    ("complaint", _without_right("complaint"), "rights.granted"),
    ("requirement", _delete("requirement"), "purposes[orders].provision"),
    ("automated-decisions", _delete("automated_decisions"), "automated_decisions"),
    ("automated-decisions-logic", _set("automated_decisions", {"exists": True}), "automated_decisions.description"),
    ("cookie-details", _delete("cookies.0.duration"), "cookies[1]"),
    ("unknown-reference", _set("purposes.0.recipients", ["crm", "nobody"]), "purposes[orders].recipients[2]"),
    (
        "duplicate-id",
        lambda d: d["data_subjects"].append({"id": "customers", "name": T("Muut", "Andra", "Others")}),
        "data_subjects[customers].id",
    ),
    ("unsafe-link", _set("requirement.en", "See [our terms](javascript:alert(1))."), "requirement.en"),
    ("translation-blank", _set("requirement.sv", "   "), "requirement.sv"),
    ("translation-identical", _set("requirement.en", "Uppgifterna är ett villkor för avtalet."), "requirement.en"),
    ("effective-far-ahead", _set("revision.effective", "2026-08-05"), "revision.effective"),  # BUILD_DAY + 51 days
    (
        "notice-period",
        _after_release(_new_recipient, _set("revision.effective", "2026-06-16")),  # tomorrow
        "revision.effective",
    ),
    ("business-id-check-digit", _set("controller.business_id", "1234567-8"), "controller.business_id"),
    ("purpose-sources", _second_purpose(sources=False), "purposes[returns].sources"),
    ("source-data", _steps(_set("sources.0.data", ["contact"]), _category("orders")), "purposes[orders].sources"),
    (
        "transfer-derogation",
        _steps(_set("transfers.0.safeguard", "derogation"), _delete("transfers.0.copy")),
        "transfers[1].derogation",
    ),
    (
        "transfer-derogation-contradiction",
        _set("transfers.0.derogation", "explicit_consent"),
        "transfers[1].derogation",
    ),
    (
        "automated-decisions-stated",
        _steps(_delete("automated_decisions"), _set("purposes.0.automated_decision", DECISION)),
        "automated_decisions",
    ),
    ("rights-contact", _delete("rights.contact"), "rights.contact"),
    ("link-address", _set("requirement.fi", "Kirjoita [meille](mailto:tietosuoja @esimerkki.fi)."), "requirement.fi"),
]


ERRORS = {
    "transfers-contradiction",
    "transfer-adequacy",
    "unknown-reference",
    "duplicate-id",
    "unsafe-link",
    "translation-blank",
    "legal-basis-alternatives",
    "dpo-contradiction",
    "adequacy-certification",
    "adequacy-ended",
    "transfer-recipient-country",
    "retention-data",
    "retention-event",
    "provision-contradiction",
    "automated-decisions-contradiction",
    "languages-kept",
    "business-id-check-digit",
    "transfer-derogation-contradiction",
    "automated-decisions-stated",
    "link-address",
}
"""The rules that stop publication, stated here and not read from the code under test."""


def test_every_rule_has_a_failing_case() -> None:
    # rules that compare the notice with the last release are tested with two notices below, and those that
    # depend on the build date with a date
    assert set(RULES) - {rule for rule, _, _ in FAILING} == {
        "translation-stale",
        "languages-kept",
        "adequacy-ended",
        "adequacy-list-age",
        "audience",  # a company's notices only: tests/test_company.py
    }


@pytest.mark.parametrize("rule, change, field", FAILING, ids=[case[0] for case in FAILING])
def test_rule_fails_on_its_gap(tmp_path: Path, rule: str, change: Callable[[Data], None], field: str) -> None:
    data = complete()
    change(data)
    mine = [f for f in findings(tmp_path, data) if f.rule == rule]
    assert mine, f"{rule} did not fire"
    spec = RULES[rule]
    for finding in mine:
        assert finding.level == ("error" if rule in ERRORS else "warning")
        assert finding.article == spec.article
        assert finding.position.line > 0 and finding.position.column > 0
    assert any(f.message.startswith(f"{field}: ") for f in mine), [f.message for f in mine]
    if spec.article:
        assert f"[{rule}, GDPR Art. {spec.article}]" in str(mine[0])


MESSAGES = Path(__file__).parent / "fixtures" / "rule_messages.json"
"""Every rule's words on its gap case: what an author reads is pinned, so a change to it is deliberate.
After changing a message on purpose: SELOSTE_UPDATE_MESSAGES=1 pytest tests/test_check_rules.py -k words"""


def test_each_rule_says_its_gap_in_its_own_words(tmp_path: Path) -> None:
    said = {}
    for rule, change, _ in FAILING:
        data = complete()
        change(data)
        said[rule] = sorted(
            {
                str(f).replace(str(tmp_path / "notice.yaml"), "notice.yaml")
                for f in findings(tmp_path, data)
                if f.rule == rule
            }
        )
    if os.environ.get("SELOSTE_UPDATE_MESSAGES"):
        MESSAGES.write_text(json.dumps(said, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert said == json.loads(MESSAGES.read_text(encoding="utf-8"))


def test_rules_are_documented() -> None:
    article = re.compile(r"^(?:\d{1,2}(?:\(\d\))?(?:\([a-z]\))?)(?:, \d{1,2}(?:\(\d\))?(?:\([a-z]\))?)*$")
    for rule, spec in RULES.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule)
        assert spec.level in ("error", "warning")
        assert spec.why.endswith(".") and len(spec.why) > 30, rule
        assert spec.article == "" or article.match(spec.article), (rule, spec.article)
    assert (
        {spec.id for spec in RULES.values() if not spec.article}
        == {
            "unknown-reference",
            "duplicate-id",
            "unsafe-link",
            "languages-kept",
            "effective-far-ahead",
            "cookie-consent",
            "business-id-check-digit",
            "controller-business-id",
            "audience",  # the site's listing of a company's notices, not an item of the GDPR
        }
    )  # the business ID is Finnish good practice, not an Art. 13 item  # Finnish law (917/2014 s. 205), not the GDPR: its message names the act


def test_findings_point_at_the_gap(tmp_path: Path) -> None:
    data = complete()
    del data["purposes"][0]["retention"]
    text = dump(data)
    (finding,) = findings(tmp_path, data)
    # No retention: the purpose's own mapping, i.e. the line of its first field.
    assert text.splitlines()[finding.position.line - 1] == "- id: orders"
    assert finding.position.column == 3
    assert "Handling orders" in finding.message


def test_findings_are_sorted_by_position(tmp_path: Path) -> None:
    data = complete()
    for key in ("requirement", "automated_decisions", "data_protection_officer"):
        del data[key]
    del data["purposes"][0]["retention"]
    del data["controller"]["address"]
    found = findings(tmp_path, data)
    assert [f.position for f in found] == sorted(f.position for f in found)


# --- Conditions under which a rule must stay silent ------------------------------------------


def _quiet(tmp_path: Path, change: Callable[[Data], None]) -> set[str]:
    data = complete()
    change(data)
    return rules_of(findings(tmp_path, data))


def test_a_revision_fifty_days_ahead_is_within_reach(tmp_path: Path) -> None:
    assert "effective-far-ahead" not in _quiet(tmp_path, _set("revision.effective", "2026-08-04"))  # BUILD_DAY + 50
    data = complete()
    _set("revision.effective", "2026-08-05")(data)
    found = [f for f in findings(tmp_path, data) if f.rule == "effective-far-ahead"]
    assert [f.message for f in found] == [
        "revision.effective: 2026-08-05 is 51 days ahead: only the daily publish run makes it the version in force on "
        "that date, and GitHub pauses the schedules of a repository with no activity for 60 days; Publish's keepalive "
        'job prevents that, so make sure the workflow is enabled (Actions > Publish; docs/operations.md, "Keeping '
        'the daily run alive")'
    ]


def test_full_adequacy_is_named_as_the_safeguard(tmp_path: Path) -> None:
    """Without safeguard: adequacy_decision the page drops the Art. 45 sentence: a warning that says which decision."""
    change = _steps(
        _set("transfers.0.country", "CH"),
        _delete("transfers.0.safeguard"),
        _delete("transfers.0.copy"),
        _set("recipients.0.country", "CH"),
    )
    data = complete()
    change(data)
    (finding,) = findings(tmp_path, data)
    assert (finding.rule, finding.level) == ("transfer-safeguard", "warning")
    assert "safeguard: adequacy_decision" in finding.message and "Switzerland (CH)" in finding.message
    assert _quiet(tmp_path, _steps(change, _set("transfers.0.safeguard", "adequacy_decision"))) == set()


def test_partial_adequacy_needs_the_safeguard_named(tmp_path: Path) -> None:
    us = _steps(_delete("transfers.0.safeguard"), _delete("transfers.0.copy"))
    data = complete()
    us(data)
    (finding,) = findings(tmp_path, data)
    assert finding.rule == "transfer-safeguard" and "Data Privacy Framework" in finding.message
    named = _steps(
        _set("transfers.0.safeguard", "adequacy_decision"),
        _delete("transfers.0.copy"),
        _set("transfers.0.certified", True),
    )
    assert _quiet(tmp_path, named) == set()


def test_certification_only_where_a_decision_is_partial(tmp_path: Path) -> None:
    change = _steps(
        _set("transfers.0.country", "CH"),
        _set("recipients.0.country", "CH"),
        _set("transfers.0.safeguard", "adequacy_decision"),
        _set("transfers.0.certified", True),
    )
    data = complete()
    change(data)
    (finding,) = findings(tmp_path, data)
    assert finding.rule == "adequacy-certification" and "no partial adequacy decision" in finding.message


def test_adequacy_data() -> None:
    known = adequacy()
    assert known.as_of >= date(2026, 1, 28)
    codes = {"AD", "AR", "BR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"}
    assert codes <= set(known.by_country)
    assert known.of("US").partial and "Data Privacy Framework" in known.of("US").scope
    assert known.of("GB").end == date(2031, 12, 27)  # renewed on 19 December 2025 for six years
    assert all(d.adopted < known.as_of for d in known.by_country.values())
    assert not known.of("CH").partial and known.of("CA").partial and known.of("IN") is None
    assert not set(known.by_country) & EEA


def test_an_ended_decision_is_an_error(tmp_path: Path) -> None:
    data = complete()
    _steps(
        _set("transfers.0.country", "GB"),
        _set("recipients.0.country", "GB"),
        _set("transfers.0.safeguard", "adequacy_decision"),
        _delete("transfers.0.copy"),
    )(data)
    assert rules_of(findings(tmp_path, data, today=date(2031, 12, 27))) == {"adequacy-list-age"}  # but not ended
    ended = [f for f in findings(tmp_path, data, today=date(2031, 12, 28)) if f.rule == "adequacy-ended"]
    assert [f.level for f in ended] == ["error"]
    assert ended[0].message.startswith("transfers[1].safeguard: ") and "2031-12-27" in ended[0].message
    del data["transfers"][0]["safeguard"]  # no safeguard named: it still rests on the decision
    assert "adequacy-ended" in rules_of(findings(tmp_path, data, today=date(2032, 1, 1)))


def test_an_old_adequacy_list_is_a_warning(tmp_path: Path) -> None:
    as_of = adequacy().as_of
    a_year_on = date(as_of.year + 1, as_of.month, as_of.day)
    assert "adequacy-list-age" not in rules_of(findings(tmp_path, complete(), today=a_year_on))
    late = [
        f
        for f in findings(tmp_path, complete(), today=date(as_of.year + 1, as_of.month + 1, as_of.day))
        if f.rule == "adequacy-list-age"
    ]
    assert [f.level for f in late] == ["warning"] and late[0].message.startswith("transfers: ")
    data = complete()
    _steps(_delete("transfers"), _set("transfers_outside_eea", False), _set("recipients.0.country", "FI"))(data)
    assert "adequacy-list-age" not in rules_of(findings(tmp_path, data, today=date(as_of.year + 3, 1, 1)))


def test_retention_until_an_event_needs_the_basis_it_names(tmp_path: Path) -> None:
    assert (
        _quiet(tmp_path, _set("purposes.0.retention", [{"event": "consent_withdrawn"}, {"event": "objection"}]))
        == set()
    )
    data = complete()
    _steps(
        _set("purposes.0.legal_bases", [{"basis": "contract"}]),
        _delete("purposes.0.legitimate_interest"),
        _delete("purposes.0.consent_withdrawal"),
        _set("purposes.0.retention", [{"event": "consent_withdrawn"}, {"event": "objection"}]),
    )(data)
    assert [f.message.split(":")[0] for f in findings(tmp_path, data) if f.rule == "retention-event"] == [
        "purposes[orders].retention[1].event",
        "purposes[orders].retention[2].event",
    ]


def test_a_processor_does_not_decide_in_its_own_name(tmp_path: Path) -> None:
    data = complete()
    _steps(
        _set("automated_decisions", {"exists": True}),
        _set("purposes.0.automated_decision", {**DECISION, "decided_by": "crm"}),
    )(data)
    (finding,) = findings(tmp_path, data)
    assert finding.rule == "automated-decisions-contradiction" and "is a processor" in finding.message
    data["recipients"][0]["role"] = "controller"
    assert findings(tmp_path, data) == []


@pytest.mark.parametrize(
    "derogation",
    [
        "explicit_consent",
        "contract",
        "contract_in_interest",
        "public_interest",
        "legal_claims",
        "vital_interests",
        "public_register",
    ],
)
def test_a_derogation_of_the_first_subparagraph_needs_no_copy(tmp_path: Path, derogation: str) -> None:
    derogate = _steps(_set("transfers.0.safeguard", "derogation"), _delete("transfers.0.copy"))
    assert _quiet(tmp_path, _steps(derogate, _set("transfers.0.derogation", derogation))) == set()


def test_compelling_legitimate_interests_need_their_safeguards_told(tmp_path: Path) -> None:
    """Art. 13(1)(f) asks for the suitable safeguards only in the case of Art. 49(1), second subparagraph."""
    derogate = _steps(
        _set("transfers.0.safeguard", "derogation"), _set("transfers.0.derogation", "compelling_legitimate_interests")
    )
    assert _quiet(tmp_path, derogate) == set()
    data = complete()
    _steps(derogate, _delete("transfers.0.copy"))(data)
    (finding,) = findings(tmp_path, data)
    assert finding.rule == "transfer-copy" and "second subparagraph" in finding.message


def test_an_adequacy_decision_that_ends_before_the_revision_takes_effect_is_an_error(tmp_path: Path) -> None:
    """Checked on 2031-06-01, the GB decision applies; a revision effective 2032-01-01 would rest on an ended one."""
    data = complete()
    _steps(
        _set("transfers.0.country", "GB"),
        _set("recipients.0.country", "GB"),
        _set("transfers.0.safeguard", "adequacy_decision"),
        _delete("transfers.0.copy"),
    )(data)
    data["revision"]["effective"] = "2031-12-27"
    assert "adequacy-ended" not in rules_of(findings(tmp_path, data, today=date(2031, 6, 1)))
    data["revision"]["effective"] = "2031-12-28"
    ended = [f for f in findings(tmp_path, data, today=date(2031, 6, 1)) if f.rule == "adequacy-ended"]
    assert [f.level for f in ended] == ["error"]
    assert "before this revision takes effect on 2031-12-28" in ended[0].message


@pytest.mark.parametrize(
    ("business_id", "valid"),
    [
        ("1234567-1", True),
        ("2345678-0", True),
        ("0000006-1", False),
        ("1234567-8", False),
        ("2345678-9", False),
        ("0737546-2", True),
        ("1572860-0", True),
    ],
)
def test_the_business_id_check_digit(tmp_path: Path, business_id: str, valid: bool) -> None:
    """Weights 7, 9, 10, 5, 8, 4, 2; the sum modulo 11: 0 gives 0, 1 no valid ID, r gives 11 - r."""
    found = _quiet(tmp_path, _set("controller.business_id", business_id))
    assert found == (set() if valid else {"business-id-check-digit"})


@pytest.mark.parametrize(
    "period", ["P0D", "PT0S", "P0Y0M", "P0W", "P121Y", "P1000Y", "P999999999Y", "P1441M", "P120Y1D", "P43831D"]
)
def test_a_period_of_nothing_or_of_more_than_120_years_is_refused(tmp_path: Path, period: str) -> None:
    data = complete()
    data["purposes"][0]["retention"] = [{"period": period}]
    with pytest.raises(NoticeError) as raised:
        findings(tmp_path, data)
    (finding,) = raised.value.findings
    assert finding.level == "error" and finding.message.startswith("purposes[orders].retention[1].period: ")
    assert (
        "period of nothing" if period.strip("PTYMWDHS0") == "" else "120 years"
    ) in finding.message or "digits" in finding.message


@pytest.mark.parametrize("period", ["P120Y", "P1440M", "P1D", "PT1S", "P6Y"])
def test_periods_up_to_120_years_pass(tmp_path: Path, period: str) -> None:
    assert _quiet(tmp_path, _set("purposes.0.retention", [{"period": period}])) == set()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[meille](mailto:tietosuoja @esimerkki.fi)", "space"),
        ("[meille](mailto:tietosuoja)", "no e-mail address"),
        ("[meille](mailto:)", "no e-mail address"),
        ("[ehdot](https://esimerkki.fi/a b)", "space"),
        ("[ehdot](https://esimerkki.fi/a_(b))", "parenthesis"),
        ("[ehdot](https://localhost/x)", "named host"),
        ("[ehdot](https:esimerkki.fi)", "named host"),
    ],
)
def test_a_link_is_checked_whole(tmp_path: Path, text: str, problem: str) -> None:
    data = complete()
    data["requirement"]["sv"] = f"Se {text}."
    (finding,) = [f for f in findings(tmp_path, data) if f.rule == "link-address"]
    assert finding.level == "error" and problem in finding.message
    assert finding.message.startswith("requirement.sv: ") and finding.position.line > 1


def test_links_the_page_publishes_pass(tmp_path: Path) -> None:
    text = (
        "[us](mailto:tietosuoja@esimerkki.fi) [subject](mailto:a@esimerkki.fi?subject=Tietosuoja) "
        "[terms](https://esimerkki.fi/ehdot?x=1#y) ![image](https://x.fi/a b) plain mailto:x"
    )
    assert _quiet(tmp_path, _set("requirement.en", text)) == set()


def test_a_source_that_names_no_data_may_provide_any(tmp_path: Path) -> None:
    """source-data speaks only where every source of a purpose says what it provides."""
    assert _quiet(tmp_path, _category("orders")) == set()
    assert _quiet(tmp_path, _steps(_category("orders"), _set("sources.0.data", ["contact", "orders"]))) == set()


def test_provision_needs_its_consequences_where_something_is_required(tmp_path: Path) -> None:
    for required_by, obligatory, fires in [
        ("statute", None, True),
        ("contract", False, True),
        ("entering_contract", True, True),
        ("none", False, False),
        ("none", None, False),
    ]:
        provision = {"required_by": required_by} | ({} if obligatory is None else {"obligatory": obligatory})
        found = _quiet(tmp_path, _set("purposes.0.provision", provision))
        assert ("provision-consequences" in found) == fires, (required_by, obligatory)


def test_explicit_consent_is_not_called_consent_in_messages(tmp_path: Path) -> None:
    data = complete()
    _steps(_explicit_consent, _delete("purposes.0.consent_withdrawal"), _without_right("withdraw_consent"))(data)
    said = [f.message for f in findings(tmp_path, data)]
    assert all("explicit consent (Art. 9(2)(a))" in m and "rests on consent" not in m for m in said), said
    assert len(said) == 2


def test_one_missing_right_is_it_not_them(tmp_path: Path) -> None:
    (one,) = [f.message for f in findings(tmp_path, _changed(_without_right("erasure"))) if f.rule == "rights-stated"]
    assert one.endswith("; add it to rights.granted")
    two = _changed(_steps(_without_right("erasure"), _without_right("access")))
    (both,) = [f.message for f in findings(tmp_path, two) if f.rule == "rights-stated"]
    assert both.endswith("; add them to rights.granted")


def _changed(change: Callable[[Data], None]) -> Data:
    data = complete()
    change(data)
    return data


def test_a_rights_contact_said_in_the_notes_is_enough(tmp_path: Path) -> None:
    notes = T(
        "Kirjoita [meille](mailto:a@esimerkki.fi).",
        "Skriv [till oss](mailto:a@esimerkki.fi).",
        "Write [to us](mailto:a@esimerkki.fi).",
    )
    assert _quiet(tmp_path, _steps(_delete("rights.contact"), _set("notes", {"rights": notes}))) == set()


RIGHTS_NAMED = {"objection": "the right to object (Art. 21)", "portability": "the right to data portability (Art. 20)"}


@pytest.mark.parametrize(
    ("basis", "required"),
    [
        ("contract", {"portability"}),
        ("consent", {"portability"}),
        ("public_task", {"objection"}),
        ("legitimate_interests", {"objection"}),
        ("legal_obligation", set()),
    ],
)
def test_objection_and_portability_only_where_the_basis_calls_for_them(
    tmp_path: Path, basis: str, required: set[str]
) -> None:
    """Portability is owed under consent or contract (Art. 20), objection under public task or legitimate interest."""
    for right in ("objection", "portability"):
        data = complete()
        _steps(_set("purposes.0.legal_bases", [{"basis": basis}]), _without_right(right))(data)
        stated = [f.message for f in findings(tmp_path, data) if f.rule == "rights-stated"]
        if right in required:
            assert len(stated) == 1 and RIGHTS_NAMED[right] in stated[0], (basis, right, stated)
        else:
            assert stated == [], (basis, right)


def _explicit_consent(data: Data) -> None:
    """The purpose rests on a contract (Art. 6(1)(b)) and, for its special data, on explicit consent (Art. 9(2)(a))."""
    _steps(
        _set("data_categories.0.special", True),
        _set("purposes.0.special_condition", "explicit_consent"),
        _set("purposes.0.legal_bases", [{"basis": "contract"}]),
        _delete("purposes.0.legitimate_interest"),
    )(data)


def test_explicit_consent_is_consent(tmp_path: Path) -> None:
    """Explicit consent (Art. 9(2)(a)) is consent: withdrawal explained, the right stated, data kept until withdrawn."""
    assert _quiet(tmp_path, _explicit_consent) == set()
    without_how = _delete("purposes.0.consent_withdrawal")
    assert _quiet(tmp_path, _steps(_explicit_consent, without_how)) == {"consent-withdrawal"}
    assert _quiet(tmp_path, _steps(_explicit_consent, _without_right("withdraw_consent"))) == {"withdraw-consent"}
    until = _set("purposes.0.retention", [{"event": "consent_withdrawn"}])
    assert _quiet(tmp_path, _steps(_explicit_consent, until)) == set()


def test_a_recipient_not_certified_is_not_covered_by_a_partial_decision(tmp_path: Path) -> None:
    """certified: false on a transfer resting on the US decision is an error; beside another safeguard it is fine."""
    data = complete()
    _steps(
        _set("transfers.0.safeguard", "adequacy_decision"),
        _delete("transfers.0.copy"),
        _set("transfers.0.certified", False),
    )(data)
    (finding,) = findings(tmp_path, data)
    assert (finding.rule, finding.level) == ("adequacy-certification", "error")
    assert finding.message.startswith("transfers[1].certified: ") and "certified: true" in finding.message
    assert _quiet(tmp_path, _set("transfers.0.certified", False)) == set()


def test_withdraw_consent_only_where_a_purpose_rests_on_consent(tmp_path: Path) -> None:
    change = _steps(
        _set("purposes.0.legal_bases", [{"alternatives": ["contract", "legitimate_interests"]}]),
        _delete("purposes.0.consent_withdrawal"),
        _without_right("withdraw_consent"),
    )
    assert _quiet(tmp_path, change) == set()


def test_a_dpo_with_contact_details_passes(tmp_path: Path) -> None:
    assert _quiet(tmp_path, _set("data_protection_officer", {"appointed": True, "email": "dpo@esimerkki.fi"})) == set()


def test_automated_decisions_explained_pass(tmp_path: Path) -> None:
    change = _set(
        "automated_decisions",
        {
            "exists": True,
            "description": T(
                "Luottopäätös tehdään automaattisesti.",
                "Kreditbeslutet fattas automatiskt.",
                "The credit decision is automated.",
            ),
        },
    )
    assert _quiet(tmp_path, change) == set()


def test_session_cookie_and_safe_links_pass(tmp_path: Path) -> None:
    change = _steps(
        _set("cookies.0.duration", "session"),
        _set(
            "requirement.en",
            "See [our terms](https://esimerkki.fi/ehdot) or [write to us](mailto:tietosuoja@esimerkki.fi).",
        ),
    )
    assert _quiet(tmp_path, change) == set()


@pytest.mark.parametrize("url", ["http://esimerkki.fi", "data:text/html,x", "JavaScript:alert(1)", "ftp://x"])
def test_every_other_link_scheme_is_an_error(tmp_path: Path, url: str) -> None:
    data = complete()
    data["purposes"][0]["name"]["fi"] = f"Katso [tästä]({url})"
    (finding,) = [f for f in findings(tmp_path, data) if f.rule == "unsafe-link"]
    assert (
        finding.level == "error" and url in finding.message and finding.message.startswith("purposes[orders].name.fi:")
    )


def test_references_of_every_kind(tmp_path: Path) -> None:
    data = complete()
    data["purposes"][0].update(
        data_subjects=["ghosts"], data_categories=["dna"], sources=["rumour"], recipients=["nsa"]
    )
    data["data_categories"][0]["data_subjects"] = ["ghosts"]
    data["transfers"][0]["recipient"] = "nsa"
    found = [f for f in findings(tmp_path, data) if f.rule == "unknown-reference"]
    assert sorted(f.message.split(":")[0] for f in found) == [
        "data_categories[contact].data_subjects[1]",
        "purposes[orders].data_categories[1]",
        "purposes[orders].data_subjects[1]",
        "purposes[orders].recipients[1]",
        "purposes[orders].sources[1]",
        "transfers[1].recipient",
    ]
    assert all(f.level == "error" for f in found)


def test_same_words_allowed_in_addresses_names_and_single_words(tmp_path: Path) -> None:
    same = "Esimerkkikatu 1, 00100 Helsinki"
    change = _steps(
        _set("controller.address", T(same, same, same)),
        _set("recipients.0.name", T("Salesforce Ireland Ltd", "Salesforce Ireland Ltd", "Salesforce Ireland Ltd")),
        _set("cookies.0.purpose", T("Istunto", "Session", "Session")),
    )
    assert _quiet(tmp_path, change) == set()


def test_identical_in_all_three_languages(tmp_path: Path) -> None:
    data = complete()
    data["requirement"] = T("Not translated yet.", "Not translated yet.", "Not translated yet.")
    found = [f.message for f in findings(tmp_path, data) if f.rule == "translation-identical"]
    assert found == [
        "requirement.sv: the Swedish text is the same as the Finnish text; translate it",
        "requirement.en: the English text is the same as the Finnish text; translate it",
    ]


# --- Stale translations: two releases of one notice ------------------------------------------


def _two(tmp_path: Path, change: Callable[[Data], None]) -> list[Finding]:
    before, after = complete(), complete()
    change(after)
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "notice.yaml").write_text(dump(before), encoding="utf-8")
    previous, _ = read_notice(tmp_path / "old" / "notice.yaml", PROJECT.schema)
    (tmp_path / "notice.yaml").write_text(dump(after), encoding="utf-8")
    current, doc = read_notice(tmp_path / "notice.yaml", PROJECT.schema)
    return [f for f in run_rules(Context(current, doc, previous)) if f.rule in ("translation-stale", "languages-kept")]


def test_stale_translation_when_only_finnish_changed(tmp_path: Path) -> None:
    found = _two(tmp_path, _set("requirement.fi", "Tiedot ovat lakisääteinen vaatimus."))
    assert [f.message.split(":")[0] for f in found] == ["requirement.sv", "requirement.en"]
    spec = RULES["translation-stale"]
    assert all(f.rule == spec.id and f.level == "warning" and f.article == "12(1)" for f in found)
    assert all(f.position.line > 0 for f in found)


def test_a_notice_keeps_the_languages_it_was_published_in(tmp_path: Path) -> None:
    def drop_swedish(data: Data) -> None:
        data["languages"] = ["fi", "en"]
        drop_language(data, "sv")

    found = _two(tmp_path, drop_swedish)
    assert [(f.rule, f.level, f.message.split(":")[0]) for f in found] == [("languages-kept", "error", "languages")]
    assert "fi, sv and en" in found[0].message


def test_no_stale_translation_when_all_changed(tmp_path: Path) -> None:
    change = _steps(_set("requirement.fi", "Uusi."), _set("requirement.sv", "Ny."), _set("requirement.en", "New."))
    assert _two(tmp_path, change) == []


def test_only_the_unchanged_translation_is_stale(tmp_path: Path) -> None:
    found = _two(tmp_path, _steps(_set("requirement.fi", "Uusi teksti."), _set("requirement.sv", "Ny text.")))
    assert [f.message.split(":")[0] for f in found] == ["requirement.en"]


def test_white_space_is_no_change_and_new_texts_are_not_stale(tmp_path: Path) -> None:
    change = _steps(
        _set("requirement.fi", "  Tiedot ovat\nsopimuksen edellytys. "),
        _set("introduction", T("Uusi johdanto.", "Ny inledning.", "New introduction.")),
    )
    assert _two(tmp_path, change) == []


def test_stale_texts_are_matched_by_id_not_by_place(tmp_path: Path) -> None:
    def insert_purpose_first(data: Data) -> None:
        new = copy.deepcopy(data["purposes"][0])
        new.update(id="returns", name=T("Palautukset", "Returer", "Returns"))
        data["purposes"].insert(0, new)
        data["purposes"][1]["name"]["fi"] = "Tilausten käsittely ja toimitus"

    found = _two(tmp_path, insert_purpose_first)
    assert sorted(f.message.split(":")[0] for f in found) == ["purposes[orders].name.en", "purposes[orders].name.sv"]


@pytest.mark.parametrize("country", ["AT", "SK", "AX", "YT", "IS", "LI", "NO", "US"])
def test_a_recipient_inside_the_eea_is_no_transfer(tmp_path: Path, country: str) -> None:
    """The first and last of the EU's codes, parts of member states with codes of their own, and the EEA
    states are inside: a notice that says nothing leaves the EU/EEA may have a recipient there."""
    data = complete()
    _steps(_delete("transfers"), _set("transfers_outside_eea", False), _set("recipients.0.country", country))(data)
    assert rules_of(findings(tmp_path, data)) == ({"transfers-contradiction"} if country == "US" else set())
