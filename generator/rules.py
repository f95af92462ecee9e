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
['automated-decisions', 'automated-decisions-logic', 'complaint']
>>> RULES["purpose-legal-basis"].article, RULES["purpose-legal-basis"].level
('13(1)(c), 14(1)(c)', 'warning')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from babel import Locale

from .findings import Finding, Level, Position
from .languages import english_name
from .load import Document, FieldPath
from .markup import SAFE_SCHEMES
from .model import Notice, Text, id_lists, item_lists, references, texts
from .validate import field_name

Found = Iterator[tuple[FieldPath, str]]

ADEQUACY_PATH = Path(__file__).resolve().parent / "data" / "adequacy.json"

EEA = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split()  # EU 27
    + "IS LI NO".split()  # EEA
    + "AX EA GF GP IC MF MQ RE YT".split()  # parts of EU member states with codes of their own
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
    """The build date (SOURCE_DATE_EPOCH or today), for rules about time; None: no such rule runs."""


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
    findings = [
        _finding(ctx.doc, spec, path, message)
        for spec in RULES.values()
        for path, message in spec.find(ctx)
    ]
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
        data = data[part]  # type: ignore[index]
    return data


# --- Data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adequacy:
    as_of: date
    countries: dict[str, dict[str, object]]

    def full(self, code: str) -> bool:
        return code in self.countries and not self.countries[code].get("partial")


@lru_cache(maxsize=1)
def adequacy() -> Adequacy:
    """The European Commission's adequacy decisions (data/adequacy.json)."""
    with open(ADEQUACY_PATH, encoding="utf-8") as handle:
        data = json.load(handle)
    return Adequacy(date.fromisoformat(data["as_of"]), data["countries"])


def country(code: str) -> str:
    """A country code as a reader knows it: 'the United States (US)'.

    >>> country("IN"), country("US")
    ('India (IN)', 'the United States (US)')
    """
    name = Locale.parse("en").territories.get(code, code)
    the = "the " if name.startswith(("United", "Republic", "Netherlands", "Philippines", "Bahamas", "Maldives",
                                     "Faroe", "Isle of Man")) else ""
    return f"{the}{name} ({code})"


def _name(text: Text | None) -> str:
    """A text quoted in a message (which is in English), in English where the notice has it."""
    return f"\u201c{text.get('en', next(iter(text.values()))).strip()}\u201d" if text else ""


def _bases(notice: Notice) -> set[str]:
    return {basis for purpose in notice.purposes for basis in purpose.legal_bases}


# --- Controller and DPO: Art. 13(1)(a)-(b), 14(1)(a)-(b) ---------------------------------------


@rule("controller-business-id", "13(1)(a), 14(1)(a)", "warning")
def controller_business_id(ctx: Context) -> Found:
    """The reader must be able to identify the controller; a business ID does so beyond doubt."""
    n = ctx.notice
    if not n.controller.business_id:
        yield n.controller.at + ("business_id",), "the controller's business ID (Y-tunnus) is not given"


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
        yield ("data_protection_officer",), (
            "the notice does not say whether a data protection officer is appointed; add data_protection_officer "
            "with appointed: true and the officer's contact details, or appointed: false if there is none")


@rule("dpo-contact", "13(1)(b), 14(1)(b)", "warning")
def dpo_contact(ctx: Context) -> Found:
    """An appointed data protection officer must be reachable."""
    n = ctx.notice
    dpo = n.data_protection_officer
    if dpo and dpo.appointed and not (dpo.email or dpo.phone or dpo.address):
        yield dpo.at, "a data protection officer is appointed, but no way to contact the officer is given; add email, phone or address"


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
            yield p.at + ("legal_bases",), (
                f"no legal basis is given for the purpose {_name(p.name)}; add legal_bases (consent, contract, "
                "legal_obligation, vital_interests, public_task or legitimate_interests)")


@rule("legitimate-interest", "13(1)(d), 14(2)(b)", "warning")
def legitimate_interest(ctx: Context) -> Found:
    """Where a purpose rests on legitimate interests (Art. 6(1)(f)), the interest itself must be described."""
    n = ctx.notice
    for p in n.purposes:
        if "legitimate_interests" in p.legal_bases and not p.legitimate_interest:
            yield p.at + ("legitimate_interest",), (
                f"the purpose {_name(p.name)} rests on legitimate interests (Art. 6(1)(f)), but the interest "
                "pursued is not described; add legitimate_interest")


@rule("legitimate-interest-basis", "13(1)(d), 14(2)(b)", "warning")
def legitimate_interest_basis(ctx: Context) -> Found:
    """A described legitimate interest without that legal basis leaves the reader unsure which basis applies."""
    n = ctx.notice
    for p in n.purposes:
        if p.legitimate_interest and "legitimate_interests" not in p.legal_bases:
            yield p.at + ("legitimate_interest",), (
                "a legitimate interest is described, but legal_bases does not include legitimate_interests; "
                "add that basis or remove the text")


