"""The notice as typed, immutable values: Notice, Purpose, Recipient, ...

The model mirrors policy/schema.json field for field (a test holds the two
together), so a validated file converts without further checks. Each object
remembers where it came from (`at`, a field path), which the completeness
rules use to point at lines; `at` takes no part in equality, so two releases
compare by content alone.

The model also says, once, what the rules and the changelog need to know of
the format: which lists hold items with ids (`listed`), which fields name
items of another list (`ref`), and what the changelog follows (`changelog`).

>>> notice = Notice.from_data({"seloste": 2, "controller": {"name": "Example Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}})
>>> notice.controller.name, notice.revision.effective
('Example Oy', datetime.date(2026, 1, 1))
>>> notice.revision.summary["sv"]
'b'
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar

from generator import caches
from generator.notice.languages import SUPPORTED, in_order

FieldPath = tuple[str | int, ...]
_at = field(default=(), compare=False, repr=False)


class Text(Mapping[str, str]):
    """A human text in each of a notice's languages; immutable.

    Built over whatever languages it is given, kept in the supported order, so
    a release made in languages that are no longer supported still loads.

    >>> t = Text(sv="b", fi="a")
    >>> t, t["sv"], t.languages
    (Text(fi='a', sv='b'), 'b', ('fi', 'sv'))
    >>> t == Text({"fi": "a", "sv": "b"}), "en" in t
    (True, False)
    """

    __slots__ = ("_items",)
    _items: tuple[tuple[str, str], ...]

    def __init__(self, values: Mapping[str, str] | None = None, /, **by_language: str):
        given = {**(values or {}), **by_language}
        object.__setattr__(self, "_items", tuple((lang, given[lang]) for lang in in_order(given)))

    def __setattr__(self, name: str, value: object) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __getitem__(self, lang: str) -> str:
        for code, text in self._items:
            if code == lang:
                return text
        raise KeyError(lang)

    def __iter__(self) -> Iterator[str]:
        return (code for code, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Text({', '.join(f'{code}={text!r}' for code, text in self._items)})"

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self)


Name = Text | str
"""A name: a descriptive name in each language (Text), or a proper name written once (str)."""

Web = str | Text
"""A web address: the same in every language (str), or one per language (Text)."""


def ref(target: type, default: Any = ()) -> Any:
    """A field that names items of another list by their id (checked by `unknown-reference`)."""
    return field(default=default, metadata={"refers_to": target})


def listed(area: str | None = None) -> Any:
    """A list of items; `area` names it in the changelog (None: the changelog does not follow it)."""
    return field(default=(), metadata={"changelog": area} if area else {})


def changelog(area: str, default: Any = dataclasses.MISSING) -> Any:
    """A field whose change the changelog reports under `area`."""
    return field(default=default, metadata={"changelog": area})


@dataclass(frozen=True)
class Contact:
    name: Name | None = None
    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    website: Web | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Controller:
    name: str
    business_id: str | None = None
    address: Text | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class DataProtectionOfficer:
    appointed: bool
    kind: Literal["person", "organisation"] | None = None
    name: Name | None = None
    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    website: Web | None = None
    at: FieldPath = _at

    @property
    def details(self) -> tuple[str, ...]:
        """The fields that describe an officer (a notice with appointed: false must have none)."""
        return tuple(name for name in ("kind", "name", "email", "phone", "address", "website") if getattr(self, name))


@dataclass(frozen=True)
class Notes:
    """Free text at the start of a section, keyed by section."""

    purposes: Text | None = None
    sources: Text | None = None
    data: Text | None = None
    recipients: Text | None = None
    transfers: Text | None = None
    security: Text | None = None
    cookies: Text | None = None
    website_services: Text | None = None
    rights: Text | None = None
    at: FieldPath = _at


class Identified:
    """An item of a list with an id: purposes and recipients name it by the id,
    and the changelog follows it by the id and calls it by its name."""

    id: str
    name: Name

    @property
    def key(self) -> str:
        return self.id

    @property
    def label(self) -> Name:
        return self.name


@dataclass(frozen=True)
class DataSubject(Identified):
    id: str
    name: Name
    at: FieldPath = _at


@dataclass(frozen=True)
class DataCategory(Identified):
    id: str
    name: Name
    data_subjects: tuple[str, ...] = ref(DataSubject)
    special: bool = False
    """A special category of Art. 9(1)."""
    criminal: bool = False
    """Data relating to criminal convictions and offences (Art. 10)."""
    at: FieldPath = _at


@dataclass(frozen=True)
class Source(Identified):
    id: str
    name: Name
    description: Text | None = None
    publicly_available: bool | None = None
    data: tuple[str, ...] = ref(DataCategory)
    """The data categories obtained from this source (Art. 14(1)(d), 14(2)(f))."""
    at: FieldPath = _at


@dataclass(frozen=True)
class Recipient(Identified):
    id: str
    name: Name
    role: Literal["processor", "controller", "joint_controller", "authority"] | None = None
    description: Text | None = None
    country: str | None = None
    at: FieldPath = _at


Derogation = Literal[
    "explicit_consent",
    "contract",
    "contract_in_interest",
    "public_interest",
    "legal_claims",
    "vital_interests",
    "public_register",
    "compelling_legitimate_interests",
]
"""The derogations of Art. 49(1): points (a) to (g) of its first subparagraph, and its second subparagraph."""


@dataclass(frozen=True)
class Transfer:
    country: str
    recipient: str | None = ref(Recipient, None)
    safeguard: str | None = None
    derogation: Derogation | None = None
    """Which derogation of Art. 49(1), where the safeguard is one."""
    copy: Text | None = None
    certified: bool | None = None
    """The recipient is covered by the country's partial adequacy decision (e.g. certified under the EU-US DPF)."""
    at: FieldPath = _at

    @property
    def key(self) -> tuple[str, str | None]:
        """What the changelog follows a transfer by: the country, and the recipient if named."""
        return (self.country, self.recipient)

    @property
    def label(self) -> str:
        return self.country


