"""A second company's notice, and the one-change mistakes a lawyer would catch in it.

tests/fixtures/clinic/notice.yaml is a fictional physiotherapy clinic's notice,
written from the README and the schema alone. Complete, it has no finding.
Each mistake below changes one thing of it, as an author's slip would, and
`check` must name it with the rule expected ("schema" for what the schema or
the formats refuse). No mistake may end in a traceback: where `check` finds
no error in one, its page is rendered in every language, as `release` would.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.findings import Finding, NoticeError
from generator.notice.read import read_notice_text
from generator.notice.rules import RULES, Context, run_rules
from generator.words.render import render_notice
from support import FIXTURES, PROJECT

Data = dict[str, Any]
Change = Callable[[Data], None]

CLINIC = FIXTURES / "clinic" / "notice.yaml"
BUILD_DAY = date(2026, 6, 15)
"""A fixed build date: the adequacy list's age and how far ahead a revision is do not depend on the day."""


def clinic() -> Data:
    return YAML(typ="safe", pure=True).load(CLINIC.read_text(encoding="utf-8"))


def check(data: Data) -> list[Finding]:
    """Every finding of `check` on the notice; its page rendered in every language where none is an error."""
    try:
        notice, doc = read_notice_text(json.dumps(data, ensure_ascii=False, indent=1), "notice.json", PROJECT.schema)
    except NoticeError as exc:
        return [f if f.rule else Finding(f.position, f.level, f.message, "schema") for f in exc.findings]
    found = run_rules(Context(notice, doc, today=BUILD_DAY))
    if not any(f.level == "error" for f in found):
        for lang in notice.languages:
            render_notice(notice, lang, PROJECT.locales)
    return found


def _parts(path: str) -> list[str | int]:
    return [int(part) if part.isdigit() else part for part in path.split(".")]


def put(path: str, value: Any) -> Change:
    def change(data: Data) -> None:
        *parents, last = _parts(path)
        node: Any = data
        for part in parents:
            node = node[part]
        node[last] = copy.deepcopy(value)

    return change


def drop(path: str) -> Change:
    def change(data: Data) -> None:
        *parents, last = _parts(path)
        node: Any = data
        for part in parents:
            node = node[part]
        del node[last]

    return change


def remove(path: str, value: Any) -> Change:
    def change(data: Data) -> None:
        node: Any = data
        for part in _parts(path):
            node = node[part]
        node.remove(value)

    return change


def add(path: str, value: Any) -> Change:
    def change(data: Data) -> None:
        node: Any = data
        for part in _parts(path):
            node = node[part]
        node.append(copy.deepcopy(value))

    return change


def both(*changes: Change) -> Change:
    """Two edits that make one mistake (a field renamed, a value moved)."""

    def change(data: Data) -> None:
        for step in changes:
            step(data)

    return change


def T(fi: str, sv: str, en: str) -> Data:  # noqa: N802  # a text, as the other rule tests write it
    return {"fi": fi, "sv": sv, "en": en}


DECISION = {
    "logic": T("Maksuhistoria.", "Betalningshistorik.", "Payment history."),
    "consequences": T("Lasku voidaan evätä.", "Fakturan kan nekas.", "An invoice may be refused."),
    "human_review": T("Ota yhteyttä toimistoon.", "Kontakta kansliet.", "Contact the office."),
}

