"""Shared parties: policy/parties.yaml, each party written once under an id, named by notices as {party: <id>}.

A company's notices name the same controller, data protection officer,
supervisory authority and processors. Written once, under an id of its kind,

    seloste: 2
    controllers:
      pohjoisvayla: {name: Pohjoisväylä Oy, business_id: "2871549-7"}
    recipients:
      payroll:
        name: Palkkamestari Oy
        role: processor
        transfers: [{country: US, safeguard: standard_data_protection_clauses}]

a party is named where a notice takes one (`controller: {party: pohjoisvayla}`,
an item `{party: payroll}` of `recipients`), and the notice is read as if the
party were written out there: its fields and positions (into parties.yaml),
and for a recipient its transfers, added to the notice's `transfers` with
`recipient: <id>`. The rules, the pages and the changelog see the notice so
resolved and nothing else. A party's texts may hold more languages than a
notice is published in: the notice takes its own.

The parties a notice used, as it used them (`Resolved.used`), are what a
release freezes beside it (record/releases.py writes parties.json), so that
its text never changes with parties.yaml.

>>> from generator.notice.load import load_text
>>> doc = load_text("seloste: 2\\ncontroller: {party: x}\\nlanguages: [fi]\\n", "n.yaml")
>>> [(path, kind.key, party) for path, kind, party in references(doc.data)]
[(('controller',), 'controllers', 'x')]
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from generator.findings import Finding, NoticeError, Position, Said, _, finding, joined, listed
from generator.notice.languages import SUPPORTED
from generator.notice.load import Document, FieldPath, field_name, load_bytes, read_bounded
from generator.notice.model import Contact, Controller, DataProtectionOfficer, Recipient, Transfer, text_paths
from generator.notice.validate import validate

SCHEMA_NAME = "parties.schema.json"
"""The parties file's schema, beside the notice's (policy/schema.json), whose definitions it refers to."""

Used = Mapping[str, Mapping[str, Any]]
"""Parties by kind (its key in parties.yaml) and id: their data as a notice used them."""


@dataclass(frozen=True)
class Kind:
    """A kind of party: its key in parties.yaml and the model type of its data."""

    key: str
    model: type

    def texts(self, data: Any) -> Iterator[FieldPath]:
        """The path of every text in a party of this kind (a recipient's transfers' too)."""
        yield from text_paths(self.model, data)
        transfers = data.get("transfers") if self.key == RECIPIENTS.key and isinstance(data, dict) else None
        for index, transfer in enumerate(transfers if isinstance(transfers, list) else ()):
            yield from text_paths(Transfer, transfer, ("transfers", index))


CONTROLLERS = Kind("controllers", Controller)
OFFICERS = Kind("data_protection_officers", DataProtectionOfficer)
REPRESENTATIVES = Kind("representatives", Contact)
AUTHORITIES = Kind("supervisory_authorities", Contact)
RECIPIENTS = Kind("recipients", Recipient)
KINDS = (CONTROLLERS, OFFICERS, REPRESENTATIVES, AUTHORITIES, RECIPIENTS)

PLACES: tuple[tuple[FieldPath, Kind], ...] = (
    (("controller",), CONTROLLERS),
    (("data_protection_officer",), OFFICERS),
    (("representative",), REPRESENTATIVES),
    (("rights", "supervisory_authority"), AUTHORITIES),
)
"""Where a notice takes one party of a kind; besides these, each item of `recipients` may name a recipient."""


def references(data: Any) -> Iterator[tuple[FieldPath, Kind, str]]:
    """Each place of notice data that names a shared party: where, the kind it takes, and the id named."""
    if not isinstance(data, dict):
        return
    for path, kind in PLACES:
        value = _get(data, path)
        if _names_party(value):
            yield path, kind, value["party"]
    recipients = data.get("recipients")
    for index, item in enumerate(recipients if isinstance(recipients, list) else ()):
        if _names_party(item):
            yield ("recipients", index), RECIPIENTS, item["party"]


def _names_party(value: Any) -> bool:
    """`{party: <id>}` and nothing else (anything more is the schema's to refuse, in its words)."""
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get("party"), str)


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data.get(part) if isinstance(data, dict) else None
    return data