Basis = Literal[
    "consent", "contract", "pre_contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"
]

Event = Literal[
    "end_of_customer_relationship",
    "end_of_accounting_year",
    "end_of_contract",
    "end_of_employment",
    "position_filled",
    "collected",
    "consent_withdrawn",
    "objection",
]


@dataclass(frozen=True)
class LegalBasis:
    """One legal basis, or alternatives of which one applies in each case, and what it covers."""

    basis: Basis | None = None
    alternatives: tuple[Basis, ...] = ()
    covers: Text | None = None
    at: FieldPath = _at

    @property
    def bases(self) -> tuple[str, ...]:
        return (self.basis,) if self.basis else self.alternatives


@dataclass(frozen=True)
class Retention:
    """One retention rule: for some or all of a purpose's data, a period, the event it runs from, or both."""

    data: tuple[str, ...] = ref(DataCategory)
    period: str | None = None
    event: Event | None = None
    criterion: Text | None = None
    label: Text | None = None
    """The records the rule governs, as the page names them (bookkeeping records), in place of the data's names."""
    law: Text | None = None
    """The law that sets the period (the Accounting Act, chapter 2, section 10), printed after it."""
    at: FieldPath = _at


@dataclass(frozen=True)
class Provision:
    """Whether the person must provide the data, and why (Art. 13(2)(e))."""

    required_by: Literal["statute", "contract", "entering_contract", "none"]
    obligatory: bool | None = None
    consequences: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class AutomatedDecision:
    """A decision based solely on automated processing in one purpose (Art. 22), by the controller or a recipient."""

    decided_by: str | None = ref(Recipient, None)
    profiling: bool | None = None
    exception: Literal["contract", "law", "explicit_consent"] | None = None
    logic: Text | None = None
    consequences: Text | None = None
    human_review: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Purpose(Identified):
    id: str
    name: Name
    description: Text | None = None
    legal_bases: tuple[LegalBasis, ...] = changelog("legal_basis", ())
    legitimate_interest: Text | None = None
    data_subjects: tuple[str, ...] = ref(DataSubject)
    data_categories: tuple[str, ...] = ref(DataCategory)
    sources: tuple[str, ...] = ref(Source)
    recipients: tuple[str, ...] = ref(Recipient)
    retention: tuple[Retention, ...] = changelog("retention", ())
    provision: Provision | None = None
    automated_decision: AutomatedDecision | None = None
    special_condition: str | None = None
    special_condition_law: Text | None = None
    criminal_data_authority: Text | None = None
    consent_withdrawal: Text | None = None
    direct_marketing: bool = False
    """The purpose processes personal data for direct marketing: the right to object is said separately (Art. 21(4))."""
    at: FieldPath = _at

    @property
    def bases(self) -> tuple[str, ...]:
        """Every legal basis the purpose names, alternatives included."""
        return tuple(basis for item in self.legal_bases for basis in item.bases)