# purposes: 0 care, 1 appointments, 2 billing, 3 letter, 4 analytics; sources: 0 patient, 1 referrers,
# 2 insurers; recipients: 0 booking, 1 records, 2 video (US), 3 mailer (GB), 4 accountant; transfers: 0 US, 1 GB
MISTAKES: list[tuple[str, str, Change]] = [
    # the controller and the data protection officer
    ("business ID with a wrong check digit", "business-id-check-digit", put("controller.business_id", "1618033-4")),
    ("the schema's old example as business ID", "business-id-check-digit", put("controller.business_id", "1234567-8")),
    ("business ID with no valid check digit", "business-id-check-digit", put("controller.business_id", "0000006-0")),
    ("no business ID", "controller-business-id", drop("controller.business_id")),
    ("business ID without its hyphen", "schema", put("controller.business_id", "16180333")),
    ("no postal address", "controller-address", drop("controller.address")),
    ("no e-mail or telephone", "controller-contact", both(drop("controller.email"), drop("controller.phone"))),
    ("an http: website", "schema", put("controller.website", "http://kaari.example")),
    ("no word on a DPO", "dpo-stated", drop("data_protection_officer")),
    (
        "a DPO with no contact",
        "dpo-contact",
        both(drop("data_protection_officer.email"), drop("data_protection_officer.phone")),
    ),
    ("a DPO said not appointed, with details", "dpo-contradiction", put("data_protection_officer.appointed", False)),
    ("a DPO e-mail without a domain", "schema", put("data_protection_officer.email", "tietosuojavastaava@")),
    # purposes and legal bases
    ("a purpose without legal basis", "purpose-legal-basis", drop("purposes.0.legal_bases")),
    ("legitimate interests without the interest", "legitimate-interest", drop("purposes.3.legitimate_interest")),
    (
        "an interest without that basis",
        "legitimate-interest-basis",
        put("purposes.1.legitimate_interest", T("Ajanvaraus.", "Tidsbokning.", "Appointments.")),
    ),
    (
        "legitimate interests, interest not described",
        "legitimate-interest",
        put("purposes.1.legal_bases", [{"basis": "legitimate_interests"}]),
    ),
    ("two bases, one not saying what it covers", "legal-basis-scope", drop("purposes.2.legal_bases.0.covers")),
    ("the same basis twice", "legal-basis-alternatives", put("purposes.2.legal_bases.1.basis", "contract")),
    ("an unknown legal basis", "schema", put("purposes.0.legal_bases.0.basis", "legitimate_interest")),
    # special categories and criminal-offence data
    ("health data without its Art. 9(2) condition", "special-condition", drop("purposes.0.special_condition")),
    (
        "health data in another purpose without a condition",
        "special-condition",
        add("purposes.1.data_categories", "health"),
    ),
    (
        "an Art. 9(2) condition with no special data",
        "special-condition",
        put("purposes.1.special_condition", "health_care"),
    ),
    ("criminal data without the law", "criminal-data-authority", put("data_categories.0.criminal", True)),
    (
        "explicit consent, withdrawal not told",
        "consent-withdrawal",
        put("purposes.0.special_condition", "explicit_consent"),
    ),
    # data and sources: Art. 14
    ("a purpose without sources", "purpose-sources", drop("purposes.4.sources")),
    ("the insurer's data without the insurer", "source-data", put("purposes.2.sources", ["patient"])),
    ("a source no longer giving what a purpose gets from it", "source-data", remove("sources.2.data", "commitment")),
    ("a referral without the referring doctor", "source-data", put("purposes.0.sources", ["patient"])),
    ("no data categories for a purpose with sources", "data-categories", drop("purposes.3.data_categories")),
    ("a source that does not exist", "unknown-reference", add("purposes.0.sources", "laboratory")),
    ("no purposes at all", "purposes-listed", drop("purposes")),
    ("no sources at all", "sources-stated", drop("sources")),
    # recipients and transfers
    ("no recipients at all", "recipients-stated", drop("recipients")),
    ("nothing said of transfers", "transfers-stated", both(drop("transfers_outside_eea"), drop("transfers"))),
    ("no transfer although one is said", "transfers-listed", drop("transfers")),
    ("transfers denied", "transfers-contradiction", put("transfers_outside_eea", False)),
    ("a transfer to an EEA country", "transfer-in-eea", put("transfers.1.country", "SE")),
    ("no safeguard under a partial decision", "transfer-safeguard", drop("transfers.0.safeguard")),
    ("no safeguard under a full decision", "transfer-safeguard", drop("transfers.1.safeguard")),
    ("a partial decision, recipient not certified", "adequacy-certification", drop("transfers.0.certified")),
    ("certified under a full decision", "adequacy-certification", put("transfers.1.certified", True)),
    (
        "an adequacy decision where none exists",
        "transfer-adequacy",
        both(put("transfers.1.country", "IN"), put("recipients.3.country", "IN")),
    ),
    ("a recipient elsewhere than its transfer", "transfer-recipient-country", put("recipients.3.country", "IN")),
    ("a recipient outside the EEA with no transfer", "recipient-transfer", put("recipients.4.country", "IN")),
    ("a derogation that does not say which", "transfer-derogation", put("transfers.1.safeguard", "derogation")),
    (
        "a derogation beside an adequacy decision",
        "transfer-derogation-contradiction",
        put("transfers.1.derogation", "explicit_consent"),
    ),
    (
        "compelling legitimate interests without their safeguards",
        "transfer-copy",
        put(
            "transfers.1",
            {
                "country": "GB",
                "recipient": "mailer",
                "safeguard": "derogation",
                "derogation": "compelling_legitimate_interests",
            },
        ),
    ),
    (
        "clauses without a copy",
        "transfer-copy",
        put("transfers.0", {"country": "US", "recipient": "video", "safeguard": "standard_data_protection_clauses"}),
    ),
    (
        "a derogation that is not one",
        "schema",
        both(put("transfers.1.safeguard", "derogation"), put("transfers.1.derogation", "consent")),
    ),
    ("a revision in force after the UK decision ends", "adequacy-ended", put("revision.effective", "2032-01-01")),
    ("UK for GB", "schema", put("transfers.1.country", "UK")),
    ("a transfer to nobody listed", "unknown-reference", put("transfers.0.recipient", "zoom")),
    # retention
    ("a purpose without retention", "retention", drop("purposes.1.retention")),
    ("a retention rule for data the purpose lacks", "retention-data", put("purposes.2.retention.1.data", ["email"])),
    ("a category without a retention rule", "retention-coverage", drop("purposes.2.retention.1")),
    (
        "kept until consent is withdrawn, without consent",
        "retention-event",
        put("purposes.1.retention", [{"event": "consent_withdrawn"}]),
    ),
    (
        "kept until objection, without a basis to object to",
        "retention-event",
        put("purposes.3.legal_bases", [{"basis": "consent"}]),
    ),
    ("from collection without a period", "retention-event", drop("purposes.4.retention.0.period")),
    ("a retention of zero days", "schema", put("purposes.1.retention.0.period", "P0D")),
    ("a retention of zero seconds", "schema", put("purposes.1.retention.0.period", "PT0S")),
    ("a retention of zero years and months", "schema", put("purposes.1.retention.0.period", "P0Y0M")),
    ("a retention of a thousand years", "schema", put("purposes.1.retention.0.period", "P1000Y")),
    ("a retention of 999,999,999 years", "schema", put("purposes.1.retention.0.period", "P999999999Y")),
    ("a retention past 120 years in months", "schema", put("purposes.2.retention.0.period", "P1500M")),
    ("a retention period without P", "schema", put("purposes.1.retention.0.period", "2Y")),
    ("a cookie of zero days", "schema", put("cookies.1.duration", "P0D")),
    ("an unknown retention event", "schema", put("purposes.1.retention.0.event", "end_of_relationship")),
    # rights
    ("erasure not stated", "rights-stated", remove("rights.granted", "erasure")),
    ("portability not stated under contract", "rights-stated", remove("rights.granted", "portability")),
    ("objection not stated under legitimate interests", "rights-stated", remove("rights.granted", "objection")),
    ("withdrawal of consent not stated", "withdraw-consent", remove("rights.granted", "withdraw_consent")),
    ("no complaint right", "complaint", remove("rights.granted", "complaint")),
    ("no rights contact", "rights-contact", drop("rights.contact")),
    ("consent, withdrawal not told", "consent-withdrawal", drop("purposes.3.consent_withdrawal")),
    (
        "withdrawal told without consent",
        "consent-withdrawal",
        put("purposes.1.consent_withdrawal", T("Ilmoita meille.", "Meddela oss.", "Tell us.")),
    ),
    # providing the data: Art. 13(2)(e)
    ("a purpose without provision", "requirement", drop("purposes.1.provision")),
    ("obligatory, consequences not told", "provision-consequences", drop("purposes.1.provision.consequences")),
    ("required by statute, consequences not told", "provision-consequences", drop("purposes.0.provision.consequences")),
    ("required by nothing yet obligatory", "provision-contradiction", put("purposes.3.provision.obligatory", True)),
    # automated decisions: Art. 22
    ("no word on automated decisions", "automated-decisions", drop("automated_decisions")),
    ("automated decisions without logic", "automated-decisions-logic", put("automated_decisions.exists", True)),
    (
        "a decision denied at the top",
        "automated-decisions-contradiction",
        put("purposes.2.automated_decision", DECISION),
    ),
    (
        "a decision without the top statement (the traceback)",
        "automated-decisions-stated",
        both(drop("automated_decisions"), put("purposes.2.automated_decision", DECISION)),
    ),
    (
        "a decision without human review",
        "automated-decisions-review",
        both(
            put("automated_decisions.exists", True),
            put("purposes.2.automated_decision", {k: v for k, v in DECISION.items() if k != "human_review"}),
        ),
    ),
    (
        "a processor deciding in its own name",
        "automated-decisions-contradiction",
        both(
            put("automated_decisions.exists", True),
            put("purposes.2.automated_decision", DECISION | {"decided_by": "accountant"}),
        ),
    ),
    # cookies
    ("a cookie without duration", "cookie-details", drop("cookies.1.duration")),
    ("an analytics cookie without consent", "cookie-consent", put("cookies.1.consent", False)),
    # links, texts and ids
    (
        "a mailto: with a space",
        "link-address",
        put("notes.rights.fi", "Kirjoita [meille](mailto:toimisto @kaari.example)."),
    ),
    ("a mailto: without @", "link-address", put("notes.rights.sv", "Skriv [till oss](mailto:toimisto).")),
    (
        "an https: with a space",
        "link-address",
        put("notes.rights.en", "See [My Kanta](https://www.kanta.fi/en/my kanta)."),
    ),
    ("a javascript: link", "unsafe-link", put("introduction.en", "Read [this](javascript:alert(1)).")),
    ("an http: link", "unsafe-link", put("introduction.fi", "Lue [tästä](http://kaari.example).")),
    ("a blank translation", "translation-blank", put("introduction.sv", "  ")),
    (
        "an untranslated text",
        "translation-identical",
        put(
            "introduction.sv",
            "Tämä seloste kertoo, miten Fysioterapia Kaari käsittelee potilaidensa ja asiakkaidensa henkilötietoja.",
        ),
    ),
    ("a missing translation", "schema", drop("introduction.en")),
    ("a recipient id used twice", "duplicate-id", put("recipients.4.id", "booking")),
    ("a recipient that does not exist", "unknown-reference", add("purposes.0.recipients", "laboratory")),
    ("an id with a capital", "schema", put("purposes.0.id", "Care")),
    ("a revision far ahead", "effective-far-ahead", put("revision.effective", "2026-09-01")),
    ("a date that does not exist", "schema", put("revision.effective", "2026-02-30")),
]


