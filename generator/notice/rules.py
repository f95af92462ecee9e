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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from babel import Locale

from generator.findings import (
    Finding,
    Level,
    Message,
    Position,
    Said,
    Words,
    _,
    finding,
    joined,
    listed,
    ngettext,
    pgettext,
)
from generator.notice.adequacy import load as adequacy
from generator.notice.changes import materially_changed
from generator.notice.formats import is_email, is_https_url
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
from generator.notice.validate import LANGUAGES
from generator.settings import NOTICE_PERIOD_DAYS

Found = Iterator[tuple[FieldPath, Said]]

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
    revision taking effect far ahead of it, or a material one too soon after it, is warned about."""
    notice_period: int = NOTICE_PERIOD_DAYS
    """Days readers are told of a material change before it takes effect (policy/settings.yaml)."""
    company: bool = False
    """The notice is one of a company's several (policy/notices/<id>/), which readers tell apart by audience."""

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


def _finding(doc: Document, spec: Rule, path: FieldPath, message: Said) -> Finding:
    return finding(
        _position(doc, path), spec.level, joined(field_name(doc, path), ": ", message), spec.id, spec.article
    )


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


@dataclass(frozen=True)
class Country:
    """A country in a message: "the United States (US)", "Yhdysvallat (US)", "USA (US)"."""

    code: str

    def render(self, words: Words) -> str:
        if words.lang == "en":
            return country(self.code)
        return f"{Locale.parse(words.locale).territories.get(self.code, self.code)} ({self.code})"


@dataclass(frozen=True)
class Named:
    """A name quoted in a message, in the message's language where the notice has it, else in English."""

    text: Name | None

    def render(self, words: Words) -> str:
        text = self.text
        quotes = ("\u201c", "\u201d") if words.lang == "en" else ("\u201d", "\u201d")  # fi, sv: ”name”
        if isinstance(text, str):
            return f"{quotes[0]}{text.strip()}{quotes[1]}"
        if not text:
            return ""
        name = text.get(words.lang, text.get("en", next(iter(text.values()))))
        return f"{quotes[0]}{name.strip()}{quotes[1]}"


def _name(text: Name | None) -> Named:
    return Named(text)


def _country(code: str) -> Country:
    return Country(code)


def _language(code: str) -> Message | str:
    return LANGUAGES.get(code, code)


def _bases(notice: Notice) -> set[str]:
    return {basis for purpose in notice.purposes for basis in purpose.bases}


def _on_consent(p: Purpose) -> bool:
    """Whether the purpose rests on consent, under Art. 6(1)(a) or 9(2)(a)."""
    return "consent" in p.bases or p.special_condition == "explicit_consent"


def _consent_said(purposes: list[Purpose]) -> Message:
    """What consent the purposes rest on, in a message's words: a purpose on a contract that asks explicit consent
    for its special categories of data does not rest on consent under Art. 6(1)(a).

    >>> from generator.findings import ENGLISH
    >>> str(_consent_said([Purpose("a", "A", special_condition="explicit_consent")]).render(ENGLISH))
    'relies on explicit consent (Art. 9(2)(a)) for its special categories of data'
    """
    ordinary = any("consent" in p.bases for p in purposes)
    explicit = any("consent" not in p.bases for p in purposes)
    # NOTE: the verb phrases of "the purposes “A” and “B” rest on consent, but ..." (withdraw-consent,
    # consent-withdrawal); the count is the number of purposes named before them.
    if ordinary and explicit:
        return _("rest on consent, or on explicit consent (Art. 9(2)(a)) for special categories of data")
    if explicit:
        return ngettext(
            "relies on explicit consent (Art. 9(2)(a)) for its special categories of data",
            "rely on explicit consent (Art. 9(2)(a)) for their special categories of data",
            len(purposes),
        )
    return ngettext("rests on consent", "rest on consent", len(purposes))


# --- Controller and DPO: Art. 13(1)(a)-(b), 14(1)(a)-(b) ---------------------------------------


@rule("audience", "", "warning")
def audience(ctx: Context) -> Found:
    """A company's notices are listed on its front page by whom each is for: without it, only by the folder's name."""
    if ctx.company and ctx.notice.audience is None:
        yield (
            (),
            _(
                "the audience (whom this notice is for: job applicants, customers) is not given; the site lists a "
                "company's notices by it, and without it by the folder's name"
            ),
        )


