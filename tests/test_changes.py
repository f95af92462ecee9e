"""The changelog's list of changes: every kind of change between two releases is named, none dropped."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from generator.notice.changes import Change, changes, classed
from generator.notice.migrate import upgrade
from generator.notice.model import Notice


def T(word: str) -> dict[str, str]:  # noqa: N802 (T for Text, short in the tables of cases)
    return {"fi": f"{word} fi", "sv": f"{word} sv", "en": word}


BASE: dict[str, Any] = {
    "seloste": 1,
    "controller": {"name": "Esimerkki Oy", "email": "a@esimerkki.fi"},
    "data_protection_officer": {"appointed": False},
    "data_subjects": [{"id": "customers", "name": T("Customers")}],
    "data_categories": [{"id": "contact", "name": T("Contact")}],
    "sources": [{"id": "subject", "name": T("Subject")}],
    "recipients": [{"id": "crm", "name": T("CRM"), "role": "processor", "country": "US"}],
    "transfers": [{"country": "US", "recipient": "crm", "safeguard": "standard_data_protection_clauses"}],
    "purposes": [
        {
            "id": "orders",
            "name": T("Orders"),
            "description": T("We handle orders."),
            "legal_bases": ["contract"],
            "retention": {"period": "P6Y"},
        }
    ],
    "cookies": [{"name": "_ga", "provider": "Analytics Oy", "duration": "P2Y"}],
    "rights": {"granted": ["access"]},
    "revision": {"effective": "2026-01-01", "summary": T("First")},
}


def _edit(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        """Set `path` to `value`."""
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        for part in parents:
            data = data[part]
        data[last] = value

    edit.__name__ = path
    return edit


def notice(data: dict[str, Any]) -> Notice:
    """The notice, written here in format 1, in the current format."""
    data = copy.deepcopy(data)
    upgrade(data)
    return Notice.from_data(data)


def _summary(found: tuple[Any, ...]) -> list[tuple[str, str, str]]:
    return [(c.area, c.action, c.subject if isinstance(c.subject, str) else c.subject["en"]) for c in found]


@pytest.mark.parametrize(
    "edit, expected",
    [
        (
            _edit("purposes.0.legal_bases", ["contract", "consent"]),
            [("purpose", "changed", "Orders"), ("legal_basis", "changed", "Orders")],
        ),
        (
            _edit("purposes.0.retention", {"period": "P5Y"}),
            [("purpose", "changed", "Orders"), ("retention", "changed", "Orders")],
        ),
        (_edit("purposes.0.description", T("We handle orders and returns.")), [("purpose", "changed", "Orders")]),
        (_edit("recipients.0.name", T("CRM service")), [("recipient", "changed", "CRM service")]),
        (_edit("transfers.0.safeguard", "binding_corporate_rules"), [("transfer", "changed", "US")]),
        (_edit("cookies.0.duration", "P1Y"), [("cookie", "changed", "_ga")]),
        (_edit("data_categories.0.name", T("Contact details")), [("data_category", "changed", "Contact details")]),
        (_edit("sources.0.name", T("The data subject")), [("source", "changed", "The data subject")]),
        (_edit("rights.granted", ["access", "erasure"]), [("rights", "changed", "")]),
        (_edit("controller.email", "b@esimerkki.fi"), [("controller", "changed", "")]),
        (
            _edit("data_protection_officer", {"appointed": True, "email": "dpo@esimerkki.fi"}),
            [("data_protection_officer", "changed", "")],
        ),
        (_edit("representative", {"email": "rep@esimerkki.fi"}), [("representative", "changed", "")]),
        (_edit("cookies", []), [("cookie", "removed", "_ga")]),
        (
            _edit("sources", [{"id": "subject", "name": T("Subject")}, {"id": "register", "name": T("Register")}]),
            [("source", "added", "Register")],
        ),
        (_edit("revision", {"effective": "2026-02-01", "summary": T("Second")}), []),
    ],
    ids=lambda v: getattr(v, "__name__", "") or None,
)
def test_each_change_is_named_once(
    edit: Callable[[dict[str, Any]], None], expected: list[tuple[str, str, str]]
) -> None:
    new = copy.deepcopy(BASE)
    edit(new)
    assert _summary(changes(notice(BASE), notice(new))) == expected


def test_changes_come_in_the_order_of_the_notice() -> None:
    new = copy.deepcopy(BASE)
    new["controller"]["email"] = "b@esimerkki.fi"
    new["purposes"][0]["legal_bases"] = ["consent"]
    new["purposes"][0]["retention"] = {"period": "P1Y"}
    new["purposes"].append({"id": "news", "name": T("News")})
    new["recipients"] = []
    new["transfers"] = []
    assert _summary(changes(notice(BASE), notice(new))) == [
        ("controller", "changed", ""),
        ("recipient", "removed", "CRM"),
        ("transfer", "removed", "US"),
        ("purpose", "changed", "Orders"),
        ("legal_basis", "changed", "Orders"),
        ("retention", "changed", "Orders"),
        ("purpose", "added", "News"),
    ]


def test_a_change_is_a_value() -> None:
    change = Change("transfer", "added", "US")
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.area = "purpose"  # type: ignore[misc]


# -- Editorial or substantive (issue 19): capital letters, spacing and punctuation are not a change of substance --


def _natures(found: tuple[Change, ...]) -> list[tuple[str, str, str, str]]:
    return [
        (area, action, subject, c.nature) for (area, action, subject), c in zip(_summary(found), found, strict=True)
    ]


@pytest.mark.parametrize(
    "before, after",
    [
        (T("Contact"), {"fi": "contact fi", "sv": "contact sv", "en": "contact"}),  # capital letters
        (T("Contact"), {"fi": "Contact  fi", "sv": "Contact\u00a0sv", "en": " Contact "}),  # spacing
        (T("Contact"), {"fi": "Contact fi.", "sv": "“Contact sv”", "en": "(Contact)"}),  # punctuation
    ],
    ids=["case", "spacing", "punctuation"],
)
def test_a_change_of_capital_letters_spacing_or_punctuation_only_is_editorial(before: Any, after: Any) -> None:
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["data_categories"][0]["name"], new["data_categories"][0]["name"] = before, after
    assert _natures(changes(notice(old), notice(new))) == [("data_category", "changed", after["en"], "editorial")]


@pytest.mark.parametrize(
    "before, after",
    [
        ("Contact", "Contacts"),  # a letter
        ("Contact", "Contact person"),  # a word
        ("Kept 1,5 years", "Kept 15 years"),  # punctuation inside a number
        ("Kept 1.5 years", "Kept 1,5 years"),  # a decimal separator
        ("e-mail", "email"),  # punctuation inside a word
        ("Write to a@b.fi", "Write to A@b.fi"),  # an address keeps its capital letters
        ("[Form](https://a.fi/Form)", "[Form](https://a.fi/form)"),  # a link's address too
    ],
    ids=["letter", "word", "number", "decimal", "hyphen", "address", "link"],
)
def test_a_change_of_any_word_letter_or_number_is_substantive(before: str, after: str) -> None:
    """Only the languages' own spelling of the same words is editorial: a sign inside a word or number stays."""
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["data_categories"][0]["name"] = {"fi": "a", "sv": "b", "en": before}
    new["data_categories"][0]["name"] = {"fi": "a", "sv": "b", "en": after}
    assert _natures(changes(notice(old), notice(new))) == [("data_category", "changed", after, "substantive")]


