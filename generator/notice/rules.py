"""The rules of `check`: what a notice must say (GDPR Art. 13 and 14), and its translations.

Each rule is one small function, registered with a stable id, the article it
comes from and a level; its docstring's first line says why the rule exists.
A rule yields (field path, sentence) pairs; `run_rules` turns them into
findings that name the field and point at its line, or at the nearest
enclosing one where the field is missing.

Levels follow one principle. An *error* is something the notice must not be
published with: a reference to nothing, a contradiction, a claim that cannot
be true, an unsafe link, a missing translation. A *warning* is information
the GDPR asks for that the notice does not yet give: the page can be
published, but the gap is real. `--strict` turns warnings into errors.

>>> sorted(RULES)[:3]
['adequacy-certification', 'adequacy-ended', 'adequacy-list-age']
>>> RULES["purpose-legal-basis"].article, RULES["purpose-legal-basis"].level
('13(1)(c), 14(1)(c)', 'warning')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from babel import Locale

from generator.findings import Finding, Level, Position
from generator.notice.adequacy import load as adequacy
from generator.notice.formats import is_email, is_https_url
from generator.notice.languages import english_name
from generator.notice.load import Document, FieldPath, field_name
from generator.notice.markup import SAFE_SCHEMES
from generator.notice.model import (
    DataCategory,
    Name,
    Notice,
    Purpose,
    Recipient,
    Source,
    Text,
    id_lists,
    item_lists,
    references,
    texts,
)

Found = Iterator[tuple[FieldPath, str]]

EEA = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]  # EU 27
    + ["IS", "LI", "NO"]  # EEA
    + ["AX", "EA", "GF", "GP", "IC", "MF", "MQ", "RE", "YT"]  # parts of EU member states with codes of their own
)
"""Where the GDPR applies: a transfer to one of these is not a third-country transfer."""


@dataclass(frozen=True)
class Context:
    """What a rule may look at: the notice, where its values are, and the last release's notice."""

    notice: Notice
    doc: Document
    previous: Notice | None = None
    """The notice of the newest release, if there is one (for translation-stale)."""
    today: date | None = None
    """The build's date (SOURCE_DATE_EPOCH or today): adequacy decisions are dated against it, and a
    revision taking effect far ahead of it is warned about."""

    @property
    def day(self) -> date:
        return self.today or date.today()


@dataclass(frozen=True)
class Rule:
    id: str
    article: str
    """The GDPR article(s), as printed after "GDPR Art."; empty for rules of the format itself."""
    level: Level
    why: str
    find: Callable[[Context], Found]


RULES: dict[str, Rule] = {}


def rule(id: str, article: str, level: Level) -> Callable[[Callable[[Context], Found]], Callable[[Context], Found]]:
    """Register a rule function under a stable id."""

    def register(function: Callable[[Context], Found]) -> Callable[[Context], Found]:
        RULES[id] = Rule(id, article, level, (function.__doc__ or "").strip().split("\n")[0], function)
        return function

    return register


def run_rules(ctx: Context) -> list[Finding]:
    """Every finding of every rule, sorted by position."""
    findings = [_finding(ctx.doc, spec, path, message) for spec in RULES.values() for path, message in spec.find(ctx)]
    return sorted(findings, key=lambda f: (f.position, f.rule, f.message))


def _finding(doc: Document, spec: Rule, path: FieldPath, message: str) -> Finding:
    return Finding(_position(doc, path), spec.level, f"{field_name(doc, path)}: {message}", spec.id, spec.article)


def _position(doc: Document, path: FieldPath) -> Position:
    """Where the field is: a value's own place, but a mapping's key (its heading line);
    for a missing field, the key of the mapping it belongs in."""
    if path in doc.values and not isinstance(_value(doc.data, path), dict):
        return doc.position(path)
    while path and path not in doc.values:
        path = path[:-1]
    return doc.position(path, key=path in doc.keys)


def _value(data: object, path: FieldPath) -> object:
    for part in path:
        data = data[part]  # type: ignore[index]  # the path was found in this data: each part indexes a list or mapping
    return data


def country(code: str) -> str:
    """A country code as a reader knows it: 'the United States (US)'.

    >>> country("IN"), country("US")
    ('India (IN)', 'the United States (US)')
    """
    name = Locale.parse("en").territories.get(code, code)
    the = (
        "the "
        if name.startswith(
            ("United", "Republic", "Netherlands", "Philippines", "Bahamas", "Maldives", "Faroe", "Isle of Man")
        )
        else ""
    )
    return f"{the}{name} ({code})"


def _name(text: Name | None) -> str:
    """A name quoted in a message (which is in English), in English where the notice has it."""
    if isinstance(text, str):
        return f"\u201c{text.strip()}\u201d"
    return f"\u201c{text.get('en', next(iter(text.values()))).strip()}\u201d" if text else ""


def _bases(notice: Notice) -> set[str]:
    return {basis for purpose in notice.purposes for basis in purpose.bases}


def _on_consent(p: Purpose) -> bool:
    """Whether the purpose rests on consent, under Art. 6(1)(a) or 9(2)(a)."""
    return "consent" in p.bases or p.special_condition == "explicit_consent"


def _consent_said(purposes: list[Purpose]) -> str:
    """What consent the purposes rest on, in a message's words: a purpose on a contract that asks explicit consent
    for its special categories of data does not rest on consent under Art. 6(1)(a).

    >>> _consent_said([Purpose("a", "A", special_condition="explicit_consent")])
    'relies on explicit consent (Art. 9(2)(a)) for its special categories of data'
    """
    plural = len(purposes) > 1
    ordinary = any("consent" in p.bases for p in purposes)
    explicit = any("consent" not in p.bases for p in purposes)
    if ordinary and explicit:
        return "rest on consent, or on explicit consent (Art. 9(2)(a)) for special categories of data"
    if explicit:
        return f"rel{'y' if plural else 'ies'} on explicit consent (Art. 9(2)(a)) for {'their' if plural else 'its'} special categories of data"
    return f"rest{'' if plural else 's'} on consent"


# --- Controller and DPO: Art. 13(1)(a)-(b), 14(1)(a)-(b) ---------------------------------------


@rule("controller-business-id", "", "warning")
def controller_business_id(ctx: Context) -> Found:
    """A business ID identifies the controller beyond doubt: Finnish good practice, not an Art. 13/14 item."""
    n = ctx.notice
    if not n.controller.business_id:
        yield (
            n.controller.at + ("business_id",),
            "the controller's business ID (Y-tunnus) is not given; Finnish notices name it, so that the reader "
            "can identify the controller beyond doubt (good practice, not an item of GDPR Art. 13 or 14)",
        )


