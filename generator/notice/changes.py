"""What changed between two releases: the list of changes the changelog names, each classed in law.

`changes` compares the structured notices wherever the model marks a field
for the changelog (`model.changelog`): lists of items are matched by each
item's key (an id, or a country, or a cookie's provider and name), so the
changelog can say in each language what was added, removed or changed.
(The diff pages compare the released texts themselves: compare.py.)

Each change carries two verdicts. Its *nature*: `editorial` when only
capital letters, spacing or punctuation differ (`same_words`), else
`substantive`; a reader must not take a corrected capital letter for a change
of what the notice says. And its *class* in law, `material` or not (then
editorial): WP260 rev.01 (para. 29-33) asks that a change in what is processed,
why, by and for whom, or in how a person exercises their rights be told in
advance, and a correction of wording need not be. The class is decided once,
as data: `FIELDS` weighs each fact the changelog follows, `WHEN_REMOVED` says
which removed items are material (docs/design.md, *Material or editorial*).
A release is material if any of its changes is, and the first release is
(`classed`).

>>> from generator.notice.model import Notice
>>> base = {"seloste": 2, "controller": {"name": "A Oy"},
...     "revision": {"effective": "2026-01-01", "summary": {"fi": "a", "sv": "b", "en": "c"}}}
>>> old = Notice.from_data(base)
>>> new = Notice.from_data({**base, "transfers": [{"country": "US"}]})
>>> changes(old, new)
(Change(area='transfer', action='added', subject='US', nature='substantive', material=True),)
>>> changes(new, old)[0].material, classed(changes(new, old)), classed((), first=True)
(True, 'material', 'material')
>>> cookie = {**base, "cookies": [{"name": "_ga", "provider": "Google"}]}
>>> classed(changes(Notice.from_data(cookie), old)), classed(changes(old, old))
('editorial', 'editorial')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Literal

from generator.notice.model import (
    AutomatedDecision,
    Contact,
    Controller,
    Cookie,
    DataCategory,
    DataProtectionOfficer,
    Notice,
    Provision,
    Purpose,
    Recipient,
    Retention,
    Rights,
    Source,
    Text,
    Transfer,
    changelog_fields,
    item_kind,
)
from generator.notice.periods import days

Action = Literal["added", "removed", "changed"]
Nature = Literal["substantive", "editorial"]
Class = Literal["material", "editorial"]
"""A change's or a release's class in law: `material` must be told in advance (WP260 rev.01 para. 29-31)."""

_EDGES = "\"'.,;:!?…‘’‚“”„«»‹›()[]{}-‐‑–—"
"""Punctuation that only opens or closes a word: a change of it alone leaves the words as they were."""
_ADDRESS = frozenset(":/@")
"""A word holding one of these is an address (e-mail, web, link), whose capital letters are kept."""


@dataclasses.dataclass(frozen=True)
class Change:
    """One change: which area, what happened, to what (an item's label: a name or a country), whether
    only capital letters, spacing or punctuation changed, in every language (`editorial`), and whether it is
    material in law. The nature and the class are the notice's, not one language version's: each page
    lists the same changes, so a category whose Finnish name gained a small letter while its English words
    changed is a change of substance on every page."""

    area: str
    action: Action
    subject: str | Text = ""
    nature: Nature = "substantive"
    material: bool = True
    """Material (told in advance), else editorial; where nothing says otherwise, material."""


# -- Material or editorial: the decision, once ---------------------------------------------------

Weight = Literal["material", "editorial", "added", "longer"]
"""How a change of one fact weighs: `material` whatever it is; `editorial` never material; `added` material
when something is added (an id to a list, a flag set, a value where there was none), editorial when it is
only removed or cleared; `longer` material unless the new period is shown to be no longer than the old. A
model class in its place weighs each of its fields by its own entry (a contact's name, its e-mail address)."""

MATERIAL: Weight = "material"
EDITORIAL: Weight = "editorial"
ADDED: Weight = "added"
LONGER: Weight = "longer"

FIELDS: dict[type, dict[str, Weight | type]] = {
    # Who the controller is, and who speaks for it: their identity is material, their contact details are not.
    Notice: {
        "controller": Controller,
        "representative": Contact,
        "data_protection_officer": DataProtectionOfficer,
        "rights": Rights,
    },
    Controller: {
        "name": MATERIAL,
        "business_id": MATERIAL,
        "address": EDITORIAL,
        "email": EDITORIAL,
        "phone": EDITORIAL,
        "website": EDITORIAL,
    },
    Contact: {"name": MATERIAL, "email": EDITORIAL, "phone": EDITORIAL, "address": EDITORIAL, "website": EDITORIAL},
    DataProtectionOfficer: {
        "appointed": MATERIAL,
        "kind": MATERIAL,
        "name": MATERIAL,
        "email": EDITORIAL,
        "phone": EDITORIAL,
        "address": EDITORIAL,
        "website": EDITORIAL,
    },
    # How a person exercises their rights (WP260 para. 29: always told): the rights, the identity check, whom
    # to ask (its details too: a new address is a new way to ask) and which authority hears a complaint (its
    # details are editorial).
    Rights: {"granted": MATERIAL, "contact": MATERIAL, "identity_check": MATERIAL, "supervisory_authority": Contact},
    # The lists' items: a name is what the list says (the purpose, the category, the recipient a reader
    # knows), a description explains it.
    DataCategory: {"id": EDITORIAL, "name": MATERIAL, "data_subjects": ADDED, "special": ADDED, "criminal": ADDED},
    Source: {
        "id": EDITORIAL,
        "name": MATERIAL,
        "description": EDITORIAL,
        "publicly_available": MATERIAL,
        "data": ADDED,
    },
    Recipient: {"id": EDITORIAL, "name": MATERIAL, "role": MATERIAL, "description": EDITORIAL, "country": MATERIAL},
    Transfer: {
        "country": MATERIAL,
        "recipient": MATERIAL,
        "safeguard": MATERIAL,
        "derogation": MATERIAL,
        "copy": EDITORIAL,
        "certified": MATERIAL,
    },
    Purpose: {
        "id": EDITORIAL,
        "name": MATERIAL,
        "description": MATERIAL,  # what the purpose is: "orders" becoming "orders and returns" is more processing
        "legal_bases": MATERIAL,
        "legitimate_interest": MATERIAL,
        "data_subjects": ADDED,
        "data_categories": MATERIAL,
        "sources": MATERIAL,
        "recipients": MATERIAL,
        "retention": LONGER,
        "provision": Provision,
        "automated_decision": ADDED,
        "special_condition": MATERIAL,
        "special_condition_law": MATERIAL,
        "criminal_data_authority": MATERIAL,
        "consent_withdrawal": MATERIAL,
        "direct_marketing": MATERIAL,
    },
    Provision: {"required_by": MATERIAL, "obligatory": MATERIAL, "consequences": EDITORIAL},
    AutomatedDecision: {
        "decided_by": MATERIAL,
        "profiling": MATERIAL,
        "exception": MATERIAL,
        "logic": MATERIAL,
        "consequences": MATERIAL,
        "human_review": MATERIAL,
    },
    Cookie: {
        "provider": MATERIAL,
        "name": MATERIAL,
        "party": MATERIAL,
        "purpose": MATERIAL,
        "category": MATERIAL,
        "duration": LONGER,
        "consent": MATERIAL,
    },
}
"""Each fact the changelog follows and how a change of it weighs (docs/design.md gives the reasons)."""

WHEN_REMOVED: dict[str, Class] = {
    "purpose": "material",
    "data_category": "material",
    "source": "material",
    "recipient": "material",
    "transfer": "material",
    "cookie": "editorial",
}
"""The class of an item removed from each list. A removed purpose, category, source, recipient or transfer is
material, as issue 21 lists them (beyond WP260 para. 30's examples, the enlargement of recipients and the
introduction of transfers): a reader who relied on the list must learn that an item is gone as surely as that
one has come (a removal is often half of a replacement: another processor, another country). A cookie removed only stops a
processing the reader was told of. An item added is always material."""


def classed(changes: Iterable[Change], *, first: bool = False) -> Class:
    """A release's class: material if any of its changes is; the first release is material, since every fact
    in it is new to its readers."""
    return "material" if first or any(change.material for change in changes) else "editorial"


def materially_changed(old: Notice, new: Notice) -> bool:
    """Whether `new` makes a material change to `old` (the notice-period rule asks)."""
    return classed(changes(old, new)) == "material"


def _weighs(weight: Weight | type, old: Any, new: Any) -> bool:
    """Whether a change from `old` to `new` of a fact of this weight is material."""
    if _same_in_words(old, new):
        return False
    if isinstance(weight, type):
        return any(_weighs(part, _field(old, name), _field(new, name)) for name, part in FIELDS[weight].items())
    if weight == ADDED:
        return _adds(old, new)
    if weight == LONGER:
        return not _no_longer(old, new)
    return weight == MATERIAL


def _field(value: Any, name: str) -> Any:
    """A field of a value that may be absent (None: every field absent)."""
    return None if value is None else getattr(value, name)


def _adds(old: Any, new: Any) -> bool:
    """Whether `new` holds something `old` did not: an id added, a flag set, a value where there was none, or
    (of an automated decision kept) any fact of it changed.

    >>> _adds(("a", "b"), ("b",)), _adds(("a",), ("b", "a")), _adds(True, False), _adds(None, "x")
    (False, True, False, True)
    """
    if new is None or new is False:
        return False
    if old is None or old is False:
        return True
    if isinstance(new, tuple) and isinstance(old, tuple):
        return bool(set(new) - set(old))
    if dataclasses.is_dataclass(new) and type(new) is type(old):
        return _weighs(type(new), old, new)
    return True


def _no_longer(old: Any, new: Any) -> bool:
    """Whether a period (a cookie's duration) or a purpose's retention rules are shown no longer than before;
    anything that cannot be shown (a period left out, a rule added, a criterion reworded) is not.

    >>> _no_longer("P2Y", "P18M"), _no_longer("P1Y", "P13M"), _no_longer("P1Y", None), _no_longer("P12M", "P1Y")
    (True, False, False, True)
    >>> _no_longer("P1D", "session"), _no_longer("session", "PT1H")
    (True, False)
    """
    if isinstance(old, str) and isinstance(new, str):
        before, after = _length(old), _length(new)
        return before is not None and after is not None and after <= before
    if isinstance(old, tuple) and isinstance(new, tuple):
        return _rules_no_longer(old, new)
    return False


def _length(period: str) -> Fraction | None:
    """A period's length in days; a session cookie's (it goes when the browser closes) is the shortest."""
    return Fraction(0) if period == "session" else days(period)


def _rules_no_longer(old: tuple[Retention, ...], new: tuple[Retention, ...]) -> bool:
    """Each new rule no longer than the old rule for the same data from the same event, rule for rule: a rule
    added or removed moves data to another rule, which may keep it longer."""
    before = {_governs(rule): rule for rule in old}
    after = {_governs(rule): rule for rule in new}
    if len(before) != len(old) or len(after) != len(new) or before.keys() != after.keys():
        return False
    return all(_rule_no_longer(before[key], rule) for key, rule in after.items())


def _governs(rule: Retention) -> tuple[frozenset[str], str | None]:
    """What a retention rule governs: its data (all of the purpose's, where it names none) and its event."""
    return frozenset(rule.data), rule.event


def _rule_no_longer(old: Retention, new: Retention) -> bool:
    """A rule kept, its period no longer: the same criterion, and a period no longer than before, or none
    where it runs from an event (kept until the event, where it was kept for a period after it)."""
    if not _same_in_words(old.criterion, new.criterion):
        return False
    if new.period is None:
        return old.period is None or new.event is not None
    return old.period is not None and _no_longer(old.period, new.period)


# -- The changes ------------------------------------------------------------------------------------


def changes(old: Notice, new: Notice) -> tuple[Change, ...]:
    """The changes from `old` to `new`, in the order of the notice's fields."""
    found: list[Change] = []
    for name, area in changelog_fields(Notice).items():
        before, after = getattr(old, name), getattr(new, name)
        if item_kind(Notice, name):
            found += _items(area, before, after)
        elif before != after:
            found.append(_changed(area, "", before, after, FIELDS[Notice][name]))
    return tuple(found)


def _changed(area: str, subject: str | Text, old: Any, new: Any, weight: Weight | type) -> Change:
    """A change of a value, with its nature and its class."""
    if _same_in_words(old, new):
        return Change(area, "changed", subject, "editorial", material=False)
    return Change(area, "changed", subject, "substantive", material=_weighs(weight, old, new))


def _items(area: str, old: tuple[Any, ...], new: tuple[Any, ...]) -> list[Change]:
    """Items removed, added and changed; a changed item also names each followed field that changed."""
    pairs = _paired(old, new)
    kept = set(pairs.values())
    removed = WHEN_REMOVED[area] == "material"
    found = [
        Change(area, "removed", item.label, material=removed) for index, item in enumerate(old) if index not in kept
    ]
    for index, item in enumerate(new):
        if index not in pairs:
            found.append(Change(area, "added", item.label))
            continue
        before = old[pairs[index]]
        if before != item:
            kind = type(item)
            found.append(_changed(area, item.label, before, item, kind))
            found += [
                _changed(part, item.label, getattr(before, field), getattr(item, field), FIELDS[kind][field])
                for field, part in changelog_fields(kind).items()
                if getattr(before, field) != getattr(item, field)
            ]
    return found


def _paired(old: tuple[Any, ...], new: tuple[Any, ...]) -> dict[int, int]:
    """Each new item's index with the index of the old item it continues: the same key, else a key that
    differs only in capital letters, spacing or punctuation (a name written anew), where that is
    unambiguous on both sides."""
    before = {item.key: index for index, item in enumerate(old)}
    pairs = {index: before[item.key] for index, item in enumerate(new) if item.key in before}
    taken = set(pairs.values())
    loose_old = _by_words((index, item) for index, item in enumerate(old) if index not in taken)
    loose_new = _by_words((index, item) for index, item in enumerate(new) if index not in pairs)
    for words, indices in loose_new.items():
        if len(indices) == 1 and len(loose_old.get(words, ())) == 1:
            pairs[indices[0]] = loose_old[words][0]
    return pairs


def _by_words(items: Iterable[tuple[int, Any]]) -> dict[Any, list[int]]:
    grouped: dict[Any, list[int]] = {}
    for index, item in items:
        grouped.setdefault(_key_words(item.key), []).append(index)
    return grouped


def _key_words(key: Any) -> Any:
    """A key as its words where it is a name (an item's name, a cookie's provider); an id, a country or a
    cookie's own name (`_ga` and `_GA` are two cookies) exactly as written."""
    if isinstance(key, tuple):  # a cookie: (provider, name)
        return (_name_words(key[0]), *key[1:])
    return _name_words(key) if isinstance(key, Text) else key


def _name_words(name: str | Text) -> Any:
    if isinstance(name, Text):
        return tuple((lang, wording(text)) for lang, text in name.items())
    return wording(name)


# -- Editorial or substantive ---------------------------------------------------


def wording(text: str) -> tuple[str, ...]:
    """The words of a text as a reader weighs them: split at spaces, the punctuation that opens or closes a
    word left out, capital letters as small ones (but an address as written). Punctuation inside a word
    stays, so 1,5 and 15, or e-mail and email, stay different.

    >>> wording("Customers, and  “e-mail”.") == wording("customers and e-mail")
    True
    >>> wording("1,5 years") == wording("15 years"), wording("A@x.fi") == wording("a@x.fi")
    (False, False)
    """
    words = (word.strip(_EDGES) for word in text.split())
    return tuple(word if _ADDRESS.intersection(word) else word.casefold() for word in words if word)


def same_words(old: str, new: str) -> bool:
    """Whether two texts differ only in capital letters, spacing or punctuation (an editorial change).

    >>> same_words("Job title", "job title"), same_words("The data subject", "the person")
    (True, False)
    """
    return wording(old) == wording(new)


def _same_in_words(old: Any, new: Any) -> bool:
    """Whether two model values say the same, capital letters, spacing and punctuation aside, in every text
    and name. Codes, ids, periods and dates are written in one case by the schema, an address keeps its
    letters (`wording`), and a cookie's own name is compared exactly where it is matched (its key)."""
    if old == new:
        return True
    if isinstance(old, Text) and isinstance(new, Text):
        return old.keys() == new.keys() and all(same_words(old[lang], new[lang]) for lang in old)
    if isinstance(old, str) and isinstance(new, str):
        return same_words(old, new)
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(_same_in_words(a, b) for a, b in zip(old, new, strict=True))
    if dataclasses.is_dataclass(old) and type(old) is type(new):
        return all(
            _same_in_words(getattr(old, spec.name), getattr(new, spec.name))
            for spec in dataclasses.fields(old)
            if spec.compare
        )
    return False