def test_a_word_changed_in_one_language_is_substantive_in_every_language() -> None:
    """The nature is the notice's: each page lists the same changes."""
    new = copy.deepcopy(BASE)
    new["data_categories"][0]["name"] = {"fi": "contact fi", "sv": "contact sv", "en": "Contact details"}
    assert _natures(changes(notice(BASE), notice(new))) == [
        ("data_category", "changed", "Contact details", "substantive")
    ]


def test_a_code_or_an_id_is_never_editorial() -> None:
    """Capital letters matter in what is not a human text: a cookie's own name (`_ga` and `_GA` are two
    cookies), a controller's e-mail address."""
    new = copy.deepcopy(BASE)
    new["cookies"][0]["name"] = "_GA"
    new["controller"]["email"] = "A@esimerkki.fi"
    assert _natures(changes(notice(BASE), notice(new))) == [
        ("controller", "changed", "", "substantive"),
        ("cookie", "removed", "_ga", "substantive"),
        ("cookie", "added", "_GA", "substantive"),
    ]


def test_a_cookie_provider_written_anew_is_the_same_row_changed_editorially() -> None:
    """A cookie is followed by its provider and name: a provider's capital letters corrected is not a row
    removed and another added."""
    new = copy.deepcopy(BASE)
    new["cookies"][0]["provider"] = "ANALYTICS OY"
    assert _natures(changes(notice(BASE), notice(new))) == [("cookie", "changed", "_ga", "editorial")]


