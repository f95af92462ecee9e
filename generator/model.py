"""The notice as typed, immutable values: Notice, Purpose, Recipient, ...

The model mirrors policy/schema.json field for field, so a validated file
converts without further checks. Each object remembers where it came from
(`at`, a field path), which the completeness rules use to point at lines;
`at` takes no part in equality, so two releases compare by content alone.

>>> notice = Notice.from_data({"seloste": 1, "controller": {"name": "Example Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}})
>>> notice.controller.name, notice.revision.effective
('Example Oy', datetime.date(2026, 1, 1))
>>> notice.revision.summary["sv"]
'b'
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterator, Literal, TypeVar

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
"""Every notice is published in these languages; fi is the default."""

FieldPath = tuple[str | int, ...]
_at = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Text:
    """A human text in each language."""

    fi: str
    sv: str
    en: str

    def __getitem__(self, lang: str) -> str:
        return getattr(self, lang)


@dataclass(frozen=True)
class Contact:
    name: Text | None = None
    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    website: str | None = None
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
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    address: Text | None = None
    at: FieldPath = _at


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


@dataclass(frozen=True)
class DataSubject:
    id: str
    name: Text
    at: FieldPath = _at


@dataclass(frozen=True)
class DataCategory:
    id: str
    name: Text
    data_subjects: tuple[str, ...] = ()
    special: bool = False
    at: FieldPath = _at


@dataclass(frozen=True)
class Source:
    id: str
    name: Text
    description: Text | None = None
    publicly_available: bool | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Recipient:
    id: str
    name: Text
    role: Literal["processor", "controller", "joint_controller", "authority"]
    description: Text | None = None
    country: str | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Transfer:
    country: str
    recipient: str | None = None
    safeguard: str | None = None
    copy: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Retention:
    period: str | None = None
    criterion: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Purpose:
    id: str
    name: Text
    description: Text | None = None
    legal_bases: tuple[str, ...] = ()
    legitimate_interest: Text | None = None
    data_subjects: tuple[str, ...] = ()
    data_categories: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    retention: Retention | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class AutomatedDecisions:
    exists: bool
    description: Text | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class Cookie:
    provider: str
    name: str | None = None
    party: Literal["first", "third"] | None = None
    purpose: Text | None = None
    category: str | None = None
    duration: str | None = None
    at: FieldPath = _at


@dataclass(frozen=True)
class WebsiteService:
    name: str
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
    at: FieldPath = _at


@dataclass(frozen=True)
class Notice:
    """A whole privacy notice. Lists keep the author's order."""

    seloste: int
    controller: Controller
    revision: Revision
    representative: Contact | None = None
    data_protection_officer: DataProtectionOfficer | None = None
    introduction: Text | None = None
    notes: Notes = Notes()
    data_subjects: tuple[DataSubject, ...] = ()
    data_categories: tuple[DataCategory, ...] = ()
    sources: tuple[Source, ...] = ()
    recipients: tuple[Recipient, ...] = ()
    transfers_outside_eea: bool | None = None
    transfers: tuple[Transfer, ...] = ()
    purposes: tuple[Purpose, ...] = ()
    requirement: Text | None = None
    automated_decisions: AutomatedDecisions | None = None
    security_measures: tuple[Text, ...] = ()
    cookies: tuple[Cookie, ...] = ()
    website_services: tuple[WebsiteService, ...] = ()
    rights: Rights = Rights()
    prevailing_language: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Notice":
        """Build from data that has passed schema validation."""
        return _build(cls, data, ())

    def lookup(self, kind: str) -> dict[str, Any]:
        """Items of a listed kind by id, e.g. lookup("recipients")["subcontractors"]."""
        return {item.id: item for item in getattr(self, kind)}


def texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Text]]:
    """Every Text inside a model value, with its field path.

    >>> list(texts(Retention(criterion=Text("a", "b", "c")), ("r",)))
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


T = TypeVar("T")


def _build(cls: type[T], data: dict[str, Any], path: FieldPath) -> T:
    hints = _hints(cls)
    values: dict[str, Any] = {"at": path} if "at" in hints else {}
    for name, value in data.items():
        values[name] = _convert(hints[name], value, path + (name,))
    return cls(**values)


@functools.lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    """The field types of a model class, resolved once: get_type_hints is slow, and a notice has thousands of values."""
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any, path: FieldPath) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        origin = typing.get_origin(hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_convert(item, element, path + (index,)) for index, element in enumerate(value))
    if hint is Text:
        return Text(**value)
    if hint is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return _build(hint, value, path)
    return value