def test_the_complete_notice_has_no_finding() -> None:
    assert [str(f) for f in check(clinic())] == []


def test_there_are_sixty_mistakes_or_more_and_each_is_one_of_its_own() -> None:
    assert len(MISTAKES) >= 60
    assert len({name for name, _, _ in MISTAKES}) == len(MISTAKES)
    assert {rule for _, rule, _ in MISTAKES} - {"schema"} <= set(RULES)


@pytest.mark.parametrize(("name", "rule", "change"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_caught_by_its_rule(name: str, rule: str, change: Change) -> None:
    data = clinic()
    change(data)
    found = check(data)
    assert rule in {f.rule for f in found}, [str(f) for f in found]
    mine = [f for f in found if f.rule == rule]
    assert all(f.position.line > 0 and f.position.column > 0 for f in mine)
    if rule != "schema":
        assert all(f.level == RULES[rule].level for f in mine)


def test_every_rule_is_tried_on_the_clinic() -> None:
    """Each rule but those that compare with an earlier release, or the adequacy list with the build date."""
    tried = {rule for _, rule, _ in MISTAKES}
    assert set(RULES) - tried == {
        "translation-stale",
        "languages-kept",
        "adequacy-list-age",
        "notice-period",
        "audience",  # a company's notices only: tests/test_company.py
    }