def test_two_providers_written_alike_are_never_paired_by_guess() -> None:
    """Pairing by words is only for a key that is unambiguous on both sides."""
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["cookies"] = [{"provider": "Analytics Oy"}, {"provider": "ANALYTICS OY"}]
    new["cookies"] = [{"provider": "analytics oy"}]
    assert [(a, action) for a, action, _ in _summary(changes(notice(old), notice(new)))] == [
        ("cookie", "removed"),
        ("cookie", "removed"),
        ("cookie", "added"),
    ]


def test_a_purpose_changed_in_capital_letters_and_in_its_retention_says_both() -> None:
    """Each followed field has its own nature: the retention changed in substance, the purpose's name did not."""
    new = copy.deepcopy(BASE)
    new["purposes"][0]["name"] = {"fi": "orders fi", "sv": "orders sv", "en": "orders"}
    new["purposes"][0]["retention"] = {"period": "P5Y"}
    assert _natures(changes(notice(BASE), notice(new))) == [
        ("purpose", "changed", "orders", "substantive"),
        ("retention", "changed", "orders", "substantive"),
    ]
    new["purposes"][0]["retention"] = {"period": "P6Y"}
    assert _natures(changes(notice(BASE), notice(new))) == [("purpose", "changed", "orders", "editorial")]


def test_entracks_second_release_lists_its_capital_letters_as_editorial() -> None:
    """Release 2026-11-26: 11 of its categories changed only in capital letters; the two whose English and
    Swedish words changed ("data subject" became "person") and everything else stay changes of substance."""
    from generator.record.releases import load_releases
    from support import PROJECT

    first, second = load_releases(PROJECT)[:2]
    found = changes(first.notice, second.notice)
    editorial = [c for c in found if c.nature == "editorial"]
    assert len(found) == 22 and len(editorial) == 11
    assert {c.area for c in editorial} == {"data_category"}
    assert ("cookie", "removed", "Google Analytics", "substantive") in _natures(found)


def test_a_proper_name_written_once_is_a_name_too() -> None:
    """The controller's name in capital letters is the same name (a name written once is a plain string)."""
    new = copy.deepcopy(BASE)
    new["controller"]["name"] = "ESIMERKKI OY"
    assert _natures(changes(notice(BASE), notice(new))) == [("controller", "changed", "", "editorial")]


# -- Material or editorial (issue 21): the class in law of each kind of change, in both directions -----------


def _current() -> dict[str, Any]:
    """BASE in the current format, for edits of fields format 1 did not have."""
    data = copy.deepcopy(BASE)
    upgrade(data)
    return data


def _with(*edits: tuple[str, Any]) -> dict[str, Any]:
    """The current BASE with each (path, value) set; a path ending in "+" appends the value to a list."""
    data = _current()
    for path, value in edits:
        *parents, last = [int(p) if p.isdigit() else p for p in path.removesuffix("+").split(".")]
        node: Any = data
        for part in parents:
            node = node[part]
        if path.endswith("+"):
            node.setdefault(last, []).append(value)
        else:
            node[last] = value
    return data


DECISION = {"logic": T("Score"), "consequences": T("Refusal"), "human_review": T("Ask us")}