BUSINESS_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)
"""The weights of a Finnish business ID's seven digits, for its check digit (the Finnish Tax Administration's rule)."""


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of a business ID's seven digits, or None where no check digit exists (remainder 1).

    >>> business_id_check_digit("1234567"), business_id_check_digit("2345678"), business_id_check_digit("0000006")
    (1, 0, None)
    """
    remainder = sum(int(d) * w for d, w in zip(digits, BUSINESS_ID_WEIGHTS, strict=True)) % 11
    return None if remainder == 1 else (0 if remainder == 0 else 11 - remainder)


@rule("business-id-check-digit", "", "error")
def business_id_digit(ctx: Context) -> Found:
    """A business ID whose check digit is wrong names no company, or another one: the page would misidentify the controller."""
    given = ctx.notice.controller.business_id
    if not given or not re.fullmatch(r"[0-9]{7}-[0-9]", given):
        return  # the schema's pattern says what a business ID looks like
    digits, check = given.split("-")
    expected = business_id_check_digit(digits)
    if expected != int(check):
        should = (
            f"its check digit would be {expected}"
            if expected is not None
            else "no business ID begins with these digits"
        )
        yield (
            ctx.notice.controller.at + ("business_id",),
            (
                f"'{given}' is not a valid business ID (Y-tunnus): {should}; copy it from the Business Information "
                "System (ytj.fi)"
            ),
        )


@rule("controller-address", "13(1)(a), 14(1)(a)", "warning")
def controller_address(ctx: Context) -> Found:
    """The controller's contact details include where to write to it."""
    n = ctx.notice
    if not n.controller.address:
        yield n.controller.at + ("address",), "the controller's postal address is not given"


@rule("controller-contact", "13(1)(a), 14(1)(a)", "warning")
def controller_contact(ctx: Context) -> Found:
    """The controller's contact details include a way to reach it directly."""
    n = ctx.notice
    if not (n.controller.email or n.controller.phone):
        yield n.controller.at, "no e-mail address or telephone number is given for the controller; add email or phone"


@rule("dpo-stated", "13(1)(b), 14(1)(b)", "warning")
def dpo_stated(ctx: Context) -> Found:
    """Where a data protection officer is appointed, the notice gives the officer's contact details; saying so when none is appointed is good practice."""
    n = ctx.notice
    if n.data_protection_officer is None:
        yield (
            ("data_protection_officer",),
            (
                "the notice does not say whether a data protection officer is appointed; add data_protection_officer "
                "with appointed: true and the officer's contact details, or appointed: false if there is none"
            ),
        )


@rule("dpo-contact", "13(1)(b), 14(1)(b)", "warning")
def dpo_contact(ctx: Context) -> Found:
    """An appointed data protection officer must be reachable."""
    n = ctx.notice
    dpo = n.data_protection_officer
    if dpo and dpo.appointed and not (dpo.email or dpo.phone or dpo.address):
        yield (
            dpo.at,
            "a data protection officer is appointed, but no way to contact the officer is given; add email, phone or address",
        )


@rule("dpo-contradiction", "13(1)(b), 14(1)(b)", "error")
def dpo_contradiction(ctx: Context) -> Found:
    """A notice that says no officer is appointed must not name one: the page would say 'none' and hide the details."""
    dpo = ctx.notice.data_protection_officer
    if dpo and not dpo.appointed and dpo.details:
        yield (
            dpo.at + ("appointed",),
            (
                f"says no data protection officer is appointed, but gives the officer's {_join(dpo.details)}; set "
                "appointed: true, or remove the details"
            ),
        )


# --- Purposes and legal bases: Art. 13(1)(c)-(d), 14(1)(c), 14(2)(b) ----------------------------


@rule("purposes-listed", "13(1)(c), 14(1)(c)", "warning")
def purposes_listed(ctx: Context) -> Found:
    """A notice tells why the data is processed: at least one purpose."""
    n = ctx.notice
    if not n.purposes:
        yield ("purposes",), "no purpose of processing is listed; list each purpose with its legal basis"


@rule("purpose-legal-basis", "13(1)(c), 14(1)(c)", "warning")
def purpose_legal_basis(ctx: Context) -> Found:
    """Each purpose needs its own legal basis under Art. 6(1)."""
    n = ctx.notice
    for p in n.purposes:
        if not p.legal_bases:
            yield (
                p.at + ("legal_bases",),
                (
                    f"no legal basis is given for the purpose {_name(p.name)}; add legal_bases (consent, contract, pre_contract, "
                    "legal_obligation, vital_interests, public_task or legitimate_interests)"
                ),
            )


@rule("legitimate-interest", "13(1)(d), 14(2)(b)", "warning")
def legitimate_interest(ctx: Context) -> Found:
    """Where a purpose rests on legitimate interests (Art. 6(1)(f)), the interest itself must be described."""
    n = ctx.notice
    for p in n.purposes:
        if "legitimate_interests" in p.bases and not p.legitimate_interest:
            yield (
                p.at + ("legitimate_interest",),
                (
                    f"the purpose {_name(p.name)} rests on legitimate interests (Art. 6(1)(f)), but the interest "
                    "pursued is not described; add legitimate_interest"
                ),
            )


@rule("legitimate-interest-basis", "13(1)(d), 14(2)(b)", "warning")
def legitimate_interest_basis(ctx: Context) -> Found:
    """A described legitimate interest without that legal basis leaves the reader unsure which basis applies."""
    n = ctx.notice
    for p in n.purposes:
        if p.legitimate_interest and "legitimate_interests" not in p.bases:
            yield (
                p.at + ("legitimate_interest",),
                (
                    "a legitimate interest is described, but legal_bases does not include legitimate_interests; "
                    "add that basis or remove the text"
                ),
            )


@rule("legal-basis-scope", "13(1)(c), 14(1)(c)", "warning")
def legal_basis_scope(ctx: Context) -> Found:
    """Where a purpose has several legal bases, the reader learns which covers what, or that they are alternatives."""
    for p in ctx.notice.purposes:
        if len(p.legal_bases) > 1:
            for _index, item in enumerate(p.legal_bases):
                if not item.covers:
                    yield (
                        item.at,
                        (
                            f"the purpose {_name(p.name)} has {len(p.legal_bases)} legal bases, but this one does not say "
                            "what it covers; add covers, or make the bases one item with alternatives if one of them "
                            "applies in each case"
                        ),
                    )


@rule("legal-basis-alternatives", "13(1)(c), 14(1)(c)", "error")
def legal_basis_alternatives(ctx: Context) -> Found:
    """A basis is named once in a purpose: listed twice, or as its own alternative, the page would contradict itself."""
    for p in ctx.notice.purposes:
        seen: set[str] = set()
        for item in p.legal_bases:
            repeated = [basis for basis in item.bases if basis in seen]
            if repeated or len(set(item.bases)) < len(item.bases):
                yield (
                    item.at,
                    f"the legal basis {repeated[0] if repeated else item.bases[0]} is named more than once in the purpose {_name(p.name)}",
                )
            seen.update(item.bases)