# --- Data and sources: Art. 14(1)(d), 14(2)(f) --------------------------------------------------


@rule("data-categories", "14(1)(d)", "warning")
def data_categories(ctx: Context) -> Found:
    """Where data comes from sources other than the person, the categories of data concerned must be listed."""
    n = ctx.notice
    if n.sources and not n.data_categories:
        yield ("data_categories",), (
            "sources of the data are listed, but not the categories of personal data; list them under data_categories")
    for p in n.purposes:
        if p.sources and not p.data_categories:
            yield p.at + ("data_categories",), (
                f"the purpose {_name(p.name)} obtains data from the sources listed, but does not say which "
                "categories of personal data; add data_categories")


@rule("sources-stated", "14(2)(f)", "warning")
def sources_stated(ctx: Context) -> Found:
    """Where data is not collected from the person, the notice says where it comes from and whether the source is public."""
    n = ctx.notice
    if not n.sources and not n.notes.sources:
        yield ("sources",), (
            "the notice does not say where the personal data comes from; list the sources (the person "
            "themselves included), saying for each whether it is publicly accessible")


# --- Recipients and transfers: Art. 13(1)(e)-(f), 14(1)(e)-(f) ----------------------------------


@rule("recipients-stated", "13(1)(e), 14(1)(e)", "warning")
def recipients_stated(ctx: Context) -> Found:
    """The reader learns who receives the data: recipients or categories of them, processors included."""
    n = ctx.notice
    if not n.recipients and not n.notes.recipients:
        yield ("recipients",), (
            "the notice does not say who receives the personal data; list the recipients or categories of "
            "recipients (processors included), or say that there are none")


@rule("transfers-stated", "13(1)(f), 14(1)(f)", "warning")
def transfers_stated(ctx: Context) -> Found:
    """Whether data leaves the EU/EEA is what most surprises a reader; the notice says it either way."""
    n = ctx.notice
    if n.transfers_outside_eea is None and not n.transfers:
        yield ("transfers_outside_eea",), (
            "the notice does not say whether personal data is transferred outside the EU/EEA; set "
            "transfers_outside_eea to false, or to true and list each transfer under transfers")


@rule("transfers-listed", "13(1)(f), 14(1)(f)", "warning")
def transfers_listed(ctx: Context) -> Found:
    """Each transfer outside the EU/EEA is named with its country and safeguard, not only announced."""
    n = ctx.notice
    if n.transfers_outside_eea and not n.transfers:
        yield ("transfers_outside_eea",), (
            "personal data is said to be transferred outside the EU/EEA, but no transfer is listed; under "
            "transfers, give each country, the recipient, and the safeguard (adequacy decision, standard data "
            "protection clauses, binding corporate rules or a derogation) with how to get a copy of it")


@rule("transfers-contradiction", "13(1)(f), 14(1)(f)", "error")
def transfers_contradiction(ctx: Context) -> Found:
    """The notice must not deny transfers that it lists elsewhere."""
    n = ctx.notice
    if n.transfers_outside_eea is not False:
        return
    if n.transfers:
        yield ("transfers_outside_eea",), (
            f"says no personal data is transferred outside the EU/EEA, but transfers lists {len(n.transfers)}")
    for r in n.recipients:
        if r.country and r.country not in EEA:
            yield ("transfers_outside_eea",), (
                f"says no personal data is transferred outside the EU/EEA, but the recipient {_name(r.name)} "
                f"processes it in {country(r.country)}")


@rule("transfer-in-eea", "13(1)(f), 14(1)(f)", "warning")
def transfer_in_eea(ctx: Context) -> Found:
    """A country inside the EU/EEA is not a third country; listing it as a transfer misleads."""
    n = ctx.notice
    for t in n.transfers:
        if t.country in EEA:
            yield t.at + ("country",), (
                f"{country(t.country)} is in the EU/EEA, so this is not a transfer to a third country; "
                "remove it or correct the country")


@rule("transfer-safeguard", "13(1)(f), 14(1)(f)", "warning")
def transfer_safeguard(ctx: Context) -> Found:
    """A transfer to a country without a full adequacy decision needs a named safeguard (Art. 46, 47 or 49)."""
    n = ctx.notice
    known = adequacy()
    for t in n.transfers:
        if t.safeguard or t.country in EEA or known.full(t.country):
            continue
        if t.country in known.countries:
            scope = known.countries[t.country].get("scope", "some recipients")
            why = (f"the European Commission's adequacy decision for {country(t.country)} covers {scope}; name "
                   "the safeguard: adequacy_decision if the recipient is covered, otherwise ")
        else:
            why = (f"{country(t.country)} has no adequacy decision of the European Commission (list as of "
                   f"{known.as_of.isoformat()}); name the safeguard: ")
        yield t.at + ("safeguard",), (
            f"no safeguard is given for this transfer; {why}standard_data_protection_clauses, "
            "binding_corporate_rules or derogation")