@rule("controller-business-id", "", "warning")
def controller_business_id(ctx: Context) -> Found:
    """A business ID identifies the controller beyond doubt: Finnish good practice, not an Art. 13/14 item."""
    n = ctx.notice
    if not n.controller.business_id:
        yield (
            n.controller.at + ("business_id",),
            _(
                "the controller's business ID (Y-tunnus) is not given; Finnish notices name it, so that the reader "
                "can identify the controller beyond doubt (good practice, not an item of GDPR Art. 13 or 14)"
            ),
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
            _("its check digit would be %(digit)s", digit=expected)
            if expected is not None
            else _("no business ID begins with these digits")
        )
        yield (
            ctx.notice.controller.at + ("business_id",),
            _(
                "'%(id)s' is not a valid business ID (Y-tunnus): %(why)s; copy it from the Business Information "
                "System (ytj.fi)",
                id=given,
                why=should,
            ),
        )


@rule("controller-address", "13(1)(a), 14(1)(a)", "warning")
def controller_address(ctx: Context) -> Found:
    """The controller's contact details include where to write to it."""
    n = ctx.notice
    if not n.controller.address:
        yield n.controller.at + ("address",), _("the controller's postal address is not given")


@rule("controller-contact", "13(1)(a), 14(1)(a)", "warning")
def controller_contact(ctx: Context) -> Found:
    """The controller's contact details include a way to reach it directly."""
    n = ctx.notice
    if not (n.controller.email or n.controller.phone):
        yield (
            n.controller.at,
            _("no e-mail address or telephone number is given for the controller; add email or phone"),
        )