# --- Data and sources: Art. 14(1)(d), 14(2)(f) --------------------------------------------------


@rule("data-categories", "14(1)(d)", "warning")
def data_categories(ctx: Context) -> Found:
    """Where data comes from sources other than the person, the categories of data concerned must be listed."""
    n = ctx.notice
    if n.sources and not n.data_categories:
        yield (
            ("data_categories",),
            (
                "sources of the data are listed, but not the categories of personal data; list them under data_categories"
            ),
        )
    for p in n.purposes:
        if p.sources and not p.data_categories:
            yield (
                p.at + ("data_categories",),
                (
                    f"the purpose {_name(p.name)} obtains data from the sources listed, but does not say which "
                    "categories of personal data; add data_categories"
                ),
            )


@rule("sources-stated", "14(2)(f)", "warning")
def sources_stated(ctx: Context) -> Found:
    """Where data is not collected from the person, the notice says where it comes from and whether the source is public."""
    n = ctx.notice
    if not n.sources and not n.notes.sources:
        yield (
            ("sources",),
            (
                "the notice does not say where the personal data comes from; list the sources (the person "
                "themselves included), saying for each whether it is publicly accessible"
            ),
        )


@rule("purpose-sources", "14(2)(f)", "warning")
def purpose_sources(ctx: Context) -> Found:
    """Where the notice ties its sources to purposes, a purpose that names none leaves its data without an origin."""
    n = ctx.notice
    if not any(p.sources for p in n.purposes):
        return  # the notice's sources apply to all its purposes (sources-stated asks for them)
    for p in n.purposes:
        if not p.sources:
            yield (
                p.at + ("sources",),
                (
                    f"the purpose {_name(p.name)} does not say where its data comes from, though the other purposes do; "
                    "add sources (the person themselves included)"
                ),
            )


@rule("source-data", "14(1)(d), 14(2)(f)", "warning")
def source_data(ctx: Context) -> Found:
    """Where each source of a purpose names the data it provides, data none of them provides has no source on the page."""
    known = ctx.notice.lookup(Source)
    categories = ctx.notice.lookup(DataCategory)
    for p in ctx.notice.purposes:
        sources = [known[i] for i in p.sources if i in known]
        if not sources or not all(s.data for s in sources):
            continue  # a source that names no data may provide any of it
        provided = {data for s in sources for data in s.data}
        missing = [_name(categories[d].name) for d in p.data_categories if d not in provided and d in categories]
        if missing:
            yield (
                p.at + ("sources",),
                (
                    f"none of the sources of the purpose {_name(p.name)} provides {_join(missing)}; add the source "
                    "that does (the person themselves, if it is they), or its data"
                ),
            )


# --- Special categories and criminal-offence data: Art. 9, 10 ---------------------------------


def _categories(ctx: Context, p: Purpose, flag: str) -> list[str]:
    known = ctx.notice.lookup(DataCategory)
    return [_name(known[i].name) for i in p.data_categories if i in known and getattr(known[i], flag)]


@rule("special-condition", "9(2), 13(1)(c), 14(1)(c)", "warning")
def special_condition(ctx: Context) -> Found:
    """Special categories may be processed only under one of the conditions of Art. 9(2); the notice names it."""
    for p in ctx.notice.purposes:
        special = _categories(ctx, p, "special")
        if special and not p.special_condition:
            yield (
                p.at + ("special_condition",),
                (
                    f"the purpose {_name(p.name)} processes special categories of data ({_join(special)}) but names no "
                    "condition of Art. 9(2); add special_condition"
                ),
            )
        elif p.special_condition and not special:
            yield (
                p.at + ("special_condition",),
                (
                    f"the purpose {_name(p.name)} names an Art. 9(2) condition, but none of its data categories is marked "
                    "special: true; mark the category, or remove special_condition"
                ),
            )


@rule("criminal-data-authority", "10, 13(1)(c), 14(1)(c)", "warning")
def criminal_data_authority(ctx: Context) -> Found:
    """Data on criminal convictions and offences may be processed only as Union or Member State law authorises (Art. 10)."""
    for p in ctx.notice.purposes:
        criminal = _categories(ctx, p, "criminal")
        if criminal and not p.criminal_data_authority:
            yield (
                p.at + ("criminal_data_authority",),
                (
                    f"the purpose {_name(p.name)} processes data on criminal convictions and offences ({_join(criminal)}) "
                    "but does not name the law that authorises it; add criminal_data_authority"
                ),
            )
        elif p.criminal_data_authority and not criminal:
            yield (
                p.at + ("criminal_data_authority",),
                (
                    f"the purpose {_name(p.name)} names a law for data on criminal convictions and offences, but none of "
                    "its data categories is marked criminal: true; mark the category, or remove criminal_data_authority"
                ),
            )


# --- Recipients and transfers: Art. 13(1)(e)-(f), 14(1)(e)-(f) ----------------------------------


@rule("recipients-stated", "13(1)(e), 14(1)(e)", "warning")
def recipients_stated(ctx: Context) -> Found:
    """The reader learns who receives the data: recipients or categories of them, processors included."""
    n = ctx.notice
    if not n.recipients and not n.notes.recipients:
        yield (
            ("recipients",),
            (
                "the notice does not say who receives the personal data; list the recipients or categories of "
                "recipients (processors included), or say that there are none"
            ),
        )


@rule("transfers-stated", "13(1)(f), 14(1)(f)", "warning")
def transfers_stated(ctx: Context) -> Found:
    """Whether data leaves the EU/EEA is what most surprises a reader; the notice says it either way."""
    n = ctx.notice
    if n.transfers_outside_eea is None and not n.transfers:
        yield (
            ("transfers_outside_eea",),
            (
                "the notice does not say whether personal data is transferred outside the EU/EEA; set "
                "transfers_outside_eea to false, or to true and list each transfer under transfers"
            ),
        )


@rule("transfers-listed", "13(1)(f), 14(1)(f)", "warning")
def transfers_listed(ctx: Context) -> Found:
    """Each transfer outside the EU/EEA is named with its country and safeguard, not only announced."""
    n = ctx.notice
    if n.transfers_outside_eea and not n.transfers:
        yield (
            ("transfers_outside_eea",),
            (
                "personal data is said to be transferred outside the EU/EEA, but no transfer is listed; under "
                "transfers, give each country, the recipient, and the safeguard (adequacy decision, standard data "
                "protection clauses, binding corporate rules or a derogation) with how to get a copy of it"
            ),
        )