CLASSES: list[tuple[str, dict[str, Any], str, str]] = [
    # (kind of change, the notice with it, its class, the class of undoing it)
    ("purpose", _with(("purposes+", {"id": "news", "name": T("News")})), "material", "material"),
    ("legal basis", _with(("purposes.0.legal_bases", [{"basis": "consent"}])), "material", "material"),
    ("legitimate interest", _with(("purposes.0.legitimate_interest", T("Our interest"))), "material", "material"),
    ("recipient", _with(("recipients+", {"id": "mail", "name": T("Mail")})), "material", "material"),
    ("data category", _with(("data_categories+", {"id": "ip", "name": T("IP")})), "material", "material"),
    ("source", _with(("sources+", {"id": "register", "name": T("Register")})), "material", "material"),
    ("transfer", _with(("transfers+", {"country": "IN"})), "material", "material"),
    ("transfer's country", _with(("transfers.0.country", "IN")), "material", "material"),  # one out, one in
    ("safeguard", _with(("transfers.0.safeguard", "binding_corporate_rules")), "material", "material"),
    ("recipient's country", _with(("recipients.0.country", "IN")), "material", "material"),
    ("recipient's role", _with(("recipients.0.role", "controller")), "material", "material"),
    ("recipient's name", _with(("recipients.0.name", T("CRM and mail"))), "material", "material"),
    ("purpose's recipient", _with(("purposes.0.recipients", ["crm"])), "material", "material"),
    ("purpose's data", _with(("purposes.0.data_categories", ["contact"])), "material", "material"),
    ("purpose's people", _with(("purposes.0.data_subjects", ["customers"])), "material", "editorial"),
    ("longer retention", _with(("purposes.0.retention", [{"period": "P10Y"}])), "material", "editorial"),
    ("retention in other units", _with(("purposes.0.retention", [{"period": "P72M"}])), "editorial", "editorial"),
    (
        "retention from another event",
        _with(("purposes.0.retention", [{"period": "P6Y", "event": "end_of_contract"}])),
        "material",
        "material",
    ),
    (
        "retention until the event",
        _with(("purposes.0.retention", [{"event": "end_of_contract"}])),
        "material",  # from no event at all: cannot be shown shorter
        "material",
    ),
    (
        "a retention rule added",
        _with(("purposes.0.retention+", {"data": ["contact"], "period": "P1Y"})),
        "material",
        "material",
    ),
    ("retention's law", _with(("purposes.0.retention.0.law", T("Accounting Act"))), "editorial", "editorial"),
    ("automated decision", _with(("purposes.0.automated_decision", DECISION)), "material", "editorial"),
    ("special category", _with(("data_categories.0.special", True)), "material", "editorial"),
    ("criminal data", _with(("data_categories.0.criminal", True)), "material", "editorial"),
    ("consent withdrawal", _with(("purposes.0.consent_withdrawal", T("Unsubscribe"))), "material", "material"),
    ("controller's name", _with(("controller.name", "Toinen Oy")), "material", "material"),
    ("controller's business id", _with(("controller.business_id", "1234567-1")), "material", "material"),
    ("controller's e-mail", _with(("controller.email", "b@esimerkki.fi")), "editorial", "editorial"),
    ("controller's website", _with(("controller.website", "https://esimerkki.fi")), "editorial", "editorial"),
    ("officer", _with(("data_protection_officer", {"appointed": True, "name": "DPO Oy"})), "material", "material"),
    (
        "officer's e-mail",
        _with(("data_protection_officer", {"appointed": False, "email": "dpo@esimerkki.fi"})),
        "editorial",
        "editorial",
    ),
    ("representative", _with(("representative", {"name": "Rep GmbH"})), "material", "material"),
    ("representative's e-mail", _with(("representative", {"email": "rep@esimerkki.fi"})), "editorial", "editorial"),
    ("rights", _with(("rights.granted", ["access", "erasure"])), "material", "material"),
    ("rights' contact", _with(("rights.contact", {"email": "privacy@esimerkki.fi"})), "material", "material"),
    ("identity check", _with(("rights.identity_check", True)), "material", "material"),
    ("authority", _with(("rights.supervisory_authority", {"name": "IMY"})), "material", "material"),
    ("cookie", _with(("cookies+", {"name": "_fbp", "provider": "Meta"})), "material", "editorial"),
    ("longer cookie", _with(("cookies.0.duration", "P3Y")), "material", "editorial"),
    ("cookie's category", _with(("cookies.0.category", "marketing")), "material", "material"),
    ("cookie's consent", _with(("cookies.0.consent", False)), "material", "material"),
    ("purpose's description", _with(("purposes.0.description", T("We ship orders."))), "material", "material"),
    ("source's description", _with(("sources.0.description", T("From you."))), "editorial", "editorial"),
    ("recipient's description", _with(("recipients.0.description", T("Our CRM."))), "editorial", "editorial"),
    ("copy of safeguards", _with(("transfers.0.copy", T("Ask us."))), "editorial", "editorial"),
    ("provision", _with(("purposes.0.provision", {"required_by": "contract"})), "material", "material"),
    (
        "provision's consequences",
        _with(
            ("purposes.0.provision", {"required_by": "contract", "consequences": T("No order")}),
        ),
        "material",  # from no provision at all
        "material",
    ),
    (
        "capital letters",
        _with(("data_categories.0.name", {"fi": "contact fi", "sv": "contact sv", "en": "contact"})),
        "editorial",
        "editorial",
    ),
    (
        "punctuation",
        _with(("purposes.0.name", {"fi": "Orders fi.", "sv": "“Orders sv”", "en": "Orders."})),
        "editorial",
        "editorial",
    ),
]


