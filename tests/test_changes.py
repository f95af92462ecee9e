"""The changelog's list of changes: every kind of change between two releases is named, none dropped."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, Callable

import pytest

from generator.notice.changes import Change, changes
from generator.notice.migrate import upgrade
from generator.notice.model import Notice


def T(word: str) -> dict[str, str]:
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
    "purposes": [{"id": "orders", "name": T("Orders"), "description": T("We handle orders."),
                  "legal_bases": ["contract"], "retention": {"period": "P6Y"}}],
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


@pytest.mark.parametrize("edit, expected", [
    (_edit("purposes.0.legal_bases", ["contract", "consent"]), [("purpose", "changed", "Orders"), ("legal_basis", "changed", "Orders")]),
    (_edit("purposes.0.retention", {"period": "P5Y"}),
     [("purpose", "changed", "Orders"), ("retention", "changed", "Orders")]),
    (_edit("purposes.0.description", T("We handle orders and returns.")), [("purpose", "changed", "Orders")]),
    (_edit("recipients.0.name", T("CRM service")), [("recipient", "changed", "CRM service")]),
    (_edit("transfers.0.safeguard", "binding_corporate_rules"), [("transfer", "changed", "US")]),
    (_edit("cookies.0.duration", "P1Y"), [("cookie", "changed", "_ga")]),
    (_edit("data_categories.0.name", T("Contact details")), [("data_category", "changed", "Contact details")]),
    (_edit("sources.0.name", T("The data subject")), [("source", "changed", "The data subject")]),
    (_edit("rights.granted", ["access", "erasure"]), [("rights", "changed", "")]),
    (_edit("controller.email", "b@esimerkki.fi"), [("controller", "changed", "")]),
    (_edit("data_protection_officer", {"appointed": True, "email": "dpo@esimerkki.fi"}),
     [("data_protection_officer", "changed", "")]),
    (_edit("representative", {"email": "rep@esimerkki.fi"}), [("representative", "changed", "")]),
    (_edit("cookies", []), [("cookie", "removed", "_ga")]),
    (_edit("sources", [{"id": "subject", "name": T("Subject")}, {"id": "register", "name": T("Register")}]),
     [("source", "added", "Register")]),
    (_edit("revision", {"effective": "2026-02-01", "summary": T("Second")}), []),
], ids=lambda v: getattr(v, "__name__", "") or None)
def test_each_change_is_named_once(edit: Callable[[dict[str, Any]], None], expected: list[tuple[str, str, str]]) -> None:
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
        ("controller", "changed", ""), ("recipient", "removed", "CRM"), ("transfer", "removed", "US"),
        ("purpose", "changed", "Orders"), ("legal_basis", "changed", "Orders"), ("retention", "changed", "Orders"),
        ("purpose", "added", "News")]


def test_a_change_is_a_value() -> None:
    change = Change("transfer", "added", "US")
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.area = "purpose"  # type: ignore[misc]