@rule("transfers-contradiction", "13(1)(f), 14(1)(f)", "error")
def transfers_contradiction(ctx: Context) -> Found:
    """The notice must not deny transfers that it lists elsewhere."""
    n = ctx.notice
    if n.transfers_outside_eea is not False:
        return
    if n.transfers:
        yield (
            ("transfers_outside_eea",),
            (f"says no personal data is transferred outside the EU/EEA, but transfers lists {len(n.transfers)}"),
        )
    for r in n.recipients:
        if r.country and r.country not in EEA:
            yield (
                ("transfers_outside_eea",),
                (
                    f"says no personal data is transferred outside the EU/EEA, but the recipient {_name(r.name)} "
                    f"processes it in {country(r.country)}"
                ),
            )


@rule("transfer-in-eea", "13(1)(f), 14(1)(f)", "warning")
def transfer_in_eea(ctx: Context) -> Found:
    """A country inside the EU/EEA is not a third country; listing it as a transfer misleads."""
    n = ctx.notice
    for t in n.transfers:
        if t.country in EEA:
            yield (
                t.at + ("country",),
                (
                    f"{country(t.country)} is in the EU/EEA, so this is not a transfer to a third country; "
                    "remove it or correct the country"
                ),
            )


@rule("transfer-safeguard", "13(1)(f), 14(1)(f)", "warning")
def transfer_safeguard(ctx: Context) -> Found:
    """Each transfer names what makes it lawful: an adequacy decision (Art. 45), or a safeguard of Art. 46, 47 or 49."""
    n = ctx.notice
    known = adequacy()
    for t in n.transfers:
        decision = known.of(t.country)
        if t.safeguard or t.country in EEA:
            continue
        if decision and not decision.partial and decision.in_force(ctx.day):
            yield (
                t.at + ("safeguard",),
                (
                    f"no safeguard is given for this transfer; the European Commission has decided that "
                    f"{country(t.country)} ensures an adequate level of protection ({decision.decision}): if the "
                    "transfer rests on that decision, say safeguard: adequacy_decision"
                ),
            )
            continue
        if decision and decision.in_force(ctx.day):
            why = (
                f"the European Commission's adequacy decision for {country(t.country)} covers {decision.scope}; "
                "name the safeguard: adequacy_decision with certified: true if the recipient is covered, otherwise "
            )
        else:
            why = (
                f"{country(t.country)} has no adequacy decision of the European Commission (list as of "
                f"{known.as_of.isoformat()}); name the safeguard: "
            )
        yield (
            t.at + ("safeguard",),
            (
                f"no safeguard is given for this transfer; {why}standard_data_protection_clauses, "
                "binding_corporate_rules or derogation"
            ),
        )


_DEROGATIONS = {
    "explicit_consent": "(a)",
    "contract": "(b)",
    "contract_in_interest": "(c)",
    "public_interest": "(d)",
    "legal_claims": "(e)",
    "vital_interests": "(f)",
    "public_register": "(g)",
    "compelling_legitimate_interests": ", second subparagraph",
}
"""Each derogation's place in Art. 49(1), as printed after "Art. 49(1)"."""


@rule("transfer-derogation", "49(1), 13(1)(f), 14(1)(f)", "warning")
def transfer_derogation(ctx: Context) -> Found:
    """A derogation is one of Art. 49(1); only its second subparagraph obliges the notice to say more, so the notice says which."""
    for t in ctx.notice.transfers:
        if t.safeguard == "derogation" and not t.derogation:
            yield (
                t.at + ("derogation",),
                (
                    f"the transfer to {country(t.country)} rests on a derogation, but does not say which one of Art. "
                    f"49(1); add derogation ({', '.join(_DEROGATIONS)})"
                ),
            )


@rule("transfer-derogation-contradiction", "49(1), 13(1)(f), 14(1)(f)", "error")
def transfer_derogation_contradiction(ctx: Context) -> Found:
    """A derogation of Art. 49 is named only for a transfer that rests on one: beside another safeguard it contradicts it."""
    for t in ctx.notice.transfers:
        if t.derogation and t.safeguard != "derogation":
            yield (
                t.at + ("derogation",),
                (
                    f"names the derogation {t.derogation} (Art. 49(1){_DEROGATIONS[t.derogation]}), but the "
                    f"transfer's safeguard is {t.safeguard or 'not given'}; set safeguard: derogation, or remove derogation"
                ),
            )


@rule("transfer-adequacy", "13(1)(f), 14(1)(f)", "error")
def transfer_adequacy(ctx: Context) -> Found:
    """An adequacy decision named as the safeguard must exist for that country."""
    n = ctx.notice
    known = adequacy()
    for t in n.transfers:
        if t.safeguard == "adequacy_decision" and t.country not in EEA and known.of(t.country) is None:
            yield (
                t.at + ("safeguard",),
                (
                    f"the European Commission has no adequacy decision for {country(t.country)} (list as of "
                    f"{known.as_of.isoformat()}); name the safeguard actually used"
                ),
            )


@rule("adequacy-certification", "45(1), 13(1)(f), 14(1)(f)", "error")
def adequacy_certification(ctx: Context) -> Found:
    """A partial adequacy decision (US Data Privacy Framework, Canada, Japan) covers a transfer only if the recipient is covered."""
    known = adequacy()
    for t in ctx.notice.transfers:
        decision = known.of(t.country)
        if decision and decision.partial and t.safeguard == "adequacy_decision" and not t.certified:
            yield (
                t.at + ("certified",),
                (
                    f"the adequacy decision for {country(t.country)} covers {decision.scope}; say that the recipient is "
                    "covered with certified: true, or name the safeguard actually used"
                ),
            )
        if t.certified is not None and not (decision and decision.partial):
            yield (
                t.at + ("certified",),
                (
                    f"{country(t.country)} has no partial adequacy decision of the European Commission, so there is no "
                    "certification to state; remove certified"
                ),
            )


@rule("adequacy-ended", "45(1), 13(1)(f), 14(1)(f)", "error")
def adequacy_ended(ctx: Context) -> Found:
    """A transfer cannot rest on an adequacy decision that no longer applies, today or on the day the revision takes effect."""
    known = adequacy()
    effective = ctx.notice.revision.effective
    for t in ctx.notice.transfers:
        decision = known.of(t.country)
        if not decision or decision.end is None or t.safeguard not in (None, "adequacy_decision"):
            continue
        if not decision.in_force(ctx.day):
            when = f"applied until {decision.end.isoformat()}; name the safeguard now used"
        elif not decision.in_force(effective):
            when = (
                f"applies until {decision.end.isoformat()}, before this revision takes effect on "
                f"{effective.isoformat()}; name the safeguard used from then"
            )
        else:
            continue
        yield (
            t.at + ("safeguard",),
            (
                f"the European Commission's adequacy decision {decision.decision} for {country(t.country)} {when}, or "
                "update generator/notice/data/adequacy.json if the decision was renewed"
            ),
        )