@rule("transfer-adequacy", "13(1)(f), 14(1)(f)", "error")
def transfer_adequacy(ctx: Context) -> Found:
    """An adequacy decision named as the safeguard must exist for that country."""
    n = ctx.notice
    known = adequacy()
    for t in n.transfers:
        if t.safeguard == "adequacy_decision" and t.country not in EEA and t.country not in known.countries:
            yield t.at + ("safeguard",), (
                f"the European Commission has no adequacy decision for {country(t.country)} (list as of "
                f"{known.as_of.isoformat()}); name the safeguard actually used")


@rule("transfer-copy", "13(1)(f), 14(1)(f)", "warning")
def transfer_copy(ctx: Context) -> Found:
    """Where a transfer rests on clauses or binding corporate rules, the reader is told how to get a copy."""
    n = ctx.notice
    names = {"standard_data_protection_clauses": "standard data protection clauses",
             "binding_corporate_rules": "binding corporate rules"}
    for t in n.transfers:
        if t.safeguard in names and not t.copy:
            yield t.at + ("copy",), (
                f"the transfer to {country(t.country)} relies on {names[t.safeguard]}, but the notice does not "
                "say how to get a copy of them or where they are available; add copy")


@rule("recipient-transfer", "13(1)(f), 14(1)(f)", "warning")
def recipient_transfer(ctx: Context) -> Found:
    """A recipient outside the EU/EEA means a transfer, which must be listed with its safeguard."""
    n = ctx.notice
    if n.transfers_outside_eea is False:
        return  # transfers-contradiction says it
    for r in n.recipients:
        if r.country and r.country not in EEA and not any(
                t.country == r.country and t.recipient in (r.id, None) for t in n.transfers):
            yield r.at + ("country",), (
                f"the recipient processes personal data in {country(r.country)}, outside the EU/EEA, but no "
                "transfer to it is listed; add it under transfers with its safeguard")


# --- Retention: Art. 13(2)(a), 14(2)(a) --------------------------------------------------------


@rule("retention", "13(2)(a), 14(2)(a)", "warning")
def retention(ctx: Context) -> Found:
    """For each purpose the reader learns how long the data is kept, or the criteria that set it."""
    n = ctx.notice
    for p in n.purposes:
        if p.retention is None:
            yield p.at + ("retention",), (
                f"no retention period, nor the criterion that sets it, is given for the purpose {_name(p.name)}; "
                "add retention with a period (such as P6Y) or a criterion")


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
        yield ("rights", "granted"), f"the notice does not state {_join(missing)}; add them to rights.granted"


@rule("withdraw-consent", "13(2)(c), 14(2)(d)", "warning")
def withdraw_consent(ctx: Context) -> Found:
    """Where a purpose rests on consent, the reader learns that consent can be withdrawn at any time."""
    n = ctx.notice
    on_consent = [_name(p.name) for p in n.purposes if "consent" in p.legal_bases]
    if on_consent and "withdraw_consent" not in n.rights.granted:
        yield ("rights", "granted"), (
            f"the purpose{'s' if len(on_consent) > 1 else ''} {_join(on_consent)} rest{'' if len(on_consent) > 1 else 's'} "
            "on consent, but the right to withdraw consent at any time is not stated; add withdraw_consent")


@rule("complaint", "13(2)(d), 14(2)(e)", "warning")
def complaint(ctx: Context) -> Found:
    """Every notice tells the reader they may complain to a supervisory authority."""
    n = ctx.notice
    if "complaint" not in n.rights.granted:
        yield ("rights", "granted"), (
            "the right to lodge a complaint with a supervisory authority is not stated; add complaint (the "
            "Finnish Data Protection Ombudsman is shown unless rights.supervisory_authority names another)")


# --- Requirement and automated decisions: Art. 13(2)(e)-(f), 14(2)(g) ---------------------------


@rule("requirement", "13(2)(e)", "warning")
def requirement(ctx: Context) -> Found:
    """The reader learns whether they must give the data, and what follows if they do not."""
    n = ctx.notice
    if not n.requirement:
        yield ("requirement",), (
            "the notice does not say whether providing the data is a statutory or contractual requirement, "
            "whether the person must provide it, and what follows if they do not; add requirement")


@rule("automated-decisions", "13(2)(f), 14(2)(g)", "warning")
def automated_decisions(ctx: Context) -> Found:
    """The existence of automated decision-making, profiling included, must always be stated, even when there is none."""
    n = ctx.notice
    if n.automated_decisions is None:
        yield ("automated_decisions",), (
            "the notice does not say whether decisions are made solely by automated processing, including "
            "profiling; add automated_decisions with exists: false, or exists: true and a description")