@dataclass(frozen=True)
class AutomatedDecisions:
    exists: bool
    description: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Cookie:
    provider: Name
    name: str | None = None
    party: Literal["first", "third"] | None = None
    purpose: Text | None = None
    category: str | None = None
    duration: str | None = None
    consent: bool | None = None
    at: FieldPath = _at

    @property
    def needs_consent(self) -> bool | None:
        """Whether the cookie is set only with consent: as stated, else all but strictly necessary ones
        (Act on Electronic Communications Services 917/2014 s. 205); None when neither says.

        >>> Cookie("X", category="analytics").needs_consent, Cookie("X", category="necessary").needs_consent
        (True, False)
        """
        if self.consent is not None:
            return self.consent
        return None if self.category is None else self.category != "necessary"

    @property
    def key(self) -> tuple[Name, str | None]:
        """Cookies have no id: the changelog follows one by its provider and name."""
        return (self.provider, self.name)

    @property
    def label(self) -> Name:
        return self.name or self.provider


@dataclass(frozen=True)
class WebsiteService:
    name: Name
    description: Text | None = None
    terms: str | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Rights:
    granted: tuple[str, ...] = ()
    contact: Contact | None = None
    identity_check: bool | None = None
    supervisory_authority: Contact | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Revision:
    effective: date
    summary: Text
    urgent: Text | None = None
    """Why a material change takes effect sooner than the project's notice period allows (rule notice-period)."""
    at: FieldPath = _at


@dataclass(frozen=True)
class Notice:
    """A whole privacy notice. Lists keep the author's order."""

    seloste: int
    controller: Controller = field(metadata={"changelog": "controller"})  # changelog("controller"), as mypy reads it
    revision: Revision
    languages: tuple[str, ...] = SUPPORTED
    representative: Contact | None = changelog("representative", None)
    data_protection_officer: DataProtectionOfficer | None = changelog("data_protection_officer", None)
    audience: Text | None = None
    """Whom the notice is for ("job applicants"): what tells a company's notices apart."""
    introduction: Text | None = None
    notes: Notes = Notes()
    data_subjects: tuple[DataSubject, ...] = listed()
    data_categories: tuple[DataCategory, ...] = listed("data_category")
    sources: tuple[Source, ...] = listed("source")
    recipients: tuple[Recipient, ...] = listed("recipient")
    transfers_outside_eea: bool | None = None
    transfers: tuple[Transfer, ...] = listed("transfer")
    purposes: tuple[Purpose, ...] = listed("purpose")
    requirement: Text | None = None
    automated_decisions: AutomatedDecisions | None = None
    security_measures: tuple[Text, ...] = ()
    cookies: tuple[Cookie, ...] = listed("cookie")
    website_services: tuple[WebsiteService, ...] = listed()
    rights: Rights = changelog("rights", Rights())
    prevailing_language: str | None = None

    @property
    def purpose_decisions(self) -> tuple[tuple[Purpose, AutomatedDecision], ...]:
        """The purposes that make automated decisions, with the decision."""
        return tuple((p, p.automated_decision) for p in self.purposes if p.automated_decision)

    @property
    def requests_addressed_in_notes(self) -> bool:
        """The rights section's own text gives an e-mail address for requests (a mailto: link), as a notice
        that says "for example by e-mail" does: then rights.contact is not missing, and the page does not add
        that requests go to the controller."""
        return self.notes.rights is not None and any("](mailto:" in text for text in self.notes.rights.values())

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Notice:
        """Build from data that has passed schema validation (in the current format)."""
        return _build(cls, data, ())

    def lookup(self, kind: type[T]) -> dict[str, T]:
        """The items of one kind by id, e.g. lookup(Recipient)["subcontractors"]."""
        return {item.id: item for item in getattr(self, id_lists()[kind])}