@rule("adequacy-list-age", "45(3), 13(1)(f), 14(1)(f)", "warning")
def adequacy_list_age(ctx: Context) -> Found:
    """The adequacy list is the Commission's decisions as of a date; a year later it may be out of date."""
    known = adequacy()
    if ctx.notice.transfers and _months(known.as_of, ctx.day) > 12:
        yield (
            ("transfers",),
            (
                f"the list of adequacy decisions this check uses is as of {known.as_of.isoformat()}, more than 12 months "
                f"before {ctx.day.isoformat()}; check the European Commission's decisions and update "
                "generator/notice/data/adequacy.json"
            ),
        )


def _months(start: date, end: date) -> float:
    return (end.year - start.year) * 12 + (end.month - start.month) + (end.day - start.day) / 31


@rule("transfer-recipient-country", "13(1)(f), 14(1)(f)", "error")
def transfer_recipient_country(ctx: Context) -> Found:
    """A transfer's recipient is in the transfer's country; a recipient said to be elsewhere makes one of the two wrong."""
    recipients = ctx.notice.lookup(Recipient)
    for t in ctx.notice.transfers:
        r = recipients.get(t.recipient or "")
        if r is not None and r.country and r.country != t.country:
            yield (
                t.at + ("country",),
                (
                    f"the transfer is to {country(t.country)}, but its recipient {_name(r.name)} is said to process the "
                    f"data in {country(r.country)}; correct the country of one of them"
                ),
            )


@rule("transfer-copy", "13(1)(f), 14(1)(f)", "warning")
def transfer_copy(ctx: Context) -> Found:
    """Where a transfer rests on clauses or binding corporate rules, the reader is told how to get a copy."""
    n = ctx.notice
    names = {
        "standard_data_protection_clauses": "standard data protection clauses",
        "binding_corporate_rules": "binding corporate rules",
    }
    for t in n.transfers:
        if t.safeguard in names and not t.copy:
            yield (
                t.at + ("copy",),
                (
                    f"the transfer to {country(t.country)} relies on {names[t.safeguard]}, but the notice does not "
                    "say how to get a copy of them or where they are available; add copy"
                ),
            )
        elif t.derogation == "compelling_legitimate_interests" and not t.copy:
            yield (
                t.at + ("copy",),
                (
                    f"the transfer to {country(t.country)} rests on the compelling legitimate interests of Art. 49(1), "
                    "second subparagraph, but the notice does not refer to the suitable safeguards or say how to get a "
                    "copy of them; add copy"
                ),
            )


@rule("recipient-transfer", "13(1)(f), 14(1)(f)", "warning")
def recipient_transfer(ctx: Context) -> Found:
    """A recipient outside the EU/EEA means a transfer, which must be listed with its safeguard."""
    n = ctx.notice
    if n.transfers_outside_eea is False:
        return  # transfers-contradiction says it
    for r in n.recipients:
        if (
            r.country
            and r.country not in EEA
            and not any(t.country == r.country and t.recipient in (r.id, None) for t in n.transfers)
        ):
            yield (
                r.at + ("country",),
                (
                    f"the recipient processes personal data in {country(r.country)}, outside the EU/EEA, but no "
                    "transfer to it is listed; add it under transfers with its safeguard"
                ),
            )


# --- Retention: Art. 13(2)(a), 14(2)(a) --------------------------------------------------------


@rule("retention", "13(2)(a), 14(2)(a)", "warning")
def retention(ctx: Context) -> Found:
    """For each purpose the reader learns how long the data is kept, or the criteria that set it."""
    n = ctx.notice
    for p in n.purposes:
        if not p.retention:
            yield (
                p.at + ("retention",),
                (
                    f"no retention period, nor the criterion that sets it, is given for the purpose {_name(p.name)}; "
                    "add retention with a period (such as P6Y), the event it runs from, or a criterion"
                ),
            )


@rule("retention-data", "13(2)(a), 14(2)(a)", "error")
def retention_data(ctx: Context) -> Found:
    """A retention rule applies to data the purpose processes; another id leaves the rule about nothing on the page."""
    known = ctx.notice.lookup(DataCategory)
    for p in ctx.notice.purposes:
        for rule_ in p.retention:
            for index, data in enumerate(rule_.data):
                if data in known and data not in p.data_categories:  # an unknown id is unknown-reference's
                    yield (
                        rule_.at + ("data", index),
                        (
                            f"'{data}' is not among the data categories of the purpose {_name(p.name)} "
                            f"({', '.join(p.data_categories) or 'none listed'}); a retention rule applies to the purpose's own data"
                        ),
                    )


@rule("retention-coverage", "13(2)(a), 14(2)(a)", "warning")
def retention_coverage(ctx: Context) -> Found:
    """Where retention rules name the data they apply to, every category of the purpose needs one."""
    for p in ctx.notice.purposes:
        if p.retention and all(rule_.data for rule_ in p.retention):
            covered = {data for rule_ in p.retention for data in rule_.data}
            missing = [data for data in p.data_categories if data not in covered]
            if missing:
                yield (
                    p.at + ("retention",),
                    (
                        f"no retention rule of the purpose {_name(p.name)} applies to {_join(missing)}; add a rule for "
                        "them, or one without data that applies to all"
                    ),
                )


@rule("retention-event", "13(2)(a), 14(2)(a)", "error")
def retention_event(ctx: Context) -> Found:
    """'Until consent is withdrawn' needs consent, 'until you object' a basis one can object to, and 'from collection' a period."""
    for p in ctx.notice.purposes:
        for rule_ in p.retention:
            if rule_.event == "consent_withdrawn" and not _on_consent(p):
                yield (
                    rule_.at + ("event",),
                    (
                        f"the purpose {_name(p.name)} does not rest on consent, so its data cannot be kept until consent "
                        "is withdrawn; correct the event or the legal basis"
                    ),
                )
            elif rule_.event == "objection" and not set(p.bases) & {"legitimate_interests", "public_task"}:
                yield (
                    rule_.at + ("event",),
                    (
                        f"the purpose {_name(p.name)} rests on no basis the person can object to (Art. 21: legitimate "
                        "interests or a public task); correct the event or the legal basis"
                    ),
                )
            elif rule_.event == "collected" and not rule_.period:
                yield rule_.at + ("event",), "collected needs a period: the data is kept for the period from collection"


# --- Rights: Art. 13(2)(b)-(d), 14(2)(c)-(e) ---------------------------------------------------

_RIGHT_NAMES = {
    "access": "the right of access (Art. 15)",
    "rectification": "the right to rectification (Art. 16)",
    "erasure": "the right to erasure (Art. 17)",
    "restriction": "the right to restriction of processing (Art. 18)",
    "objection": "the right to object (Art. 21)",
    "portability": "the right to data portability (Art. 20)",
}


