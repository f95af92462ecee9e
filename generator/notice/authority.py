"""The supervisory authority a notice names (Art. 13(2)(d), 14(2)(e)): by default the Finnish one.

A Finnish notice names the Office of the Data Protection Ombudsman unless it
says otherwise; its name and addresses are written here once, in every
supported language (a test holds them to languages.SUPPORTED).
"""

from __future__ import annotations

import dataclasses

from generator.notice.model import Contact, Name, Text

FINNISH_AUTHORITY = Contact(
    name=Text(
        fi="Tietosuojavaltuutetun toimisto", sv="Dataombudsmannens byrå", en="Office of the Data Protection Ombudsman"
    ),
    address=Text(fi="PL 800, 00531 Helsinki", sv="PB 800, 00531 Helsingfors", en="P.O. Box 800, FI-00531 Helsinki"),
    phone="+358 29 566 6700",
    website=Text(fi="https://tietosuoja.fi", sv="https://tietosuoja.fi/sv", en="https://tietosuoja.fi/en"),
)
"""The default supervisory authority (../shared/gdpr-terms.md §3)."""


def supervisory_authority(given: Contact | None) -> Contact:
    """The authority the page names: the Finnish office's details, with what the notice gives in their place.

    A notice that names the authority only in part still means the Finnish office; one that names
    another authority keeps none of the office's details.

    >>> supervisory_authority(Contact(email="x@example.fi")).phone
    '+358 29 566 6700'
    >>> supervisory_authority(Contact(name="Integritetsskyddsmyndigheten")).phone is None
    True
    """
    if given is None:
        return FINNISH_AUTHORITY
    if given.name is not None and not _same_name(given.name, FINNISH_AUTHORITY.name):
        return given
    kept = {
        spec.name: getattr(given, spec.name)
        if getattr(given, spec.name) is not None
        else getattr(FINNISH_AUTHORITY, spec.name)
        for spec in dataclasses.fields(Contact)
        if spec.name != "at"
    }
    return Contact(**kept, at=given.at)


def _same_name(name: Name, default: Name | None) -> bool:
    """Whether a name given for the authority is the default's, in any of its languages."""
    assert isinstance(default, Text)
    values = {name} if isinstance(name, str) else set(name.values())
    return bool(
        {" ".join(v.split()).casefold() for v in values} & {" ".join(v.split()).casefold() for v in default.values()}
    )