@dataclass(frozen=True)
class Parties:
    """policy/parties.yaml as read and validated."""

    doc: Document

    def party(self, kind: Kind, party_id: str) -> Any:
        """The data of a party, or None if there is none of that kind under that id."""
        of_kind = self.doc.data.get(kind.key)
        return of_kind.get(party_id) if isinstance(of_kind, dict) else None

    def ids(self, kind: Kind) -> tuple[str, ...]:
        of_kind = self.doc.data.get(kind.key)
        return tuple(of_kind) if isinstance(of_kind, dict) else ()

    def kind_of(self, party_id: str) -> Kind | None:
        return next((kind for kind in KINDS if party_id in self.ids(kind)), None)

    def position(self, kind: Kind, party_id: str) -> Position:
        """Where a party is written: its id's line."""
        return self.doc.position((kind.key, party_id), key=True)


def read_parties(path: Path, schema: Path) -> Parties:
    """The parties file at `path`, checked against its schema (beside the notice's `schema`); NoticeError with
    every problem of the file. Read with the notice's loader: no anchors, aliases, tags or duplicate keys, and
    no file larger than a notice may be."""
    name = str(path)
    doc = load_bytes(
        read_bounded(path, name),
        name,
        not_a_mapping=_(
            "the parties file must be a mapping of kinds of party (controllers:, recipients: ...), not a single "
            "value or a list"
        ),
    )
    own = schema.with_name(SCHEMA_NAME)
    if not own.is_file():
        raise NoticeError(
            [
                finding(
                    Position(name, 1, 1),
                    "error",
                    # NOTE: %(schema)s is the schema's file, such as policy/parties.schema.json.
                    _("cannot check the parties file: its schema %(schema)s is missing", schema=str(own)),
                )
            ]
        )
    problems = validate(doc, own) or _shared_ids(doc)
    if problems:
        raise NoticeError(problems)
    return Parties(doc)


def _shared_ids(doc: Document) -> list[Finding]:
    """An id names one party: `{party: <id>}` says no kind, and the record follows a party by its id."""
    first: dict[str, FieldPath] = {}
    found = []
    for kind in KINDS:
        for party_id in doc.data.get(kind.key) or {}:
            earlier = first.setdefault(party_id, (kind.key, party_id))
            if earlier[0] != kind.key:
                found.append(_taken_id(doc, (kind.key, party_id), earlier))
    return found


def _taken_id(doc: Document, here: FieldPath, earlier: FieldPath) -> Finding:
    return finding(
        doc.position(here, key=True),
        "error",
        joined(
            f"{here[0]}.{here[1]}",
            ": ",
            # NOTE: %(kind)s is a key of parties.yaml (controllers, recipients ...), as written.
            _(
                "the id %(id)s is already a party's under %(kind)s (line %(line)d); give each party an id of its own",
                id=repr(here[1]),
                kind=earlier[0],
                line=doc.position(earlier, key=True).line,
            ),
        ),
    )


@dataclass(frozen=True)
class Resolved:
    """A notice with every party it names written in, and those parties as it used them."""

    doc: Document
    used: Used


def resolve(doc: Document, parties: Path | None, schema: Path) -> Resolved:
    """The notice `doc` with each {party: <id>} replaced by the party of `parties` (a parties file's path, or
    None where the project has none), its positions into that file; NoticeError where a party cannot be
    found, or the parties file has problems (its own, and one at each reference to it)."""
    named = list(references(doc.data))
    if not named:
        return Resolved(doc, MappingProxyType({}))
    if parties is None or not (parties.exists() or parties.is_symlink()):
        raise NoticeError([_at_reference(doc, path, _no_file(party_id, parties)) for path, _kind, party_id in named])
    try:
        read = read_parties(parties, schema)
    except NoticeError as exc:
        raise NoticeError(
            [
                *exc.findings,
                *(_at_reference(doc, path, _unreadable(party_id, str(parties))) for path, _kind, party_id in named),
            ]
        ) from None
    unknown = [
        _at_reference(doc, path, _unknown(read, kind, party_id))
        for path, kind, party_id in named
        if read.party(kind, party_id) is None
    ]
    if unknown:
        raise NoticeError(unknown)
    languages = _languages(doc.data)
    used: dict[str, dict[str, Any]] = {}
    for _path, kind, party_id in named:
        used.setdefault(kind.key, {})[party_id] = taken(kind, read.party(kind, party_id), languages)
    data, grafts = graft(doc.data, used)
    problems = _transfers_twice(doc, data, grafts, read.doc.path)
    if problems:
        raise NoticeError(problems)
    return Resolved(_grafted(doc, data, grafts, read.doc), _frozen(used))