@rule("rights-stated", "13(2)(b), 14(2)(c)", "warning")
def rights_stated(ctx: Context) -> Found:
    """The reader learns the rights of Art. 15-21 that apply: objection where a purpose rests on Art. 6(1)(e) or (f), portability where on consent or contract."""
    n = ctx.notice
    bases = _bases(n)
    needed = ["access", "rectification", "erasure", "restriction"]
    if bases & {"legitimate_interests", "public_task"}:
        needed.append("objection")
    if bases & {"consent", "contract"}:
        needed.append("portability")
    missing = [_RIGHT_NAMES[right] for right in needed if right not in n.rights.granted]
    if missing:
        them = "them" if len(missing) > 1 else "it"
        yield ("rights", "granted"), f"the notice does not state {_join(missing)}; add {them} to rights.granted"


@rule("rights-contact", "12(2), 13(2)(b), 14(2)(c)", "warning")
def rights_contact(ctx: Context) -> Found:
    """The controller facilitates the exercise of the rights (Art. 12(2)): the reader learns where to send a request."""
    n = ctx.notice
    if n.rights.contact is None and not n.requests_addressed_in_notes:
        yield (
            ("rights", "contact"),
            (
                "the notice does not say where to send a request to exercise a right; add rights.contact (a name, "
                "e-mail address, telephone number or postal address)"
            ),
        )


@rule("withdraw-consent", "13(2)(c), 14(2)(d)", "warning")
def withdraw_consent(ctx: Context) -> Found:
    """Where a purpose rests on consent, the reader learns that consent can be withdrawn at any time."""
    n = ctx.notice
    on_consent = [p for p in n.purposes if _on_consent(p)]
    if on_consent and "withdraw_consent" not in n.rights.granted:
        yield (
            ("rights", "granted"),
            (
                f"the purpose{'s' if len(on_consent) > 1 else ''} {_join(_name(p.name) for p in on_consent)} "
                f"{_consent_said(on_consent)}, but the right to withdraw consent at any time is not stated; add "
                "withdraw_consent"
            ),
        )


@rule("complaint", "13(2)(d), 14(2)(e)", "warning")
def complaint(ctx: Context) -> Found:
    """Every notice tells the reader they may complain to a supervisory authority."""
    n = ctx.notice
    if "complaint" not in n.rights.granted:
        yield (
            ("rights", "granted"),
            (
                "the right to lodge a complaint with a supervisory authority is not stated; add complaint (the "
                "Finnish Data Protection Ombudsman is shown unless rights.supervisory_authority names another)"
            ),
        )


@rule("consent-withdrawal", "7(3), 13(2)(c), 14(2)(d)", "warning")
def consent_withdrawal(ctx: Context) -> Found:
    """Withdrawing consent must be as easy as giving it; the reader learns how, for each purpose that rests on consent."""
    for p in ctx.notice.purposes:
        if _on_consent(p) and not p.consent_withdrawal:
            yield (
                p.at + ("consent_withdrawal",),
                (
                    f"the purpose {_name(p.name)} {_consent_said([p])}, but the notice does not say how to withdraw it; "
                    "add consent_withdrawal (for example: the unsubscribe link in each newsletter)"
                ),
            )
        elif p.consent_withdrawal and not _on_consent(p):
            yield (
                p.at + ("consent_withdrawal",),
                (
                    f"the purpose {_name(p.name)} does not rest on consent, yet says how to withdraw consent; remove "
                    "consent_withdrawal or correct the legal basis"
                ),
            )


# --- Requirement and automated decisions: Art. 13(2)(e)-(f), 14(2)(g) ---------------------------


@rule("requirement", "13(2)(e)", "warning")
def requirement(ctx: Context) -> Found:
    """The reader learns, for each purpose, whether they must give the data, and what follows if they do not."""
    n = ctx.notice
    if n.requirement:
        return
    if not n.purposes:
        yield (
            ("requirement",),
            (
                "the notice does not say whether providing the data is a statutory or contractual requirement, "
                "whether the person must provide it, and what follows if they do not; add requirement"
            ),
        )
    for p in n.purposes:
        if p.provision is None:
            yield (
                p.at + ("provision",),
                (
                    f"the notice does not say whether providing the data for the purpose {_name(p.name)} is a statutory "
                    "or contractual requirement, whether the person must provide it, and what follows if not; add provision"
                ),
            )


@rule("provision-consequences", "13(2)(e)", "warning")
def provision_consequences(ctx: Context) -> Found:
    """Where a statute or a contract asks for the data, or the person must provide it, the notice says what follows if they do not."""
    for p in ctx.notice.purposes:
        given = p.provision
        if given is None or given.consequences or (given.required_by == "none" and not given.obligatory):
            continue
        why = (
            "the person must provide the data"
            if given.obligatory
            else f"providing the data is {_REQUIRED_BY[given.required_by]}"
        )
        yield (
            given.at + ("consequences",),
            f"{why} for the purpose {_name(p.name)}, but the notice does not say what follows if they do not; add consequences",
        )


_REQUIRED_BY = {
    "statute": "a statutory requirement",
    "contract": "a contractual requirement",
    "entering_contract": "a requirement necessary to enter into a contract",
    "none": "required by neither a statute nor a contract",
}


@rule("provision-contradiction", "13(2)(e)", "error")
def provision_contradiction(ctx: Context) -> Found:
    """An obligation to provide data comes from a statute or a contract; without either, the person is not obliged."""
    for p in ctx.notice.purposes:
        if p.provision and p.provision.required_by == "none" and p.provision.obligatory:
            yield (
                p.provision.at + ("obligatory",),
                (
                    "says the data is required by neither a statute nor a contract, yet that the person must provide it; "
                    "correct required_by or obligatory"
                ),
            )


@rule("automated-decisions", "13(2)(f), 14(2)(g)", "warning")
def automated_decisions(ctx: Context) -> Found:
    """The existence of automated decision-making, profiling included, must always be stated, even when there is none."""
    n = ctx.notice
    if n.automated_decisions is None and not n.purpose_decisions:
        yield (
            ("automated_decisions",),
            (
                "the notice does not say whether decisions are made solely by automated processing, including "
                "profiling; add automated_decisions with exists: false, or exists: true and a description"
            ),
        )


@rule("automated-decisions-stated", "13(2)(f), 14(2)(g)", "error")
def automated_decisions_stated(ctx: Context) -> Found:
    """A purpose that makes automated decisions needs the notice's own statement that they exist: the page's section on them is built from it."""
    n = ctx.notice
    if n.automated_decisions is None and n.purpose_decisions:
        names = [_name(p.name) for p, _ in n.purpose_decisions]
        yield (
            ("automated_decisions",),
            (
                f"the purpose{'s' if len(names) > 1 else ''} {_join(names)} make{'' if len(names) > 1 else 's'} decisions "
                "based solely on automated processing, but the notice does not state that such decisions exist; add "
                "automated_decisions with exists: true"
            ),
        )


