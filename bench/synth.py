"""Synthetic notices for the benchmark: a realistic notice, its releases, a large one.

The base is Entrack's own notice (policy/notice.yaml, ~21 kB, fi/sv/en),
filled out with what a real notice of that size also has: retention periods,
a few named processors, transfers and cookies. Release k changes one real
thing, in a cycle that keeps the size steady (so that cost per release can be
compared at R = 10 and R = 100): add a recipient, change a retention period,
reword a text, remove the recipient added earlier. Each release is effective
one day after the previous one.

`large_notice` writes a notice of about 1 MB: hundreds of purposes,
recipients, data categories and cookies, every text in the three languages.
"""

from __future__ import annotations

import copy
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from generator.notice.load import load_file

FIRST_EFFECTIVE = date(2026, 1, 1)
PERIODS = ("P6M", "P12M", "P18M", "P2Y", "P3Y", "P5Y", "P6Y", "P10Y")
COUNTRIES = ("FI", "SE", "DE", "IE", "NL", "US", "GB", "IN", "FR", "EE")
ROLES = ("processor", "controller", "processor", "joint_controller")


def dump(data: dict[str, Any]) -> str:
    """Block-style YAML, texts in double quotes, no anchors (the loader refuses them)."""
    yaml = YAML(typ="safe", pure=True)
    yaml.representer.add_representer(str, _quoted_text)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.representer.ignore_aliases = lambda *_: True
    buffer = io.StringIO()
    buffer.write("# Synthetic notice written by `python -m bench`.\n")
    yaml.dump(data, buffer)
    return buffer.getvalue()


def _quoted_text(representer: Any, value: str) -> Any:
    """Texts in double quotes, as in Entrack's notice; ids, codes and keys plain."""
    style = '"' if " " in value or ":" in value else None
    return representer.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _text(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"fi": fi, "sv": sv, "en": en}


def base_notice(repo: Path) -> dict[str, Any]:
    """Entrack's notice, filled out to what a typical real notice holds."""
    data = copy.deepcopy(load_file(repo / "policy" / "notice.yaml").data)
    data["controller"].update(
        business_id="1234567-1",
        email="tietosuoja@entrack.fi",
        website="https://entrack.fi",
        address=_text(
            "Esimerkkikatu 1, 00100 Helsinki", "Exempelgatan 1, 00100 Helsingfors", "Esimerkkikatu 1, FI-00100 Helsinki"
        ),
    )
    services = [
        ("crm", "Asiakkuudenhallintapalvelu", "CRM-tjänst", "CRM service", "US"),
        ("mailer", "Sähköpostipalvelu", "E-posttjänst", "E-mail service", "IE"),
        ("payroll", "Palkanlaskentapalvelu", "Lönetjänst", "Payroll service", "FI"),
        ("hosting", "Pilvipalvelu", "Molntjänst", "Cloud hosting", "SE"),
        ("analytics", "Verkkoanalytiikka", "Webbanalys", "Web analytics", "US"),
    ]
    for rid, fi, sv, en, country in services:
        data["recipients"].append(
            {
                "id": rid,
                "name": _text(fi, sv, en),
                "role": "processor",
                "country": country,
                "description": _text(
                    f"{fi} käsittelee tietoja lukuunamme sopimuksen mukaisesti.",
                    f"{sv} behandlar uppgifterna för vår räkning enligt avtal.",
                    f"The {en.lower()} processes the data on our behalf under a contract.",
                ),
            }
        )
    data["transfers"] = [
        {
            "country": "US",
            "recipient": "crm",
            "safeguard": "standard_data_protection_clauses",
            "copy": _text(
                "Pyydä kopio osoitteesta tietosuoja@entrack.fi.",
                "Begär en kopia på tietosuoja@entrack.fi.",
                "Ask for a copy at tietosuoja@entrack.fi.",
            ),
        },
        {"country": "US", "recipient": "analytics", "safeguard": "adequacy_decision", "certified": True},
    ]
    for index, purpose in enumerate(data["purposes"]):
        purpose.setdefault("legal_bases", [{"basis": "contract"}])
        purpose["retention"] = [{"period": PERIODS[index % len(PERIODS)]}]
        purpose["recipients"] = [r["id"] for r in data["recipients"][index % 3 : index % 3 + 3]]
    data["cookies"] = [
        {
            "name": "_ga",
            "provider": "Google Analytics",
            "party": "third",
            "category": "analytics",
            "duration": "P2Y",
            "purpose": _text("Kävijöiden erottaminen toisistaan", "Skiljer besökare åt", "Distinguishes visitors"),
        },
        {
            "name": "_ga_ID",
            "provider": "Google Analytics",
            "party": "third",
            "category": "analytics",
            "duration": "P2Y",
            "purpose": _text("Istunnon tila", "Sessionens tillstånd", "Session state"),
        },
        {
            "name": "session",
            "provider": "Entrack Oy",
            "party": "first",
            "category": "necessary",
            "duration": "session",
            "purpose": _text("Kirjautuminen", "Inloggning", "Signing in"),
        },
    ]
    data["revision"] = {
        "effective": FIRST_EFFECTIVE.isoformat(),
        "summary": _text("Ensimmäinen versio.", "Första versionen.", "First version."),
    }
    return data