@rule("dpo-stated", "13(1)(b), 14(1)(b)", "warning")
def dpo_stated(ctx: Context) -> Found:
    """Where a data protection officer is appointed, the notice gives the officer's contact details; saying so when none is appointed is good practice."""
    n = ctx.notice
    if n.data_protection_officer is None:
        yield (
            ("data_protection_officer",),
            _(
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
            _(
                "a data protection officer is appointed, but no way to contact the officer is given; add email, phone or address"
            ),
        )


@rule("dpo-contradiction", "13(1)(b), 14(1)(b)", "error")
def dpo_contradiction(ctx: Context) -> Found:
    """A notice that says no officer is appointed must not name one: the page would say 'none' and hide the details."""
    dpo = ctx.notice.data_protection_officer
    if dpo and not dpo.appointed and dpo.details:
        yield (
            dpo.at + ("appointed",),
            # NOTE: %(details)s lists the fields given, e.g. "email and phone" (the keys as typed).
            _(
                "says no data protection officer is appointed, but gives the officer's %(details)s; set "
                "appointed: true, or remove the details",
                details=listed(dpo.details),
            ),
        )


# --- Purposes and legal bases: Art. 13(1)(c)-(d), 14(1)(c), 14(2)(b) ----------------------------


@rule("purposes-listed", "13(1)(c), 14(1)(c)", "warning")
def purposes_listed(ctx: Context) -> Found:
    """A notice tells why the data is processed: at least one purpose."""
    n = ctx.notice
    if not n.purposes:
        yield ("purposes",), _("no purpose of processing is listed; list each purpose with its legal basis")


@rule("purpose-legal-basis", "13(1)(c), 14(1)(c)", "warning")
def purpose_legal_basis(ctx: Context) -> Found:
    """Each purpose needs its own legal basis under Art. 6(1)."""
    n = ctx.notice
    for p in n.purposes:
        if not p.legal_bases:
            yield (
                p.at + ("legal_bases",),
                _(
                    "no legal basis is given for the purpose %(purpose)s; add legal_bases (consent, contract, pre_contract, "
                    "legal_obligation, vital_interests, public_task or legitimate_interests)",
                    purpose=_name(p.name),
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
                _(
                    "the purpose %(purpose)s rests on legitimate interests (Art. 6(1)(f)), but the interest "
                    "pursued is not described; add legitimate_interest",
                    purpose=_name(p.name),
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
                _(
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
                        _(
                            "the purpose %(purpose)s has %(count)d legal bases, but this one does not say "
                            "what it covers; add covers, or make the bases one item with alternatives if one of them "
                            "applies in each case",
                            purpose=_name(p.name),
                            count=len(p.legal_bases),
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
                    _(
                        "the legal basis %(basis)s is named more than once in the purpose %(purpose)s",
                        basis=repeated[0] if repeated else item.bases[0],
                        purpose=_name(p.name),
                    ),
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
            _(
                "sources of the data are listed, but not the categories of personal data; list them under data_categories"
            ),
        )
    for p in n.purposes:
        if p.sources and not p.data_categories:
            yield (
                p.at + ("data_categories",),
                _(
                    "the purpose %(purpose)s obtains data from the sources listed, but does not say which "
                    "categories of personal data; add data_categories",
                    purpose=_name(p.name),
                ),
            )


@rule("sources-stated", "14(2)(f)", "warning")
def sources_stated(ctx: Context) -> Found:
    """Where data is not collected from the person, the notice says where it comes from and whether the source is public."""
    n = ctx.notice
    if not n.sources and not n.notes.sources:
        yield (
            ("sources",),
            _(
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
                _(
                    "the purpose %(purpose)s does not say where its data comes from, though the other purposes do; "
                    "add sources (the person themselves included)",
                    purpose=_name(p.name),
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
                _(
                    "none of the sources of the purpose %(purpose)s provides %(data)s; add the source "
                    "that does (the person themselves, if it is they), or its data",
                    purpose=_name(p.name),
                    data=listed(missing),
                ),
            )


# --- Special categories and criminal-offence data: Art. 9, 10 ---------------------------------


def _categories(ctx: Context, p: Purpose, flag: str) -> list[Named]:
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
                _(
                    "the purpose %(purpose)s processes special categories of data (%(data)s) but names no "
                    "condition of Art. 9(2); add special_condition",
                    purpose=_name(p.name),
                    data=listed(special),
                ),
            )
        elif p.special_condition and not special:
            yield (
                p.at + ("special_condition",),
                _(
                    "the purpose %(purpose)s names an Art. 9(2) condition, but none of its data categories is marked "
                    "special: true; mark the category, or remove special_condition",
                    purpose=_name(p.name),
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
                _(
                    "the purpose %(purpose)s processes data on criminal convictions and offences (%(data)s) "
                    "but does not name the law that authorises it; add criminal_data_authority",
                    purpose=_name(p.name),
                    data=listed(criminal),
                ),
            )
        elif p.criminal_data_authority and not criminal:
            yield (
                p.at + ("criminal_data_authority",),
                _(
                    "the purpose %(purpose)s names a law for data on criminal convictions and offences, but none of "
                    "its data categories is marked criminal: true; mark the category, or remove criminal_data_authority",
                    purpose=_name(p.name),
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
            _(
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
            _(
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
            _(
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
            _(
                "says no personal data is transferred outside the EU/EEA, but transfers lists %(count)d",
                count=len(n.transfers),
            ),
        )
    for r in n.recipients:
        if r.country and r.country not in EEA:
            yield (
                ("transfers_outside_eea",),
                _(
                    "says no personal data is transferred outside the EU/EEA, but the recipient %(recipient)s "
                    "processes it in %(country)s",
                    recipient=_name(r.name),
                    country=_country(r.country),
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
                _(
                    "%(country)s is in the EU/EEA, so this is not a transfer to a third country; "
                    "remove it or correct the country",
                    country=_country(t.country),
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
                _(
                    "no safeguard is given for this transfer; the European Commission has decided that "
                    "%(country)s ensures an adequate level of protection (%(decision)s): if the "
                    "transfer rests on that decision, say safeguard: adequacy_decision",
                    country=_country(t.country),
                    decision=decision.decision,
                ),
            )
            continue
        # NOTE: %(scope)s is the decision's scope in English, from generator/notice/data/adequacy.json.
        if decision and decision.in_force(ctx.day):
            said = _(
                "no safeguard is given for this transfer; the European Commission's adequacy decision for "
                "%(country)s covers %(scope)s; name the safeguard: adequacy_decision with certified: true if the "
                "recipient is covered, otherwise standard_data_protection_clauses, binding_corporate_rules or derogation",
                country=_country(t.country),
                scope=decision.scope,
            )
        else:
            said = _(
                "no safeguard is given for this transfer; %(country)s has no adequacy decision of the European "
                "Commission (list as of %(date)s); name the safeguard: standard_data_protection_clauses, "
                "binding_corporate_rules or derogation",
                country=_country(t.country),
                date=known.as_of.isoformat(),
            )
        yield t.at + ("safeguard",), said


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
                _(
                    "the transfer to %(country)s rests on a derogation, but does not say which one of Art. "
                    "49(1); add derogation (%(derogations)s)",
                    country=_country(t.country),
                    derogations=", ".join(_DEROGATIONS),
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
                    _(
                        "names the derogation %(derogation)s (Art. 49(1)%(place)s), but the transfer's safeguard is "
                        "%(safeguard)s; set safeguard: derogation, or remove derogation",
                        derogation=t.derogation,
                        place=_DEROGATIONS[t.derogation],
                        safeguard=t.safeguard,
                    )
                    if t.safeguard
                    else _(
                        "names the derogation %(derogation)s (Art. 49(1)%(place)s), but the transfer's safeguard is "
                        "not given; set safeguard: derogation, or remove derogation",
                        derogation=t.derogation,
                        place=_DEROGATIONS[t.derogation],
                    )
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
                _(
                    "the European Commission has no adequacy decision for %(country)s (list as of "
                    "%(date)s); name the safeguard actually used",
                    country=_country(t.country),
                    date=known.as_of.isoformat(),
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
                _(
                    "the adequacy decision for %(country)s covers %(scope)s; say that the recipient is "
                    "covered with certified: true, or name the safeguard actually used",
                    country=_country(t.country),
                    scope=decision.scope,
                ),
            )
        if t.certified is not None and not (decision and decision.partial):
            yield (
                t.at + ("certified",),
                _(
                    "%(country)s has no partial adequacy decision of the European Commission, so there is no "
                    "certification to state; remove certified",
                    country=_country(t.country),
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
            said = _(
                "the European Commission's adequacy decision %(decision)s for %(country)s applied until %(end)s; "
                "name the safeguard now used, or update generator/notice/data/adequacy.json if the decision was renewed",
                decision=decision.decision,
                country=_country(t.country),
                end=decision.end.isoformat(),
            )
        elif not decision.in_force(effective):
            said = _(
                "the European Commission's adequacy decision %(decision)s for %(country)s applies until %(end)s, "
                "before this revision takes effect on %(effective)s; name the safeguard used from then, or update "
                "generator/notice/data/adequacy.json if the decision was renewed",
                decision=decision.decision,
                country=_country(t.country),
                end=decision.end.isoformat(),
                effective=effective.isoformat(),
            )
        else:
            continue
        yield t.at + ("safeguard",), said


@rule("adequacy-list-age", "45(3), 13(1)(f), 14(1)(f)", "warning")
def adequacy_list_age(ctx: Context) -> Found:
    """The adequacy list is the Commission's decisions as of a date; a year later it may be out of date."""
    known = adequacy()
    if ctx.notice.transfers and _months(known.as_of, ctx.day) > 12:
        yield (
            ("transfers",),
            _(
                "the list of adequacy decisions this check uses is as of %(date)s, more than 12 months "
                "before %(today)s; check the European Commission's decisions and update "
                "generator/notice/data/adequacy.json",
                date=known.as_of.isoformat(),
                today=ctx.day.isoformat(),
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
                _(
                    "the transfer is to %(country)s, but its recipient %(recipient)s is said to process the "
                    "data in %(other)s; correct the country of one of them",
                    country=_country(t.country),
                    recipient=_name(r.name),
                    other=_country(r.country),
                ),
            )


@rule("transfer-copy", "13(1)(f), 14(1)(f)", "warning")
def transfer_copy(ctx: Context) -> Found:
    """Where a transfer rests on clauses or binding corporate rules, the reader is told how to get a copy."""
    n = ctx.notice
    names = {
        # NOTE: what a transfer relies on: "the transfer to X relies on standard data protection clauses".
        "standard_data_protection_clauses": pgettext("a transfer relies on", "standard data protection clauses"),
        "binding_corporate_rules": pgettext("a transfer relies on", "binding corporate rules"),
    }
    for t in n.transfers:
        if t.safeguard in names and not t.copy:
            yield (
                t.at + ("copy",),
                _(
                    "the transfer to %(country)s relies on %(safeguard)s, but the notice does not "
                    "say how to get a copy of them or where they are available; add copy",
                    country=_country(t.country),
                    safeguard=names[t.safeguard],
                ),
            )
        elif t.derogation == "compelling_legitimate_interests" and not t.copy:
            yield (
                t.at + ("copy",),
                _(
                    "the transfer to %(country)s rests on the compelling legitimate interests of Art. 49(1), "
                    "second subparagraph, but the notice does not refer to the suitable safeguards or say how to get a "
                    "copy of them; add copy",
                    country=_country(t.country),
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
                _(
                    "the recipient processes personal data in %(country)s, outside the EU/EEA, but no "
                    "transfer to it is listed; add it under transfers with its safeguard",
                    country=_country(r.country),
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
                _(
                    "no retention period, nor the criterion that sets it, is given for the purpose %(purpose)s; "
                    "add retention with a period (such as P6Y), the event it runs from, or a criterion",
                    purpose=_name(p.name),
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
                            _(
                                "'%(data)s' is not among the data categories of the purpose %(purpose)s (%(ids)s); a "
                                "retention rule applies to the purpose's own data",
                                data=data,
                                purpose=_name(p.name),
                                ids=", ".join(p.data_categories),
                            )
                            if p.data_categories
                            else _(
                                "'%(data)s' is not among the data categories of the purpose %(purpose)s (none listed); "
                                "a retention rule applies to the purpose's own data",
                                data=data,
                                purpose=_name(p.name),
                            )
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
                    _(
                        "no retention rule of the purpose %(purpose)s applies to %(data)s; add a rule for "
                        "them, or one without data that applies to all",
                        purpose=_name(p.name),
                        data=listed(missing),
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
                    _(
                        "the purpose %(purpose)s does not rest on consent, so its data cannot be kept until consent "
                        "is withdrawn; correct the event or the legal basis",
                        purpose=_name(p.name),
                    ),
                )
            elif rule_.event == "objection" and not set(p.bases) & {"legitimate_interests", "public_task"}:
                yield (
                    rule_.at + ("event",),
                    _(
                        "the purpose %(purpose)s rests on no basis the person can object to (Art. 21: legitimate "
                        "interests or a public task); correct the event or the legal basis",
                        purpose=_name(p.name),
                    ),
                )
            elif rule_.event == "collected" and not rule_.period:
                yield (
                    rule_.at + ("event",),
                    _("collected needs a period: the data is kept for the period from collection"),
                )


# --- Rights: Art. 13(2)(b)-(d), 14(2)(c)-(e) ---------------------------------------------------

_RIGHT_NAMES = {
    "access": _("the right of access (Art. 15)"),
    "rectification": _("the right to rectification (Art. 16)"),
    "erasure": _("the right to erasure (Art. 17)"),
    "restriction": _("the right to restriction of processing (Art. 18)"),
    "objection": _("the right to object (Art. 21)"),
    "portability": _("the right to data portability (Art. 20)"),
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
        yield (
            ("rights", "granted"),
            ngettext(
                "the notice does not state %(rights)s; add it to rights.granted",
                "the notice does not state %(rights)s; add them to rights.granted",
                len(missing),
                rights=listed(missing),
            ),
        )


@rule("rights-contact", "12(2), 13(2)(b), 14(2)(c)", "warning")
def rights_contact(ctx: Context) -> Found:
    """The controller facilitates the exercise of the rights (Art. 12(2)): the reader learns where to send a request."""
    n = ctx.notice
    if n.rights.contact is None and not n.requests_addressed_in_notes:
        yield (
            ("rights", "contact"),
            _(
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
            ngettext(
                "the purpose %(purposes)s %(consent)s, but the right to withdraw consent at any time is not stated; "
                "add withdraw_consent",
                "the purposes %(purposes)s %(consent)s, but the right to withdraw consent at any time is not stated; "
                "add withdraw_consent",
                len(on_consent),
                purposes=listed(_name(p.name) for p in on_consent),
                consent=_consent_said(on_consent),
            ),
        )


@rule("complaint", "13(2)(d), 14(2)(e)", "warning")
def complaint(ctx: Context) -> Found:
    """Every notice tells the reader they may complain to a supervisory authority."""
    n = ctx.notice
    if "complaint" not in n.rights.granted:
        yield (
            ("rights", "granted"),
            _(
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
                _(
                    "the purpose %(purpose)s %(consent)s, but the notice does not say how to withdraw it; "
                    "add consent_withdrawal (for example: the unsubscribe link in each newsletter)",
                    purpose=_name(p.name),
                    consent=_consent_said([p]),
                ),
            )
        elif p.consent_withdrawal and not _on_consent(p):
            yield (
                p.at + ("consent_withdrawal",),
                _(
                    "the purpose %(purpose)s does not rest on consent, yet says how to withdraw consent; remove "
                    "consent_withdrawal or correct the legal basis",
                    purpose=_name(p.name),
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
            _(
                "the notice does not say whether providing the data is a statutory or contractual requirement, "
                "whether the person must provide it, and what follows if they do not; add requirement"
            ),
        )
    for p in n.purposes:
        if p.provision is None:
            yield (
                p.at + ("provision",),
                _(
                    "the notice does not say whether providing the data for the purpose %(purpose)s is a statutory "
                    "or contractual requirement, whether the person must provide it, and what follows if not; add provision",
                    purpose=_name(p.name),
                ),
            )


@rule("provision-consequences", "13(2)(e)", "warning")
def provision_consequences(ctx: Context) -> Found:
    """Where a statute or a contract asks for the data, or the person must provide it, the notice says what follows if they do not."""
    for p in ctx.notice.purposes:
        given = p.provision
        if given is None or given.consequences or (given.required_by == "none" and not given.obligatory):
            continue
        yield (
            given.at + ("consequences",),
            _(
                "the person must provide the data for the purpose %(purpose)s, but the notice does not say what "
                "follows if they do not; add consequences",
                purpose=_name(p.name),
            )
            if given.obligatory
            else _REQUIRED_BY[given.required_by](_name(p.name)),
        )


_REQUIRED_BY: dict[str, Callable[[Named], Message]] = {
    "statute": lambda purpose: _(
        "providing the data is a statutory requirement for the purpose %(purpose)s, but the notice does not say "
        "what follows if they do not; add consequences",
        purpose=purpose,
    ),
    "contract": lambda purpose: _(
        "providing the data is a contractual requirement for the purpose %(purpose)s, but the notice does not say "
        "what follows if they do not; add consequences",
        purpose=purpose,
    ),
    "entering_contract": lambda purpose: _(
        "providing the data is a requirement necessary to enter into a contract for the purpose %(purpose)s, but "
        "the notice does not say what follows if they do not; add consequences",
        purpose=purpose,
    ),
    "none": lambda purpose: _(
        "providing the data is required by neither a statute nor a contract for the purpose %(purpose)s, but the "
        "notice does not say what follows if they do not; add consequences",
        purpose=purpose,
    ),
}


@rule("provision-contradiction", "13(2)(e)", "error")
def provision_contradiction(ctx: Context) -> Found:
    """An obligation to provide data comes from a statute or a contract; without either, the person is not obliged."""
    for p in ctx.notice.purposes:
        if p.provision and p.provision.required_by == "none" and p.provision.obligatory:
            yield (
                p.provision.at + ("obligatory",),
                _(
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
            _(
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
            ngettext(
                "the purpose %(purposes)s makes decisions based solely on automated processing, but the notice does "
                "not state that such decisions exist; add automated_decisions with exists: true",
                "the purposes %(purposes)s make decisions based solely on automated processing, but the notice does "
                "not state that such decisions exist; add automated_decisions with exists: true",
                len(names),
                purposes=listed(names),
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
            _(
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
                _(
                    "the automated decisions of the purpose %(purpose)s are described without their %(what)s; "
                    "add %(fields)s",
                    purpose=_name(p.name),
                    what=listed(_DECISION_PARTS[m] for m in missing),
                    fields=listed(missing),
                ),
            )


_DECISION_PARTS = {"logic": _("logic involved"), "consequences": _("significance and consequences")}
"""What an automated decision's description gives, in "described without their logic involved"."""


@rule("automated-decisions-review", "22(3), 13(2)(f), 14(2)(g)", "warning")
def automated_decisions_review(ctx: Context) -> Found:
    """A person subject to an automated decision may obtain human intervention, express their view and contest it; the notice says how."""
    for p, decision in ctx.notice.purpose_decisions:
        if not decision.human_review:
            yield (
                decision.at + ("human_review",),
                _(
                    "the notice does not say how a person subject to the automated decisions of the purpose "
                    "%(purpose)s obtains human intervention and contests the decision; add human_review",
                    purpose=_name(p.name),
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
            ngettext(
                "says no decisions are based solely on automated processing, but the purpose %(purposes)s makes "
                "them; set exists: true",
                "says no decisions are based solely on automated processing, but the purposes %(purposes)s make "
                "them; set exists: true",
                len(names),
                purposes=listed(names),
            ),
        )
    recipients = n.lookup(Recipient)
    for _purpose, decision in n.purpose_decisions:
        r = recipients.get(decision.decided_by or "")
        if r is not None and r.role == "processor":
            yield (
                decision.at + ("decided_by",),
                _(
                    "%(recipient)s is a processor: it decides on the controller's behalf, so the decision is the "
                    "controller's; omit decided_by, or correct the recipient's role",
                    recipient=_name(r.name),
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
            # NOTE: %(fields)s are the missing keys as typed (purpose, category, duration), joined with "or",
            # then "and".
            yield (
                c.at,
                _(
                    "the cookie %(cookie)s set by %(provider)s has no %(fields)s; add %(keys)s",
                    cookie=c.name,
                    provider=_name(c.provider) if not isinstance(c.provider, str) else c.provider,
                    fields=listed(missing, "or"),
                    keys=listed(missing),
                )
                if c.name
                else _(
                    "the cookie set by %(provider)s has no %(fields)s; add %(keys)s",
                    provider=_name(c.provider) if not isinstance(c.provider, str) else c.provider,
                    fields=listed(missing, "or"),
                    keys=listed(missing),
                ),
            )


@rule("cookie-consent", "", "warning")
def cookie_consent(ctx: Context) -> Found:
    """In Finland every cookie but a strictly necessary one needs consent (Act on Electronic Communications Services 917/2014 s. 205)."""
    for c in ctx.notice.cookies:
        if c.consent is False and c.category in ("analytics", "marketing"):
            # NOTE: %(category)s is the key as typed: analytics or marketing.
            yield (
                c.at + ("consent",),
                _(
                    "the %(category)s cookie %(cookie)s is said to be set without consent, but in Finland only strictly "
                    "necessary cookies may be (Act on Electronic Communications Services 917/2014, section 205); "
                    "remove consent: false, or correct the category",
                    category=c.category,
                    cookie=c.name,
                )
                if c.name
                else _(
                    "the %(category)s cookie is said to be set without consent, but in Finland only strictly "
                    "necessary cookies may be (Act on Electronic Communications Services 917/2014, section 205); "
                    "remove consent: false, or correct the category",
                    category=c.category,
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
                    _("that list is empty")
                    if not names
                    else _("the ids there are %(ids)s", ids=listed(names))
                    if len(names) <= 12
                    else _("the ids there include %(ids)s", ids=", ".join(names[:12]))
                )
                yield (
                    path,
                    _(
                        "'%(id)s' is not the id of anything listed under %(list)s; %(choice)s",
                        id=ref,
                        list=lists[target],
                        choice=choice,
                    ),
                )


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
                yield (
                    item.at + ("id",),
                    _(
                        "the id '%(id)s' is already used on line %(line)d; each id must be unique",
                        id=item.id,
                        line=line,
                    ),
                )
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
                        _(
                            "the link to '%(target)s' is not allowed: only https: and mailto: links are published "
                            "as links, and this one would show as plain text",
                            target=_clip(target),
                        ),
                    )


_SAFE_LINK = re.compile(r"(?<!!)\[[^\[\]\n]+\]\((?P<target>(?:https|mailto):[^\n]*?)\)")
"""A link to an https: or mailto: address as an author writes it, its target taken up to the first `)`
on its line, whatever it holds: what markup.LINK would make a link of is checked as an address here."""


def link_problem(target: str) -> Message | None:
    """Why an https: or mailto: link's target is no address the page can link to, or None.

    >>> link_problem("mailto:dpo@x.fi"), link_problem("https://x.fi/a?b=c")
    (None, None)
    >>> link_problem("mailto:dpo @x.fi").singular, link_problem("mailto:x").singular
    ('it holds a space', 'mailto: is followed by no e-mail address')
    """
    if any(char.isspace() for char in target):
        return _("it holds a space")
    if "(" in target:
        return _("it holds a parenthesis; write it as %(escape)s", escape="%28")
    if target.startswith("mailto:"):
        address = target.removeprefix("mailto:").partition("?")[0]
        return None if is_email(address) else _("mailto: is followed by no e-mail address")
    return None if is_https_url(target) else _("it is not an https: address of a named host")


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
                        _(
                            "the link to '%(target)s' is not a link the page can publish: %(problem)s; "
                            "write [text](https://...) or [text](mailto:name@example.fi)",
                            target=_clip(match["target"]),
                            problem=problem,
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
            # NOTE: "Actions > Publish" is GitHub's menu and the workflow's name, and "Keeping the daily run
            # alive" a heading of docs/operations.md (in English): keep them as they are.
            _(
                "%(date)s is %(ahead)d days ahead: only the daily publish run makes "
                "it the version in force on that date, and GitHub pauses the schedules of a repository with no "
                "activity for %(pause)d days; Publish's keepalive job prevents that, so make sure the "
                'workflow is enabled (Actions > Publish; docs/operations.md, "Keeping the daily run alive")',
                date=ctx.notice.revision.effective.isoformat(),
                ahead=ahead,
                pause=SCHEDULE_PAUSE_DAYS,
            ),
        )


@rule("notice-period", "5(1)(a), 13(3), 14(4)", "warning")
def notice_period(ctx: Context) -> Found:
    """Readers are told of a material change well in advance of it, so that they can object or withdraw consent first (WP260 rev.01 para. 29-31)."""
    if ctx.previous is None or ctx.today is None or ctx.notice.revision.urgent is not None:
        return  # a first notice is the information itself; an urgent change says why it cannot wait
    effective = ctx.notice.revision.effective
    if (effective - ctx.today).days >= ctx.notice_period or not materially_changed(ctx.previous, ctx.notice):
        return
    yield (
        ("revision", "effective"),
        # NOTE: %(count)d is the notice period in days (notice_period_days in policy/settings.yaml, keep the
        # key as it is); the dates are YYYY-MM-DD; revision.urgent is a field of the notice, as typed.
        ngettext(
            "the revision makes a material change and takes effect on %(date)s, sooner than the notice period of "
            "%(count)d day readers are given allows (notice_period_days in policy/settings.yaml): %(earliest)s at "
            "the earliest, today being %(today)s; move revision.effective, or say in revision.urgent, in each "
            "language, why the change cannot wait",
            "the revision makes a material change and takes effect on %(date)s, sooner than the notice period of "
            "%(count)d days readers are given allows (notice_period_days in policy/settings.yaml): %(earliest)s at "
            "the earliest, today being %(today)s; move revision.effective, or say in revision.urgent, in each "
            "language, why the change cannot wait",
            ctx.notice_period,
            date=effective.isoformat(),
            today=ctx.today.isoformat(),
            earliest=(ctx.today + timedelta(days=ctx.notice_period)).isoformat(),
        ),
    )


@rule("languages-kept", "", "error")
def languages_kept(ctx: Context) -> Found:
    """A published notice keeps its languages: each release stays online at its address in every language it was published in."""
    if ctx.previous is not None and ctx.previous.languages != ctx.notice.languages:
        yield (
            ("languages",),
            _(
                "the last release was published in %(languages)s; a notice keeps the languages it "
                "was published in, so languages must be %(codes)s",
                languages=listed(ctx.previous.languages),
                codes=", ".join(ctx.previous.languages),
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
                yield path + (lang,), _("the %(language)s text is blank; write it", language=_language(lang))


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
                    _(
                        "the %(language)s text is the same as the %(other)s text; translate it",
                        language=_language(lang),
                        other=_language(seen[words]),
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
                    _(
                        "the %(source)s text has changed since the last release, but the "
                        "%(language)s text has not; update the translation",
                        source=_language(source),
                        language=_language(lang),
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
