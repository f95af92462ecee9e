"""The supervisory authority a notice names: the Finnish office's details unless the notice names another one."""

from __future__ import annotations

from generator.notice.authority import FINNISH_AUTHORITY, supervisory_authority
from generator.notice.model import Contact, Text


def test_no_authority_given_is_the_finnish_office() -> None:
    assert supervisory_authority(None) == FINNISH_AUTHORITY


def test_the_office_named_in_any_language_spacing_or_case_keeps_its_other_details() -> None:
    for name in (
        "  dataombudsmannens   BYRÅ ",
        "Tietosuojavaltuutetun toimisto",
        Text(en="office of the data protection ombudsman"),
    ):
        shown = supervisory_authority(Contact(name=name, email="x@example.fi", at=("rights", "supervisory_authority")))
        assert shown.name == name
        assert (shown.email, shown.phone) == ("x@example.fi", FINNISH_AUTHORITY.phone), name
        assert (shown.address, shown.website) == (FINNISH_AUTHORITY.address, FINNISH_AUTHORITY.website)
        assert shown.at == ("rights", "supervisory_authority")


def test_words_run_together_are_not_the_office_s_name() -> None:
    other = Contact(name="Tietosuojavaltuutetuntoimisto")
    assert supervisory_authority(other) is other


def test_another_authority_keeps_none_of_the_office_s_details() -> None:
    other = Contact(name=Text(fi="Integritetsskyddsmyndigheten", sv="Integritetsskyddsmyndigheten"))
    assert supervisory_authority(other) is other
    assert supervisory_authority(other).phone is None


def test_the_office_s_details_are_those_it_publishes() -> None:
    """../shared/gdpr-terms.md §3: its name, postal address and web pages in each language, its telephone."""
    assert (
        Contact(
            name=Text(
                fi="Tietosuojavaltuutetun toimisto",
                sv="Dataombudsmannens byrå",
                en="Office of the Data Protection Ombudsman",
            ),
            address=Text(
                fi="PL 800, 00531 Helsinki", sv="PB 800, 00531 Helsingfors", en="P.O. Box 800, FI-00531 Helsinki"
            ),
            phone="+358 29 566 6700",
            website=Text(fi="https://tietosuoja.fi", sv="https://tietosuoja.fi/sv", en="https://tietosuoja.fi/en"),
        )
        == FINNISH_AUTHORITY
    )