@pytest.mark.parametrize("kind, edited, forward, backward", CLASSES, ids=[case[0] for case in CLASSES])
def test_each_kind_of_change_has_its_class_in_law_both_ways(
    kind: str, edited: dict[str, Any], forward: str, backward: str
) -> None:
    """A change is material if any fact the changelog follows changes as the table of changes.py says; the
    same change undone is material again, or editorial where undoing it only reduces processing."""
    before, after = Notice.from_data(_current()), Notice.from_data(edited)
    found, undone = changes(before, after), changes(after, before)
    assert found and undone, kind
    assert (classed(found), classed(undone)) == (forward, backward)
    assert all(change.nature == "substantive" or not change.material for change in found + undone)


def test_the_first_release_is_material_and_no_change_is_editorial() -> None:
    """Everything in a first release is new to its readers; a release with no change the changelog follows
    (only what it does not follow, such as the security measures) is editorial."""
    assert classed((), first=True) == "material"
    assert classed(()) == "editorial"


def test_only_changes_of_capital_letters_and_punctuation_are_never_material() -> None:
    """An editorial-only release: the changelog lists none of its changes as material."""
    edited = _with(
        ("data_categories.0.name", {"fi": "contact fi", "sv": "contact sv", "en": "contact"}),
        ("purposes.0.name", {"fi": "Orders fi.", "sv": "Orders sv", "en": "“Orders”"}),
        ("recipients.0.name", {"fi": "CRM, fi", "sv": "CRM sv", "en": "crm"}),
    )
    found = changes(Notice.from_data(_current()), Notice.from_data(edited))
    assert len(found) == 3 and {c.nature for c in found} == {"editorial"}
    assert [c for c in found if c.material] == [] and classed(found) == "editorial"


def test_every_fact_the_changelog_follows_is_weighed_once() -> None:
    """The table states a weight for every field of every kind the changelog follows (a new field must be
    classed before the changelog can follow it), and a class for every list's removed items."""
    from generator.notice.changes import FIELDS, WHEN_REMOVED, _weighs
    from generator.notice.model import changelog_fields, item_kind

    followed = changelog_fields(Notice)
    lists = {area for name, area in followed.items() if item_kind(Notice, name)}
    assert set(WHEN_REMOVED) == lists
    assert set(FIELDS[Notice]) == {name for name in followed if not item_kind(Notice, name)}
    kinds = [kind for kind in FIELDS if kind is not Notice]
    for name in followed:
        kind = item_kind(Notice, name)
        assert kind is None or kind in FIELDS, name
    appearing = {"material": True, "editorial": False, "added": True, "longer": True}
    for kind in kinds:
        compared = {spec.name for spec in dataclasses.fields(kind) if spec.compare}
        assert set(FIELDS[kind]) == compared, kind.__name__
        for weight in FIELDS[kind].values():
            assert weight in appearing or weight in FIELDS, (kind, weight)
            if not isinstance(weight, type):  # a fact where there was none: material unless editorial
                assert _weighs(weight, None, "P1Y") is appearing[weight], (kind, weight)