def taken(kind: Kind, party: Any, languages: tuple[str, ...]) -> Any:
    """A party as a notice published in `languages` takes it: each text in those languages only (a text in
    none of them is kept whole, for `check` to say which language is missing).

    >>> taken(CONTROLLERS, {"name": "X Oy", "address": {"fi": "a", "sv": "b"}}, ("fi",))
    {'name': 'X Oy', 'address': {'fi': 'a'}}
    """
    party = copy.deepcopy(party)
    for path in list(kind.texts(party)):
        text = _get_path(party, path)
        kept = {lang: value for lang, value in text.items() if lang in languages}
        if kept:
            text.clear()
            text.update(kept)
    return party


def _get_path(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _languages(data: dict[str, Any]) -> tuple[str, ...]:
    """The notice's languages as it lists them, all supported ones where it lists none (or lists them wrongly:
    the schema says so)."""
    listed_ = data.get("languages")
    if isinstance(listed_, list) and listed_ and all(isinstance(lang, str) for lang in listed_):
        return tuple(listed_)
    return SUPPORTED


@dataclass(frozen=True)
class Graft:
    """A part of a notice taken from a party: where it is in the notice, and where in the parties file."""

    at: FieldPath
    part: FieldPath
    value: Any
    reference: bool
    """A party named in the notice ({party: <id>}), not a transfer its recipient brought."""


def graft(data: dict[str, Any], used: Used) -> tuple[dict[str, Any], list[Graft]]:
    """Notice data with each reference to a party of `used` replaced by the party, a recipient's transfers
    added to `transfers` after the notice's own; and where each part came from. A reference to a party not
    in `used` stays as it is (data a release froze may lack it: it then differs from its notice.json).

    >>> data, _ = graft({"recipients": [{"party": "r"}], "transfers": [{"country": "IN"}]},
    ...                 {"recipients": {"r": {"name": "R", "transfers": [{"country": "US"}]}}})
    >>> data
    {'recipients': [{'id': 'r', 'name': 'R'}], 'transfers': [{'country': 'IN'}, {'recipient': 'r', 'country': 'US'}]}
    """
    data = dict(data)
    grafts: list[Graft] = []
    brought: list[Graft] = []
    for path, kind, party_id in list(references(data)):
        party = used.get(kind.key, {}).get(party_id) if isinstance(used.get(kind.key), Mapping) else None
        if not isinstance(party, dict):
            continue
        value = copy.deepcopy(party)
        if kind is RECIPIENTS:
            transfers = value.pop("transfers", [])
            value = {"id": party_id, **value}
            for index, transfer in enumerate(transfers if isinstance(transfers, list) else ()):
                if isinstance(transfer, dict):
                    part = (kind.key, party_id, "transfers", index)
                    brought.append(Graft((), part, {"recipient": party_id, **transfer}, False))
        _put(data, path, value)
        grafts.append(Graft(path, (kind.key, party_id), value, True))
    own = data.get("transfers", [])
    if brought and isinstance(own, list):
        data["transfers"] = own + [g.value for g in brought]
        grafts += [Graft(("transfers", len(own) + index), g.part, g.value, False) for index, g in enumerate(brought)]
    return data, grafts


def _put(data: dict[str, Any], path: FieldPath, value: Any) -> None:
    """Set the value at `path`, copying each container on the way (the loaded data is left as it was)."""
    node: Any = data
    for part in path[:-1]:
        child = node[part]
        node[part] = child = dict(child) if isinstance(child, dict) else list(child)
        node = child
    node[path[-1]] = value


def _grafted(doc: Document, data: dict[str, Any], grafts: list[Graft], parties: Document) -> Document:
    """The notice's document over the resolved data: each part taken from a party is placed in the parties
    file, at its own lines (a missing field of a party at the party's id)."""
    values, keys = dict(doc.values), dict(doc.keys)
    sources = {}
    for g in grafts:
        if g.reference:
            values.pop(g.at + ("party",), None)
            keys.pop(g.at + ("party",), None)
            keys[g.at] = parties.keys[g.part]
        for sub in _paths(g.value):
            if g.part + sub in parties.values:
                values[g.at + sub] = parties.values[g.part + sub]
            if sub and g.part + sub in parties.keys:
                keys[g.at + sub] = parties.keys[g.part + sub]
        if g.reference and g.part[0] == RECIPIENTS.key:
            values[g.at + ("id",)] = parties.keys[g.part]  # a recipient's id is the key it is written under
        sources[g.at] = parties.path
    return Document(doc.path, data, MappingProxyType(values), MappingProxyType(keys), MappingProxyType(sources))


def _paths(value: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, path + (index,))


def _transfers_twice(doc: Document, data: dict[str, Any], grafts: list[Graft], parties: str) -> list[Finding]:
    """A transfer the notice lists itself that its shared recipient brings already: the page would say it twice,
    and the record could not tell the two apart."""
    brought = {(g.value.get("recipient"), g.value.get("country")) for g in grafts if not g.reference}
    own = doc.data.get("transfers") if isinstance(doc.data, dict) else None
    return [
        finding(
            doc.position(("transfers", index)),
            "error",
            joined(
                field_name(doc, ("transfers", index)),
                ": ",
                # NOTE: %(recipient)s is a recipient's id, %(country)s a country code (US), %(file)s parties.yaml.
                _(
                    "the transfer of %(recipient)s to %(country)s is written in %(file)s with the recipient already; "
                    "remove it here",
                    recipient=transfer["recipient"],
                    country=transfer["country"],
                    file=parties,
                ),
            ),
        )
        for index, transfer in enumerate(own if isinstance(own, list) else ())
        if isinstance(transfer, dict) and (transfer.get("recipient"), transfer.get("country")) in brought
    ]


def _frozen(used: dict[str, dict[str, Any]]) -> Used:
    return MappingProxyType({kind: MappingProxyType(parties) for kind, parties in used.items()})


def _at_reference(doc: Document, path: FieldPath, said: Said) -> Finding:
    where = path + ("party",)
    return finding(doc.position(where), "error", joined(field_name(doc, where), ": ", said))


def _no_file(party_id: str, parties: Path | None) -> Said:
    # NOTE: %(file)s is the parties file, policy/parties.yaml.
    return _(
        "names the shared party %(id)s, but there is no parties file (%(file)s): write the party there, or "
        "write it out here",
        id=repr(party_id),
        file=str(parties) if parties is not None else "policy/parties.yaml",
    )


def _unreadable(party_id: str, parties: str) -> Said:
    return _(
        "names the shared party %(id)s of %(file)s, which cannot be read until its errors are fixed",
        id=repr(party_id),
        file=parties,
    )


def _unknown(parties: Parties, kind: Kind, party_id: str) -> Said:
    """No such party: where the id is under another kind, that; else the ids there are."""
    other = parties.kind_of(party_id)
    file = parties.doc.path
    if other is not None:
        # NOTE: %(other)s and %(kind)s are keys of parties.yaml (controllers, recipients ...), as written.
        return _(
            "%(id)s is under %(other)s in %(file)s, not under %(kind)s, the parties this field takes",
            id=repr(party_id),
            other=other.key,
            kind=kind.key,
            file=file,
        )
    ids = parties.ids(kind)
    if not ids:
        return _(
            "there is no party %(id)s under %(kind)s in %(file)s, which lists none there",
            id=repr(party_id),
            kind=kind.key,
            file=file,
        )
    # NOTE: %(known)s lists the ids that are there, such as "a, b and c".
    return _(
        "there is no party %(id)s under %(kind)s in %(file)s; the ids there are %(known)s",
        id=repr(party_id),
        kind=kind.key,
        file=file,
        known=listed(ids),
    )