@rule("automated-decisions-logic", "13(2)(f), 14(2)(g)", "warning")
def automated_decisions_logic(ctx: Context) -> Found:
    """Where automated decisions are made, the logic and the consequences for the person must be explained."""
    n = ctx.notice
    decisions = n.automated_decisions
    if decisions and decisions.exists and not decisions.description:
        yield decisions.at + ("description",), (
            "decisions based solely on automated processing are made, but the logic involved and their "
            "significance and consequences for the person are not described; add description")


# --- Cookies: Art. 13(1)(c), 13(2)(a); Act on Electronic Communications Services s. 205 ---------


@rule("cookie-details", "13(1)(c), 13(2)(a)", "warning")
def cookie_details(ctx: Context) -> Found:
    """Finnish law (917/2014 s. 205) and the GDPR ask for each cookie's purpose and duration; its category decides whether consent is needed."""
    n = ctx.notice
    for c in n.cookies:
        missing = [label for label, value in (("purpose", c.purpose), ("category", c.category),
                                               ("duration", c.duration)) if not value]
        if missing:
            cookie = f"the cookie {c.name} set by {c.provider}" if c.name else f"the cookie set by {c.provider}"
            yield c.at, f"{cookie} has no {_join(missing, 'or')}; add {_join(missing)}"


# --- The format's own integrity ----------------------------------------------------------------

@rule("unknown-reference", "", "error")
def unknown_reference(ctx: Context) -> Found:
    """An id that names nothing leaves a hole in the published page."""
    n = ctx.notice
    lists = id_lists()
    for kind, field, target in _references():
        known = n.lookup(target)
        for item in getattr(n, kind):
            ids = getattr(item, field)
            for index, ref in ([(None, ids)] if isinstance(ids, str) else enumerate(ids or ())):
                if ref not in known:
                    path = item.at + ((field,) if index is None else (field, index))
                    names = sorted(known)
                    choice = ("that list is empty" if not names else f"the ids there are {_join(names)}"
                              if len(names) <= 12 else f"the ids there include {', '.join(names[:12])}")
                    yield path, f"'{ref}' is not the id of anything listed under {lists[target]}; {choice}"


def _references() -> Iterator[tuple[str, str, type]]:
    """(list, field, kind it names) for every field of a listed item that names items by id; the model says which."""
    for kind, item in item_lists().items():
        for field, target in references(item).items():
            yield kind, field, target


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
    re.IGNORECASE)
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
                    yield path + (lang,), (
                        f"the link to '{_clip(target)}' is not allowed: only https: and mailto: links are published "
                        "as links, and this one would show as plain text")


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
        yield ("revision", "effective"), (
            f"{ctx.notice.revision.effective.isoformat()} is {ahead} days ahead: GitHub pauses the daily publish run "
            f"of a repository with no activity for {SCHEDULE_PAUSE_DAYS} days, and then this version never becomes "
            "the one in force; keep the repository active until that date (a push, or running Publish by hand, "
            f"at least every {SCHEDULE_PAUSE_DAYS} days: README, \"Keeping the daily run alive\")")


@rule("languages-kept", "", "error")
def languages_kept(ctx: Context) -> Found:
    """A published notice keeps its languages: each release stays online at its address in every language it was published in."""
    if ctx.previous is not None and ctx.previous.languages != ctx.notice.languages:
        yield ("languages",), (
            f"the last release was published in {_join(ctx.previous.languages)}; a notice keeps the languages it "
            f"was published in, so languages must be {', '.join(ctx.previous.languages)}")


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
                yield path + (lang,), (
                    f"the {english_name(lang)} text is the same as the {english_name(seen[words])} text; translate it")
            seen.setdefault(words, lang)


def _may_match(path: FieldPath) -> bool:
    """Addresses (a street in a Finnish-only town) and names of organisations (recipients,
    contacts) may rightly read the same in every language."""
    return path[-1:] == ("address",) or (
        path[-1:] == ("name",) and path[:1] in (("recipients",), ("representative",), ("rights",)))


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
                yield path + (lang,), (
                    f"the {english_name(source)} text has changed since the last release, but the "
                    f"{english_name(lang)} text has not; update the translation")


def _keyed_texts(notice: Notice) -> Iterator[tuple[tuple[object, ...], FieldPath, Text]]:
    """(key, field path, text) for each text; the key names list items by id where they have one."""
    for path, text in texts(notice):
        key: list[object] = []
        node: object = notice
        for part in path:
            node = node[part] if isinstance(part, int) else getattr(node, part)  # type: ignore[index]
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