def test_entracks_releases_are_classed() -> None:
    """Entrack's 2026-11-26 changed a legal basis; its 2026-12-06 renamed "third-party subcontractors" to
    "subcontractors", which a reader may read as more recipients, and reworded a purpose's description: all
    material, as the first release is."""
    from generator.record.releases import load_releases
    from support import PROJECT

    first, second, third = load_releases(PROJECT)
    assert classed(changes(first.notice, second.notice)) == "material"
    assert sorted((c.area, c.action) for c in changes(second.notice, third.notice) if c.material) == [
        ("purpose", "changed"),  # its description reworded: what the purpose is (changes.FIELDS)
        ("recipient", "changed"),
    ]


def test_an_item_replaced_by_another_is_removed_and_added_never_paired() -> None:
    """Only a key written anew is paired by its words: another id, or a cookie of the same name from another
    provider, is another item, even where it is the only one on each side."""
    new = copy.deepcopy(BASE)
    new["recipients"] = [{"id": "mail", "name": T("Mail"), "role": "processor", "country": "US"}]
    new["transfers"][0]["recipient"] = "mail"
    new["cookies"][0]["provider"] = "Other Oy"
    assert _summary(changes(notice(BASE), notice(new))) == [
        ("recipient", "removed", "CRM"),
        ("recipient", "added", "Mail"),
        ("transfer", "removed", "US"),
        ("transfer", "added", "US"),
        ("cookie", "removed", "_ga"),
        ("cookie", "added", "_ga"),
    ]


def test_a_kept_automated_decision_whose_logic_changes_is_material() -> None:
    """A decision kept is weighed fact by fact (`added` of a model class): new logic is a change to tell."""
    decided = _with(("purposes.0.automated_decision", DECISION))
    relogic = _with(("purposes.0.automated_decision", {**DECISION, "logic": T("Another score")}))
    found = changes(Notice.from_data(decided), Notice.from_data(relogic))
    assert [(c.area, c.action, c.material) for c in found] == [("purpose", "changed", True)]


def test_a_provider_named_in_each_language_is_paired_by_its_words() -> None:
    """A provider written in each language is the same row where only its capital letters changed, and another
    row where its words did."""
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    old["cookies"][0]["provider"] = T("Analytics")
    new["cookies"][0]["provider"] = {"fi": "analytics fi", "sv": "ANALYTICS sv", "en": "analytics"}
    assert _natures(changes(notice(old), notice(new))) == [("cookie", "changed", "_ga", "editorial")]
    new["cookies"][0]["provider"] = T("Other")
    assert _summary(changes(notice(old), notice(new))) == [("cookie", "removed", "_ga"), ("cookie", "added", "_ga")]


def test_a_retention_criterion_is_weighed_by_its_words() -> None:
    """A rule's criterion in new capital letters is an editorial change of the purpose and of its retention; a
    criterion reworded cannot be shown to keep the data no longer, so it is material."""
    rule = {"period": "P6Y", "criterion": T("After the last order")}
    old = Notice.from_data(_with(("purposes.0.retention", [rule])))
    lower = {"fi": "after the last order fi", "sv": "after the last order sv", "en": "after the last order"}
    recased = Notice.from_data(_with(("purposes.0.retention", [rule | {"criterion": lower}])))
    assert _natures(changes(old, recased)) == [
        ("purpose", "changed", "Orders", "editorial"),
        ("retention", "changed", "Orders", "editorial"),
    ]
    reworded = Notice.from_data(_with(("purposes.0.retention", [rule | {"criterion": T("After the last visit")}])))
    assert classed(changes(old, reworded)) == "material"