def item_lists() -> dict[str, type]:
    """The notice's lists of items, and the kind of item each holds.

    >>> item_lists()["transfers"]
    <class 'generator.notice.model.Transfer'>
    """
    return _list_items(Notice)


def id_lists() -> dict[type, str]:
    """Each kind of item that has an id, and the notice's list that holds it.

    >>> id_lists()[Recipient]
    'recipients'
    """
    return {item: name for name, item in item_lists().items() if issubclass(item, Identified)}


def references(kind: type) -> dict[str, type]:
    """The fields of `kind` that name items of another list, and that list's kind.

    >>> references(Transfer)
    {'recipient': <class 'generator.notice.model.Recipient'>}
    """
    return {spec.name: spec.metadata["refers_to"] for spec in dataclasses.fields(kind) if "refers_to" in spec.metadata}


def changelog_fields(kind: type) -> dict[str, str]:
    """The fields of `kind` the changelog follows, and the area it reports them under."""
    return {spec.name: spec.metadata["changelog"] for spec in dataclasses.fields(kind) if "changelog" in spec.metadata}


def item_kind(kind: type, name: str) -> type | None:
    """The item type of a list field (`tuple[Recipient, ...]` -> Recipient), else None."""
    hint = _hints(kind)[name]
    return (
        typing.get_args(hint)[0]
        if typing.get_origin(hint) is tuple and dataclasses.is_dataclass(typing.get_args(hint)[0])
        else None
    )


@caches.kept(maxsize=None)
def _list_items(kind: type) -> dict[str, type]:
    return {spec.name: item for spec in dataclasses.fields(kind) if (item := item_kind(kind, spec.name))}


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Text]]:
    """Every Text inside a model value, with its field path.

    >>> list(texts(Retention(criterion=Text(fi="a", sv="b", en="c")), ("r",)))
    [(('r', 'criterion'), Text(fi='a', sv='b', en='c'))]
    """
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from texts(item, path + (index,))
    elif dataclasses.is_dataclass(value):
        for spec in dataclasses.fields(value):
            if spec.name != "at":
                yield from texts(getattr(value, spec.name), path + (spec.name,))


def text_paths(kind: Any, data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """The path of every text in plain data of a model type, as `from_data` would build it: where a shared
    party's texts are, whose languages a notice takes.

    >>> list(text_paths(Contact, {"name": "X Oy", "address": {"fi": "a"}, "website": {"fi": "https://x.fi"}}))
    [('address',), ('website',)]
    """
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if isinstance(data, str) and str in options:
            return
        kind = next(arg for arg in options if arg is not str) if len(options) > 1 else options[0]
        origin = typing.get_origin(kind)
    if origin is tuple and isinstance(data, list):
        for index, element in enumerate(data):
            yield from text_paths(typing.get_args(kind)[0], element, path + (index,))
    elif kind is Text and isinstance(data, dict):
        yield path
    elif isinstance(kind, type) and dataclasses.is_dataclass(kind) and isinstance(data, dict):
        hints = _hints(kind)
        for name, value in data.items():
            if name in hints:
                yield from text_paths(hints[name], value, path + (name,))


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any], path: FieldPath) -> T:
    hints = _hints(cls)
    values: dict[str, Any] = {"at": path} if "at" in hints else {}
    for name, value in data.items():
        values[name] = _convert(hints[name], value, path + (name,))
    return cls(**values)


@caches.kept(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """The field types of a model class, resolved once: get_type_hints is slow, and a notice has thousands of values."""
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any, path: FieldPath) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if isinstance(value, str) and str in options:
            return value  # a name or address written once
        hint = next(arg for arg in options if arg is not str) if len(options) > 1 else options[0]
        origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, element, path + (index,)) for index, element in enumerate(value))
    if hint is Text:
        return Text(value)
    if hint is date:
        return date.fromisoformat(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _build(hint, value, path)
    return value