@rule("automated-decisions-logic", "13(2)(f), 14(2)(g)", "warning")
def automated_decisions_logic(ctx: Context) -> Found:
    """Where automated decisions are made, the logic and the consequences for the person must be explained."""
    n = ctx.notice
    decisions = n.automated_decisions
    if decisions and decisions.exists and not decisions.description and not n.purpose_decisions:
        yield (
            decisions.at + ("description",),
            (
                "decisions based solely on automated processing are made, but the logic involved and their "
                "significance and consequences for the person are not described; add automated_decision to each "
                "purpose that makes them"
            ),
        )
    for p, decision in n.purpose_decisions:
        missing = [name for name in ("logic", "consequences") if not getattr(decision, name)]
        if missing:
            yield (
                decision.at + (missing[0],),
                (
                    f"the automated decisions of the purpose {_name(p.name)} are described without their "
                    f"{_join(['logic involved' if m == 'logic' else 'significance and consequences' for m in missing])}; "
                    f"add {_join(missing)}"
                ),
            )


@rule("automated-decisions-review", "22(3), 13(2)(f), 14(2)(g)", "warning")
def automated_decisions_review(ctx: Context) -> Found:
    """A person subject to an automated decision may obtain human intervention, express their view and contest it; the notice says how."""
    for p, decision in ctx.notice.purpose_decisions:
        if not decision.human_review:
            yield (
                decision.at + ("human_review",),
                (
                    f"the notice does not say how a person subject to the automated decisions of the purpose "
                    f"{_name(p.name)} obtains human intervention and contests the decision; add human_review"
                ),
            )


@rule("automated-decisions-contradiction", "13(2)(f), 14(2)(g)", "error")
def automated_decisions_contradiction(ctx: Context) -> Found:
    """The notice must not deny automated decisions it describes, nor have a processor take them in its own name."""
    n = ctx.notice
    if n.automated_decisions and not n.automated_decisions.exists and n.purpose_decisions:
        names = [_name(p.name) for p, _ in n.purpose_decisions]
        yield (
            n.automated_decisions.at + ("exists",),
            (
                f"says no decisions are based solely on automated processing, but the purpose{'s' if len(names) > 1 else ''} "
                f"{_join(names)} make{'' if len(names) > 1 else 's'} them; set exists: true"
            ),
        )
    recipients = n.lookup(Recipient)
    for _purpose, decision in n.purpose_decisions:
        r = recipients.get(decision.decided_by or "")
        if r is not None and r.role == "processor":
            yield (
                decision.at + ("decided_by",),
                (
                    f"{_name(r.name)} is a processor: it decides on the controller's behalf, so the decision is the "
                    "controller's; omit decided_by, or correct the recipient's role"
                ),
            )


# --- Cookies: Art. 13(1)(c), 13(2)(a); Act on Electronic Communications Services s. 205 ---------


@rule("cookie-details", "13(1)(c), 13(2)(a)", "warning")
def cookie_details(ctx: Context) -> Found:
    """Finnish law (917/2014 s. 205) and the GDPR ask for each cookie's purpose and duration; its category decides whether consent is needed."""
    n = ctx.notice
    for c in n.cookies:
        missing = [
            label
            for label, value in (("purpose", c.purpose), ("category", c.category), ("duration", c.duration))
            if not value
        ]
        if missing:
            cookie = f"the cookie {c.name} set by {c.provider}" if c.name else f"the cookie set by {c.provider}"
            yield c.at, f"{cookie} has no {_join(missing, 'or')}; add {_join(missing)}"


@rule("cookie-consent", "", "warning")
def cookie_consent(ctx: Context) -> Found:
    """In Finland every cookie but a strictly necessary one needs consent (Act on Electronic Communications Services 917/2014 s. 205)."""
    for c in ctx.notice.cookies:
        if c.consent is False and c.category in ("analytics", "marketing"):
            cookie = f"the {c.category} cookie {c.name or ''}".rstrip()
            yield (
                c.at + ("consent",),
                (
                    f"{cookie} is said to be set without consent, but in Finland only strictly necessary cookies may be "
                    "(Act on Electronic Communications Services 917/2014, section 205); remove consent: false, or "
                    "correct the category"
                ),
            )


# --- The format's own integrity ----------------------------------------------------------------


@rule("unknown-reference", "", "error")
def unknown_reference(ctx: Context) -> Found:
    """An id that names nothing leaves a hole in the published page."""
    n = ctx.notice
    lists = id_lists()
    for item, field, target in _references(n):
        known: dict[str, object] = n.lookup(target)
        ids = getattr(item, field)
        for index, ref in [(None, ids)] if isinstance(ids, str) else enumerate(ids or ()):
            if ref not in known:
                path = item.at + ((field,) if index is None else (field, index))
                names = sorted(known)
                choice = (
                    "that list is empty"
                    if not names
                    else f"the ids there are {_join(names)}"
                    if len(names) <= 12
                    else f"the ids there include {', '.join(names[:12])}"
                )
                yield path, f"'{ref}' is not the id of anything listed under {lists[target]}; {choice}"


def _references(notice: Notice) -> Iterator[tuple[Any, str, type]]:
    """(value, field, kind it names) for every field that names items by id, in listed items and the values
    inside them (a purpose's retention rules); the model says which fields."""
    for kind in item_lists():
        for item in getattr(notice, kind):
            yield from _references_in(item)


def _references_in(value: Any) -> Iterator[tuple[Any, str, type]]:
    for field, target in references(type(value)).items():
        yield value, field, target
    for spec in dataclasses.fields(value):
        inner = getattr(value, spec.name)
        for part in inner if isinstance(inner, tuple) else (inner,):
            if dataclasses.is_dataclass(part) and not isinstance(part, type):
                yield from _references_in(part)


@rule("duplicate-id", "", "error")
def duplicate_id(ctx: Context) -> Found:
    """Ids are how purposes, recipients and the changelog refer to an item; each must name one item."""
    n = ctx.notice
    doc = ctx.doc
    for kind in id_lists().values():
        first: dict[str, FieldPath] = {}
        for item in getattr(n, kind):
            if item.id in first:
                line = doc.position(first[item.id] + ("id",)).line
                yield item.at + ("id",), f"the id '{item.id}' is already used on line {line}; each id must be unique"
            else:
                first[item.id] = item.at


_LINK_LIKE = re.compile(
    r"\[[^\]\n]*\]\(\s*([^\s()]+(?:\([^\s()]*\))?[^\s()]*)\s*\)"  # [text](target), one level of ()
    r"|\b((?:java|vb)script:[^\s\"'<>]*)",  # a script URL anywhere, e.g. in an HTML attribute
    re.IGNORECASE,
)
"""What an author means as a link: [text](target) even where markup.LINK would not
take it as one (a target with parentheses), and a script URL anywhere."""