def release_notice(base: dict[str, Any], k: int) -> dict[str, Any]:
    """The notice of release k (1 = the base): one real change per release, size kept steady."""
    data = copy.deepcopy(base)
    purposes = data["purposes"]
    # Every earlier change that persists is replayed, so release k differs from k-1 by one change.
    for step in range(2, k + 1):
        kind, purpose = (step - 2) % 4, purposes[step % len(purposes)]
        if kind == 0:  # a new processor, used by one purpose
            rid = f"partner-{step}"
            data["recipients"].append(
                {
                    "id": rid,
                    "role": ROLES[step % len(ROLES)],
                    "country": COUNTRIES[step % len(COUNTRIES)],
                    "name": _text(f"Yhteistyökumppani {step}", f"Samarbetspartner {step}", f"Partner {step}"),
                    "description": _text(
                        f"Kumppani {step} hoitaa asiakastukea puolestamme.",
                        f"Partner {step} sköter kundsupport för vår räkning.",
                        f"Partner {step} handles customer support on our behalf.",
                    ),
                }
            )
            purpose["recipients"] = purpose.get("recipients", []) + [rid]
        elif kind == 1:  # a retention period changes
            current = PERIODS.index(purpose["retention"][0]["period"])
            purpose["retention"] = [{"period": PERIODS[(current + 1) % len(PERIODS)]}]
        elif kind == 2:  # a text is reworded
            purpose["description"] = {
                lang: text.split(" [")[0] + f" [{label} {step}]"
                for (lang, text), label in zip(
                    purpose["description"].items(), ("Päivitetty", "Uppdaterad", "Updated"), strict=True
                )
            }
        else:  # the partner added two releases ago leaves
            gone = f"partner-{step - 3}"
            data["recipients"] = [r for r in data["recipients"] if r["id"] != gone]
            for p in purposes:
                if gone in p.get("recipients", []):
                    p["recipients"] = [r for r in p["recipients"] if r != gone]
    effective = FIRST_EFFECTIVE + timedelta(days=k - 1)
    summaries = {
        0: ("Uusi kumppani.", "Ny partner.", "New partner."),
        1: ("Säilytysaika muuttui.", "Ändrad lagringstid.", "Retention period changed."),
        2: ("Tekstiä tarkennettu.", "Texten preciserad.", "Text clarified."),
        3: ("Kumppani poistui.", "Partner borttagen.", "Partner removed."),
    }
    fi, sv, en = summaries[(k - 2) % 4] if k > 1 else ("Ensimmäinen versio.", "Första versionen.", "First version.")
    data["revision"] = {
        "effective": effective.isoformat(),
        "summary": _text(f"Versio {k}: {fi}", f"Version {k}: {sv}", f"Version {k}: {en}"),
    }
    return data


def large_notice(base: dict[str, Any], target_bytes: int = 1_000_000) -> str:
    """A notice of about `target_bytes`: hundreds of purposes, recipients, categories and cookies."""
    data = copy.deepcopy(base)
    start = len(dump(data).encode("utf-8"))
    for n in range(1, 11):
        _grow(data, n)
    step = (len(dump(data).encode("utf-8")) - start) / 10
    for n in range(11, int((target_bytes - start) / step) + 1):
        _grow(data, n)
    return dump(data)


def _grow(data: dict[str, Any], n: int) -> None:
    """Add one more of everything, with texts of realistic length in each language."""
    sentence = _text(
        "Käsittelemme tietoja vain tähän tarkoitukseen, emmekä säilytä niitä pidempään kuin on tarpeen. ",
        "Vi behandlar uppgifterna endast för detta ändamål och lagrar dem inte längre än nödvändigt. ",
        "We process the data only for this purpose and keep it no longer than necessary. ",
    )
    data["data_categories"].append(
        {"id": f"category-{n}", "name": _text(f"Tietoryhmä {n}", f"Uppgiftskategori {n}", f"Data category {n}")}
    )
    data["recipients"].append(
        {
            "id": f"vendor-{n}",
            "role": ROLES[n % len(ROLES)],
            "country": COUNTRIES[n % len(COUNTRIES)],
            "name": _text(f"Palveluntarjoaja {n}", f"Tjänsteleverantör {n}", f"Service provider {n}"),
            "description": {lang: s * 4 for lang, s in sentence.items()},
        }
    )
    for m in range(2):
        data["purposes"].append(
            {
                "id": f"purpose-{n}-{m}",
                "legal_bases": [{"basis": ("contract", "consent", "legitimate_interests")[(n + m) % 3]}],
                "name": _text(f"Käyttötarkoitus {n}.{m}", f"Ändamål {n}.{m}", f"Purpose {n}.{m}"),
                "description": {lang: s * 6 for lang, s in sentence.items()},
                "data_subjects": ["customers"],
                "data_categories": [f"category-{n}", "email"],
                "recipients": [f"vendor-{n}", "crm"],
                "retention": [{"period": PERIODS[n % len(PERIODS)]}],
            }
        )
    for m in range(2):
        data["cookies"].append(
            {
                "name": f"cookie_{n}_{m}",
                "provider": f"Palveluntarjoaja {n}",
                "party": ("first", "third")[m],
                "category": ("functional", "analytics", "marketing")[n % 3],
                "duration": PERIODS[(n + m) % len(PERIODS)],
                "purpose": _text(
                    f"Evästeen {n}.{m} tarkoitus", f"Syftet med kakan {n}.{m}", f"Purpose of cookie {n}.{m}"
                ),
            }
        )