@rule("unsafe-link", "", "error")
def unsafe_link(ctx: Context) -> Found:
    """Only https: and mailto: links are published as links; any other scheme (javascript:, http:, data:) is refused."""
    n = ctx.notice
    for path, text in texts(n):
        for lang, value in text.items():
            for match in _LINK_LIKE.finditer(value):
                target = match.group(1) if match.group(1) is not None else match.group(2)
                if not target.startswith(SAFE_SCHEMES):
                    yield (
                        path + (lang,),
                        (
                            f"the link to '{_clip(target)}' is not allowed: only https: and mailto: links are published "
                            "as links, and this one would show as plain text"
                        ),
                    )


_SAFE_LINK = re.compile(r"(?<!!)\[[^\[\]\n]+\]\((?P<target>(?:https|mailto):[^\n]*?)\)")
"""A link to an https: or mailto: address as an author writes it, its target taken up to the first `)`
on its line, whatever it holds: what markup.LINK would make a link of is checked as an address here."""


def link_problem(target: str) -> str | None:
    """Why an https: or mailto: link's target is no address the page can link to, or None.

    >>> link_problem("mailto:dpo@x.fi"), link_problem("https://x.fi/a?b=c")
    (None, None)
    >>> link_problem("mailto:dpo @x.fi"), link_problem("mailto:x")
    ('it holds a space', 'mailto: is followed by no e-mail address')
    """
    if any(char.isspace() for char in target):
        return "it holds a space"
    if "(" in target:
        return "it holds a parenthesis; write it as %28"
    if target.startswith("mailto:"):
        address = target.removeprefix("mailto:").partition("?")[0]
        return None if is_email(address) else "mailto: is followed by no e-mail address"
    return None if is_https_url(target) else "it is not an https: address of a named host"


@rule("link-address", "12(1)", "error")
def link_address(ctx: Context) -> Found:
    """A link's address is checked whole: one with a space prints as raw Markdown, and a mailto: without an address is a broken link under a correct-looking label."""
    for path, text in texts(ctx.notice):
        for lang, value in text.items():
            for match in _SAFE_LINK.finditer(value):
                problem = link_problem(match["target"])
                if problem:
                    yield (
                        path + (lang,),
                        (
                            f"the link to '{_clip(match['target'])}' is not a link the page can publish: {problem}; "
                            "write [text](https://...) or [text](mailto:name@example.fi)"
                        ),
                    )


SCHEDULE_PAUSE_DAYS = 60
"""GitHub pauses the scheduled workflows of a repository with no activity for this many days."""
FAR_AHEAD_DAYS = 50
"""A revision taking effect further ahead than this is warned about: the margin before the pause."""


@rule("effective-far-ahead", "", "warning")
def effective_far_ahead(ctx: Context) -> Found:
    """The daily publish run makes a revision current on its date, but GitHub pauses it after 60 days without activity."""
    if ctx.today is None:
        return
    ahead = (ctx.notice.revision.effective - ctx.today).days
    if ahead > FAR_AHEAD_DAYS:
        yield (
            ("revision", "effective"),
            (
                f"{ctx.notice.revision.effective.isoformat()} is {ahead} days ahead: only the daily publish run makes "
                "it the version in force on that date, and GitHub pauses the schedules of a repository with no "
                f"activity for {SCHEDULE_PAUSE_DAYS} days; Publish's keepalive job prevents that, so make sure the "
                'workflow is enabled (Actions > Publish; docs/operations.md, "Keeping the daily run alive")'
            ),
        )


@rule("languages-kept", "", "error")
def languages_kept(ctx: Context) -> Found:
    """A published notice keeps its languages: each release stays online at its address in every language it was published in."""
    if ctx.previous is not None and ctx.previous.languages != ctx.notice.languages:
        yield (
            ("languages",),
            (
                f"the last release was published in {_join(ctx.previous.languages)}; a notice keeps the languages it "
                f"was published in, so languages must be {', '.join(ctx.previous.languages)}"
            ),
        )


# --- Translations: WP260 on Art. 12(1) ---------------------------------------------------------


@rule("translation-blank", "12(1)", "error")
def translation_blank(ctx: Context) -> Found:
    """Every text is published in each of the notice's languages; a blank version leaves readers of that language without it."""
    n = ctx.notice
    for path, text in texts(n):
        for lang, value in text.items():
            if not value.strip():
                yield path + (lang,), f"the {english_name(lang)} text is blank; write it"


@rule("translation-identical", "12(1)", "warning")
def translation_identical(ctx: Context) -> Found:
    """Two languages holding the same words usually means a text was copied and never translated.

    A single word ("Session" in Swedish and English), an address, and the name
    of an organisation may rightly read the same, and are left alone.
    """
    n = ctx.notice
    for path, text in texts(n):
        if _may_match(path):
            continue
        seen: dict[str, str] = {}
        for lang, value in text.items():
            words = " ".join(value.split())
            if words in seen and " " in words and any(ch.isalpha() for ch in words):
                yield (
                    path + (lang,),
                    (
                        f"the {english_name(lang)} text is the same as the {english_name(seen[words])} text; translate it"
                    ),
                )
            seen.setdefault(words, lang)


def _may_match(path: FieldPath) -> bool:
    """Addresses (a street in a Finnish-only town) and names of organisations (recipients,
    contacts) may rightly read the same in every language."""
    return path[-1:] == ("address",) or (
        path[-1:] == ("name",) and path[:1] in (("recipients",), ("representative",), ("rights",))
    )


@rule("translation-stale", "12(1)", "warning")
def translation_stale(ctx: Context) -> Found:
    """Where the text a notice is translated from (its first language) changed since the last release but a translation did not, the translation is out of date.

    Texts are matched by field path, with list items named by their id where
    they have one, so that adding a purpose does not shift every later one.
    Changes of white space alone do not count.
    """
    if ctx.previous is None:
        return
    source = ctx.notice.languages[0]
    before = {key: text for key, _, text in _keyed_texts(ctx.previous)}
    for key, path, text in _keyed_texts(ctx.notice):
        old = before.get(key)
        if old is None or source not in old or _same(old[source], text[source]):
            continue
        for lang in text:
            if lang != source and lang in old and _same(old[lang], text[lang]):
                yield (
                    path + (lang,),
                    (
                        f"the {english_name(source)} text has changed since the last release, but the "
                        f"{english_name(lang)} text has not; update the translation"
                    ),
                )


def _keyed_texts(notice: Notice) -> Iterator[tuple[tuple[object, ...], FieldPath, Text]]:
    """(key, field path, text) for each text; the key names list items by id where they have one."""
    for path, text in texts(notice):
        key: list[object] = []
        node: object = notice
        for part in path:
            node = node[part] if isinstance(part, int) else getattr(node, part)  # type: ignore[index]  # a tuple's item
            item_id = getattr(node, "id", None) if isinstance(part, int) else None
            key.append(("id", item_id) if isinstance(item_id, str) else part)
        yield tuple(key), path, text


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _join(items: Iterable[str], word: str = "and") -> str:
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"
