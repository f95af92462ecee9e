"""Shared parties: written once in policy/parties.yaml, named by a company's notices as {party: <id>}.

A notice that names a party reads as if the party were written out in it, every finding about the party's values
at its line in parties.yaml; a release freezes the parties it took (parties.json, in the lock), so a later change
of parties.yaml changes no published text, and `check` names exactly the notices whose text a change reaches.
The company of tests/fixtures/company/ (three notices) is the example throughout.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.findings import NoticeError
from generator.notice import parties
from generator.notice.load import MAX_BYTES, MAX_DEPTH
from generator.notice.model import Recipient
from generator.notice.read import read_notice, read_notice_text, reading
from generator.project import Project, notices
from generator.record import lock
from generator.record import parties as record
from generator.record.inspection import inspect
from generator.record.releases import load_releases, make_release
from support import FIXTURES, PROJECT, drop_language, make_project

COMPANY = FIXTURES / "company" / "policy"
TODAY = date(2026, 12, 1)
"""Two weeks before the company's notices take effect."""
PARTIES_SCHEMA = PROJECT.schema.with_name(parties.SCHEMA_NAME)


def company(root: Path) -> Path:
    """A project whose policy/ is the company fixture's working copies, its schemas beside it, and nothing
    released yet (the tests release what they need)."""
    make_project(root)
    shutil.copytree(COMPANY, root / "policy", dirs_exist_ok=True, ignore=shutil.ignore_patterns("releases"))
    return root


def project(root: Path, notice: str) -> Project:
    return Project.at(root, notice)


def yaml_data(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def line_of(path: Path, text: str) -> int:
    """The 1-based line of `path` that starts with `text` (the first)."""
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def errors_of(call: Any) -> list[str]:
    with pytest.raises(NoticeError) as caught:
        call()
    return [str(f) for f in caught.value.findings]


# -- the company's notices ------------------------------------------------------------------------------------


@pytest.mark.parametrize("notice", ["customers", "recruitment", "employees"])
def test_each_company_notice_checks_with_no_findings(tmp_path: Path, notice: str) -> None:
    inspection = inspect(project(company(tmp_path), notice), today=TODAY)
    assert inspection.notice is not None
    assert [str(f) for f in inspection.findings] == []


def test_the_fixture_is_a_company_of_three_notices_sharing_its_parties() -> None:
    assert [p.id for p in notices(COMPANY.parent)] == ["customers", "employees", "recruitment"]
    shared = yaml_data(COMPANY / "parties.yaml")
    named = {
        notice: {
            party for _path, _kind, party in parties.references(yaml_data(COMPANY / "notices" / notice / "notice.yaml"))
        }
        for notice in ("customers", "recruitment", "employees")
    }
    assert named["customers"] & named["recruitment"] & named["employees"] >= {"pohjoisvayla", "dpo", "ombudsman"}
    assert "hr-system" in named["recruitment"] & named["employees"] and "hr-system" not in named["customers"]
    assert set().union(*named.values()) == {
        party for kind in shared.values() if isinstance(kind, dict) for party in kind
    }
    assert _business_id_valid(shared["controllers"]["pohjoisvayla"]["business_id"])


def _business_id_valid(business_id: str) -> bool:
    from generator.notice.rules import business_id_check_digit

    digits, check = business_id.split("-")
    return business_id_check_digit(digits) == int(check)


# -- resolution --------------------------------------------------------------------------------------------------


def written_out(notice: Path, shared: Path) -> str:
    """The notice's YAML with each party written out where it is named, as an author without parties.yaml would."""
    data = yaml_data(notice)
    used = {kind.key: yaml_data(shared).get(kind.key, {}) for kind in parties.KINDS}
    resolved, _ = parties.graft(data, used)
    out = []
    YAML(typ="safe", pure=True).dump(resolved, _Lines(out))
    return "".join(out)


class _Lines:
    def __init__(self, out: list[str]) -> None:
        self.out = out

    def write(self, text: str | bytes) -> None:
        self.out.append(text.decode() if isinstance(text, bytes) else text)


@pytest.mark.parametrize("notice", ["customers", "recruitment", "employees"])
def test_a_notice_naming_parties_is_the_notice_with_them_written_out(tmp_path: Path, notice: str) -> None:
    root = company(tmp_path)
    path = root / "policy" / "notices" / notice / "notice.yaml"
    named, doc = read_notice(path, PROJECT.schema, root / "policy" / "parties.yaml")
    plain, _ = read_notice_text(written_out(path, root / "policy" / "parties.yaml"), "plain.yaml", PROJECT.schema)
    assert named == plain
    assert list(parties.references(doc.data)) == []  # no reference is left in what a release freezes as notice.json
    assert named.controller.name == "Pohjoisväylä Oy" and named.data_protection_officer is not None


def test_a_shared_recipient_brings_its_transfers_with_its_id() -> None:
    notice, _ = read_notice(
        COMPANY / "notices" / "recruitment" / "notice.yaml", PROJECT.schema, COMPANY / "parties.yaml"
    )
    assert [(t.recipient, t.country, t.safeguard) for t in notice.transfers] == [
        ("hr-system", "US", "standard_data_protection_clauses"),
        ("office-suite", "US", "adequacy_decision"),
    ]
    assert [r.id for r in notice.recipients] == ["hr-system", "office-suite", "hosting", "assessor"]


def test_the_notices_own_transfers_come_first_and_the_loaded_data_is_left_as_it_was() -> None:
    source = {"recipients": [{"party": "r"}, {"id": "own"}], "transfers": [{"country": "IN", "recipient": "own"}]}
    before = copy.deepcopy(source)
    data, grafts = parties.graft(source, {"recipients": {"r": {"name": "R", "transfers": [{"country": "US"}]}}})
    assert source == before
    assert data["transfers"] == [{"country": "IN", "recipient": "own"}, {"recipient": "r", "country": "US"}]
    assert [(g.at, g.part) for g in grafts] == [
        (("recipients", 0), ("recipients", "r")),
        (("transfers", 1), ("recipients", "r", "transfers", 0)),
    ]


PARTIES = """\
seloste: 2
controllers:
  acme:
    name: Acme Oy
    business_id: "1234567-2"
    address: {fi: Katu 1, sv: Gatan 1, en: Street 1}
representatives:
  rep:
    name: Rep GmbH
    email: rep@example.com
supervisory_authorities:
  ombudsman:
    email: tietosuoja@om.fi
recipients:
  cloud:
    name: Cloud Inc.
    role: processor
    country: US
    transfers:
      - country: US
        safeguard: standard_data_protection_clauses
        copy: {fi: Pyydä., sv: Begär., en: Ask.}
"""

NOTICE = """\
seloste: 2
controller: {party: acme}
representative: {party: rep}
data_protection_officer: {appointed: false}
recipients:
  - id: own
    name: Own Oy
  - {party: cloud}
transfers_outside_eea: true
rights:
  supervisory_authority: {party: ombudsman}
revision: {effective: 2026-12-15, summary: {fi: a, sv: b, en: c}}
"""


def write(root: Path, parties_text: str = PARTIES, notice_text: str = NOTICE) -> tuple[Path, Path]:
    (root / "parties.yaml").write_text(parties_text, encoding="utf-8")
    (root / "notice.yaml").write_text(notice_text, encoding="utf-8")
    return root / "notice.yaml", root / "parties.yaml"


def test_every_place_that_takes_a_party_takes_one(tmp_path: Path) -> None:
    notice_path, parties_path = write(tmp_path)
    notice, _ = read_notice(notice_path, PROJECT.schema, parties_path)
    assert notice.controller.name == "Acme Oy"
    assert notice.representative is not None and notice.representative.name == "Rep GmbH"
    assert notice.rights.supervisory_authority is not None
    assert notice.rights.supervisory_authority.email == "tietosuoja@om.fi"
    assert [r.id for r in notice.recipients] == ["own", "cloud"]
    assert [t.recipient for t in notice.transfers] == ["cloud"]


def test_the_positions_of_a_partys_values_are_in_parties_yaml(tmp_path: Path) -> None:
    notice_path, parties_path = write(tmp_path)
    _, doc = read_notice(notice_path, PROJECT.schema, parties_path)
    shown = str(parties_path)
    assert str(doc.position(("controller", "business_id"))) == f"{shown}:5:18"
    assert str(doc.position(("controller", "address", "sv"))) == f"{shown}:6:31"
    assert str(doc.position(("controller",), key=True)) == f"{shown}:3:3"  # a field the party lacks: its id's line
    assert str(doc.position(("rights", "supervisory_authority", "email"))) == f"{shown}:13:12"
    assert str(doc.position(("recipients", 1, "id"))) == f"{shown}:15:3"
    assert str(doc.position(("transfers", 0, "safeguard"))) == f"{shown}:21:20"
    assert str(doc.position(("transfers", 0, "recipient"))) == f"{shown}:20:9"  # the transfer's own line
    assert str(doc.position(("recipients", 0, "name"))) == f"{notice_path}:7:11"  # the notice's own recipient
    assert str(doc.position(("revision", "effective"))) == f"{notice_path}:12:23"


def test_a_rule_finds_a_partys_mistake_at_its_line_in_parties_yaml(tmp_path: Path) -> None:
    notice_path, parties_path = write(tmp_path, PARTIES.replace('"1234567-2"', '"1234567-3"'))
    notice, doc = read_notice(notice_path, PROJECT.schema, parties_path)
    from generator.notice.rules import Context, run_rules

    found = [f for f in run_rules(Context(notice, doc, today=TODAY)) if f.rule == "business-id-check-digit"]
    assert [str(f.position) for f in found] == [f"{parties_path}:5:18"]
    assert found[0].message.startswith("controller.business_id: ")


def test_a_partys_text_missing_a_language_of_the_notice_is_an_error_in_parties_yaml(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path, PARTIES.replace("{fi: Katu 1, sv: Gatan 1, en: Street 1}", "{fi: Katu 1}")
    )
    assert errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path)) == [
        f"{parties_path}:6:14: error: controller.address: the Swedish text (sv) is missing; this notice is published "
        "in fi, sv and en",
        f"{parties_path}:6:14: error: controller.address: the English text (en) is missing; this notice is published "
        "in fi, sv and en",
    ]


def test_a_notice_in_fewer_languages_takes_a_partys_texts_in_its_own(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path,
        notice_text=NOTICE.replace("seloste: 2\n", "seloste: 2\nlanguages: [fi]\n").replace(
            "{fi: a, sv: b, en: c}", "{fi: a}"
        ),
    )
    read = reading(notice_path, PROJECT.schema, parties_path)
    assert dict(read.notice.controller.address or {}) == {"fi": "Katu 1"}
    assert read.parties["controllers"]["acme"]["address"] == {"fi": "Katu 1"}
    assert read.parties["recipients"]["cloud"]["transfers"][0]["copy"] == {"fi": "Pyydä."}
    # A text in none of the notice's languages is said to lack the notice's, not to have too many.
    only_sv = PARTIES.replace("{fi: Katu 1, sv: Gatan 1, en: Street 1}", "{sv: Gatan 1}")
    notice_path, parties_path = write(tmp_path, only_sv, notice_path.read_text(encoding="utf-8"))
    assert [
        f.split(": error: ")[1] for f in errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path))
    ] == ["controller.address: the Finnish text (fi) is missing; this notice is published in fi"]


def test_a_reading_is_frozen_as_it_was_taken(tmp_path: Path) -> None:
    """A release freezes the parties a reading took: nothing after the reading can swap them for others."""
    notice_path, parties_path = write(tmp_path)
    read = reading(notice_path, PROJECT.schema, parties_path)
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.parties = read.parties  # type: ignore[misc]


def test_an_unknown_id_is_an_error_at_the_reference_naming_the_ids_there(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path, notice_text=NOTICE.replace("{party: acme}", "{party: acne}").replace("{party: cloud}", "{party: rep}")
    )
    assert errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path)) == [
        f"{notice_path}:2:21: error: controller.party: there is no party 'acne' under controllers in {parties_path}; "
        "the ids there are acme",
        f"{notice_path}:8:13: error: recipients[2].party: 'rep' is under representatives in {parties_path}, not under "
        "recipients, the parties this field takes",
    ]
    notice_path, parties_path = write(
        tmp_path, PARTIES.replace("representatives:\n  rep:\n    name: Rep GmbH\n    email: rep@example.com\n", "")
    )
    assert errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path)) == [
        f"{notice_path}:3:25: error: representative.party: there is no party 'rep' under representatives in "
        f"{parties_path}, which lists none there"
    ]


def test_the_unknown_id_is_said_in_finnish_and_swedish(tmp_path: Path) -> None:
    from generator.words.i18n import speaker

    notice_path, parties_path = write(tmp_path, notice_text=NOTICE.replace("{party: acme}", "{party: acne}"))
    with pytest.raises(NoticeError) as caught:
        read_notice(notice_path, PROJECT.schema, parties_path)
    (found,) = caught.value.findings
    assert "ei ole osapuolta 'acne'" in found.said_in(speaker(PROJECT.locales, "fi"))
    assert "det finns ingen part 'acne'" in found.said_in(speaker(PROJECT.locales, "sv"))


def test_a_reference_without_a_parties_file_is_an_error_at_each_reference(tmp_path: Path) -> None:
    notice_path, _ = write(tmp_path)
    (tmp_path / "parties.yaml").unlink()
    for missing in (tmp_path / "parties.yaml", None):
        found = errors_of(lambda: read_notice(notice_path, PROJECT.schema, missing))  # noqa: B023
        assert len(found) == 4 and all("but there is no parties file" in f for f in found)
        assert found[0].startswith(f"{notice_path}:2:21: error: controller.party: names the shared party 'acme'")
        named = "policy/parties.yaml" if missing is None else str(missing)
        assert all(f"there is no parties file ({named}): write the party there" in f for f in found), found


def test_a_notice_without_references_never_reads_the_parties_file(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path, "{not: [yaml", (FIXTURES / "multi" / "v1.yaml").read_text(encoding="utf-8")
    )
    notice, _ = read_notice(notice_path, PROJECT.schema, parties_path)
    assert notice.controller.name == "Esimerkki Oy"


def test_a_reference_with_more_than_its_id_is_the_schemas_to_refuse(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path,
        notice_text=NOTICE.replace("{party: acme}", "{party: acme, name: X}").replace("{party: cloud}", "{party: 5}"),
    )
    found = errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path))
    assert found == [
        f"{notice_path}:2:27: error: controller.name: unknown field; allowed here: party",
        f"{notice_path}:8:13: error: recipients[2].party: expected text, got a number '5'",
    ]


def test_a_transfer_the_shared_recipient_brings_may_not_be_written_again(tmp_path: Path) -> None:
    notice_path, parties_path = write(
        tmp_path,
        notice_text=NOTICE.replace(
            "transfers_outside_eea: true\n",
            "transfers_outside_eea: true\ntransfers:\n  - {country: US, recipient: cloud}\n",
        ),
    )
    assert errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path)) == [
        f"{notice_path}:11:5: error: transfers[1]: the transfer of cloud to US is written in {parties_path} with the "
        "recipient already; remove it here"
    ]


# -- a hostile parties file ---------------------------------------------------------------------------------------

HOSTILE = {
    "alias": ("seloste: 2\ncontrollers:\n  a: &x {name: A}\n  b: *x\n", "anchors (&x) are not allowed"),
    "tag": ("seloste: 2\ncontrollers: !!python/object:os.system {}\n", "YAML tags"),
    "duplicate key": ("seloste: 2\ncontrollers:\n  acme: {name: A}\n  acme: {name: B}\n", "duplicate key 'acme'"),
    "a list": ("- seloste: 2\n", "the parties file must be a mapping of kinds of party"),
    "a scalar": ("parties\n", "the parties file must be a mapping of kinds of party"),
    "empty": ("\n", "the file is empty"),
    "NUL": ("seloste: 2\0\n", "NUL byte"),
    "kind not a mapping": ("seloste: 2\ncontrollers: 5\n", "controllers: expected a mapping"),
    "party not a mapping": ("seloste: 2\ncontrollers:\n  acme: [1, 2]\n", "controllers.acme: expected a mapping"),
    "transfers not a list": (
        "seloste: 2\nrecipients:\n  r: {name: R, transfers: US}\n",
        "recipients.r.transfers: expected a list",
    ),
    "unknown kind": ("seloste: 2\nprocessors: {}\n", "processors: unknown field"),
    "bad id": ("seloste: 2\ncontrollers:\n  Acme_Oy: {name: A}\n", "controllers.Acme_Oy: 'Acme_Oy' is not valid"),
    "long id": ("seloste: 2\ncontrollers:\n  " + "a" * 65 + ": {name: A}\n", "is too long"),
    "no version": ("controllers:\n  acme: {name: A}\n", "seloste: missing required field"),
    "one id, two kinds": (
        "seloste: 2\ncontrollers:\n  acme: {name: A}\nrecipients:\n  acme: {name: A}\n",
        "recipients.acme: the id 'acme' is already a party's under controllers (line 3)",
    ),
    "deep": (
        "seloste: 2\ncontrollers:\n  acme:\n    name: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n",
        "nested deeper",
    ),
    "bidi": ('seloste: 2\ncontrollers:\n  acme: {name: "A\\u202eB"}\n', "bidirectional control"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_parties_file_is_refused_with_findings_in_it(tmp_path: Path, case: str) -> None:
    text, words = HOSTILE[case]
    notice_path, parties_path = write(tmp_path, text)
    found = errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path))
    assert any(f.startswith(f"{parties_path}:") and words in f for f in found), found
    # ... and each reference of the notice says it cannot be taken until the file is fixed
    assert sum("which cannot be read until its errors are fixed" in f for f in found) == 4
    assert all(f.startswith((f"{parties_path}", f"{notice_path}:")) for f in found)


def test_a_parties_file_too_large_or_not_utf8_or_a_folder_is_refused(tmp_path: Path) -> None:
    notice_path, parties_path = write(tmp_path)
    for content, words in (
        (b"seloste: 2\n#" + b"x" * MAX_BYTES, "larger than 2 MiB"),
        (b"seloste: 2\ncontrollers: {acme: {name: \xff}}\n", "not valid UTF-8"),
        (None, "cannot read file"),
    ):
        if content is None:
            parties_path.unlink()
            parties_path.mkdir()
        else:
            parties_path.write_bytes(content)
        found = errors_of(lambda: read_notice(notice_path, PROJECT.schema, parties_path))
        assert [f for f in found if f.startswith(f"{parties_path}:") and words in f], found


def test_a_missing_parties_schema_is_said(tmp_path: Path) -> None:
    notice_path, parties_path = write(tmp_path)
    shutil.copy(PROJECT.schema, tmp_path / "schema.json")
    found = errors_of(lambda: read_notice(notice_path, tmp_path / "schema.json", parties_path))
    missing = tmp_path / "parties.schema.json"
    assert f"{parties_path}:1:1: error: cannot check the parties file: its schema {missing} is missing" in found


# -- freezing ------------------------------------------------------------------------------------------------------


def release_all(root: Path) -> dict[str, Any]:
    return {p.id: make_release(p, today=TODAY) for p in notices(root)}


def test_a_release_freezes_the_parties_it_used_recorded_in_the_lock(tmp_path: Path) -> None:
    root = company(tmp_path)
    released = release_all(root)
    recruitment = released["recruitment"]
    frozen = recruitment.directory / lock.PARTIES_NAME
    text = frozen.read_bytes()
    data = json.loads(text)
    assert text == (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    assert {kind: sorted(ids) for kind, ids in data.items()} == {
        "controllers": ["pohjoisvayla"],
        "data_protection_officers": ["dpo"],
        "recipients": ["hosting", "hr-system", "office-suite"],
        "supervisory_authorities": ["ombudsman"],
    }
    recorded = json.loads((recruitment.directory.parent / "releases.lock").read_text(encoding="utf-8"))
    assert recorded["releases"][0]["files"][lock.PARTIES_NAME] == hashlib.sha256(text).hexdigest()
    notice_json = json.loads((recruitment.directory / lock.JSON_NAME).read_text(encoding="utf-8"))
    assert notice_json["controller"]["name"] == "Pohjoisväylä Oy" and '"party"' not in json.dumps(notice_json)
    (again,) = load_releases(project(root, "recruitment"))
    assert again.parties == data and again.rendered_anew(PROJECT.locales) == []
    assert (
        again.notice
        == reading(project(root, "recruitment").notice, PROJECT.schema, project(root, "recruitment").parties).notice
    )


def test_a_release_that_names_no_party_freezes_no_parties_file(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    shutil.copy(FIXTURES / "multi" / "v1.yaml", root / "policy" / "notice.yaml")
    (root / "policy" / "parties.yaml").write_text(PARTIES, encoding="utf-8")
    release = make_release(Project.at(root), today=TODAY)
    assert lock.PARTIES_NAME not in release.files and not (release.directory / lock.PARTIES_NAME).exists()


def test_an_edited_parties_json_is_caught_by_the_lock(tmp_path: Path) -> None:
    root = company(tmp_path)
    released = release_all(root)
    frozen = released["employees"].directory / lock.PARTIES_NAME
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("Pohjoisväylä Oy", "Muu Oy"), encoding="utf-8")
    found = inspect(project(root, "employees"), today=TODAY).findings
    assert any(f.rule == "release-integrity" and "parties.json" in f.message for f in found), found


def test_a_release_whose_notice_yaml_and_parties_json_do_not_make_its_notice_json_is_caught(tmp_path: Path) -> None:
    root = company(tmp_path)
    released = release_all(root)["customers"]
    entries = lock.read_entries(project(root, "customers"))
    frozen = json.loads((released.directory / lock.PARTIES_NAME).read_text(encoding="utf-8"))
    frozen["controllers"]["pohjoisvayla"]["phone"] = "+358 8 555 0000"
    content = (json.dumps(frozen, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    (released.directory / lock.PARTIES_NAME).write_bytes(content)
    files = dict(entries[0].files, **{lock.PARTIES_NAME: lock.sha256(content)})
    (released.directory.parent / "releases.lock").write_text(lock.text([dataclasses.replace(entries[0], files=files)]))
    (again,) = load_releases(project(root, "customers"))
    assert [f.message for f in again.rendered_anew(PROJECT.locales)] == [
        f"release {again.id}: notice.json does not say what its notice.yaml says; make the release again"
    ]


def test_a_later_change_of_parties_yaml_changes_no_published_text(tmp_path: Path) -> None:
    root = company(tmp_path)
    release_all(root)
    before = _tree(root / "policy" / "notices")
    shared = root / "policy" / "parties.yaml"
    shared.write_text(shared.read_text(encoding="utf-8").replace("Kalliopilvi Oy", "Kalliopilvi Oyj"), encoding="utf-8")
    for p in notices(root):
        (release,) = load_releases(p)
        assert "Kalliopilvi Oyj" not in release.text("fi")
        assert release.notice.lookup(Recipient)["hosting"].name == "Kalliopilvi Oy"
    assert _tree(root / "policy" / "notices") == before


# -- parties-changed ---------------------------------------------------------------------------------------------


def _tree(folder: Path) -> dict[str, bytes]:
    """Every released file under `folder`, by path (the lock aside: a release adds its entry)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.parent.parent.name == "releases"
    }


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(root: Path, notice: str) -> list[str]:
    return [str(f) for f in inspect(project(root, notice), today=TODAY).findings if f.rule == record.RULE]


def test_changing_a_shared_recipient_names_exactly_the_notices_that_use_it(tmp_path: Path) -> None:
    root = company(tmp_path)
    release_all(root)
    assert [c for c in record.changes(notices(root))] == []
    shared = root / "policy" / "parties.yaml"
    edit(
        shared,
        "      fi: rekrytointi- ja henkilöstöhallintajärjestelmä",
        "      fi: rekrytointi- ja henkilöstöjärjestelmä",
    )
    (change,) = record.changes(notices(root))
    assert (change.kind.key, change.id, change.notices) == ("recipients", "hr-system", ("employees", "recruitment"))
    line = line_of(shared, "  hr-system:")
    expected = (
        f"{shared}:{line}:3: warning: recipients.hr-system: changed since the last releases of the notices employees "
        "and recruitment, which use it: each needs a new release [parties-changed]"
    )
    assert warnings(root, "recruitment") == [expected] == warnings(root, "employees")
    assert warnings(root, "customers") == []


def test_a_change_of_the_controller_reaches_every_notice_and_is_said_in_finnish(tmp_path: Path) -> None:
    from generator.words.i18n import speaker

    root = company(tmp_path)
    release_all(root)
    edit(root / "policy" / "parties.yaml", "    phone: +358 8 555 0140", "    phone: +358 8 555 0150")
    (change,) = record.changes(notices(root))
    assert change.notices == ("customers", "employees", "recruitment")
    assert change.finding().said_in(speaker(PROJECT.locales, "fi")) == (
        "controllers.pohjoisvayla: muuttunut selosteiden customers, employees ja recruitment viimeisimpien "
        "versioiden jälkeen, ja selosteet käyttävät sitä: kustakin on julkaistava uusi versio"
    )


def test_a_change_in_a_language_a_notice_does_not_publish_does_not_reach_it(tmp_path: Path) -> None:
    root = company(tmp_path)
    path = root / "policy" / "notices" / "customers" / "notice.yaml"
    data = yaml_data(path)
    drop_language(data, "sv")
    data["languages"] = ["fi", "en"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    assert [str(f) for f in inspect(project(root, "customers"), today=TODAY).errors()] == []
    release_all(root)
    edit(
        root / "policy" / "parties.yaml",
        "      sv: Satamatie 14, 90520 Uleåborg\n",
        "      sv: Satamatie 14, FI-90520 Uleåborg\n",
    )
    (change,) = record.changes(notices(root))
    assert change.notices == ("employees", "recruitment")


def test_a_party_the_working_copy_no_longer_names_is_not_its_concern(tmp_path: Path) -> None:
    root = company(tmp_path)
    release_all(root)
    edit(root / "policy" / "notices" / "customers" / "notice.yaml", "  - {party: accounting}\n", "")
    edit(
        root / "policy" / "notices" / "customers" / "notice.yaml",
        "    recipients: [accounting, hosting]",
        "    recipients: [hosting]",
    )
    edit(
        root / "policy" / "parties.yaml",
        "      fi: kirjanpito, laskutus ja palkanlaskenta",
        "      fi: kirjanpito ja palkanlaskenta",
    )
    (change,) = record.changes(notices(root))
    assert (change.id, change.notices) == ("accounting", ("employees",))


def test_releasing_the_notices_a_change_reaches_leaves_every_earlier_release_as_it_was(tmp_path: Path) -> None:
    root = company(tmp_path)
    release_all(root)
    first = _tree(root / "policy" / "notices")
    entries = {p.id: lock.read_entries(p)[0] for p in notices(root)}
    edit(
        root / "policy" / "parties.yaml",
        "        safeguard: standard_data_protection_clauses",
        "        safeguard: binding_corporate_rules",
    )
    edit(
        root / "policy" / "parties.yaml",
        "        copy:\n          fi: Saat jäljennöksen vakiolausekkeista",
        "        copy:\n          fi: Saat jäljennöksen yritystä koskevista sitovista säännöistä",
    )
    edit(
        root / "policy" / "parties.yaml",
        "          sv: Du får en kopia av standardavtalsklausulerna",
        "          sv: Du får en kopia av de bindande företagsbestämmelserna",
    )
    edit(
        root / "policy" / "parties.yaml",
        "          en: You can get a copy of the standard contractual clauses",
        "          en: You can get a copy of the binding corporate rules",
    )
    (change,) = record.changes(notices(root))
    assert change.notices == ("employees", "recruitment")
    for notice in change.notices:
        path = root / "policy" / "notices" / notice / "notice.yaml"
        edit(path, 'effective: "2026-12-15"', 'effective: "2027-01-15"')
        edit(
            path,
            "summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}",
            "summary: {fi: Tietojen siirron suojatoimi muuttui., sv: Skyddsåtgärden för överföringen ändrades., en: The safeguard of the transfer changed.}",
        )
        second = make_release(project(root, notice), today=TODAY)
        assert (
            json.loads((second.directory / lock.PARTIES_NAME).read_text(encoding="utf-8"))["recipients"]["hr-system"][
                "transfers"
            ][0]["safeguard"]
            == "binding_corporate_rules"
        )
    after = _tree(root / "policy" / "notices")
    assert {name: content for name, content in after.items() if name in first} == first and len(after) > len(first)
    for p in notices(root):
        assert lock.read_entries(p)[0] == entries[p.id]
    assert record.changes(notices(root)) == ()
    assert warnings(root, "recruitment") == []


def test_parties_changed_is_quiet_without_parties_or_releases(tmp_path: Path) -> None:
    root = company(tmp_path)
    assert record.changes(notices(root)) == ()  # nothing released yet
    one = Project.at(make_project(tmp_path / "one"))
    shutil.copy(FIXTURES / "multi" / "v1.yaml", one.notice)
    assert record.parties_changed(one) == []
    (root / "policy" / "parties.yaml").write_text("controllers: [\n", encoding="utf-8")
    assert record.changes(notices(root)) == ()  # a broken file: each notice naming it says why


def test_a_one_notice_project_s_parties_are_followed_too(tmp_path: Path) -> None:
    """A project of one notice may name shared parties as well; `changes` takes any iterable of projects."""
    root = company(tmp_path / "company")
    one = Project.at(make_project(tmp_path / "one"))
    shutil.copy(root / "policy" / "parties.yaml", one.parties)
    shutil.copy(root / "policy" / "notices" / "customers" / "notice.yaml", one.notice)
    make_release(one, today=TODAY)
    assert record.changes(iter((one,))) == ()
    edit(one.parties, "    phone: +358 8 555 0140", "    phone: +358 8 555 0150")
    (change,) = record.changes(iter((one,)))
    assert (change.kind.key, change.id, change.notices) == ("controllers", "pohjoisvayla", ("policy/notice.yaml",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        change.id = "x"  # type: ignore[misc]  # the point: it is frozen


def test_changes_come_in_the_order_of_parties_yaml(tmp_path: Path) -> None:
    root = company(tmp_path)
    release_all(root)
    shared = root / "policy" / "parties.yaml"
    edit(shared, "      fi: rekrytointi- ja henkilöstöhallintajärjestelmä", "      fi: henkilöstöjärjestelmä")
    edit(shared, "    phone: +358 8 555 0140", "    phone: +358 8 555 0150")
    found = record.changes(notices(root))
    assert [(c.kind.key, c.id) for c in found] == [("controllers", "pohjoisvayla"), ("recipients", "hr-system")]
    assert [c.position.line for c in found] == sorted(c.position.line for c in found)
    shared.write_text("controllers: [\n", encoding="utf-8")
    assert record.changes(notices(root)) == ()  # released, then broken: each notice naming it says why


def test_a_project_of_both_layouts_leaves_the_parties_warning_to_the_layout_s_error(tmp_path: Path) -> None:
    root = company(tmp_path)
    shutil.copy(root / "policy" / "notices" / "customers" / "notice.yaml", root / "policy" / "notice.yaml")
    assert record.parties_changed(Project.at(root)) == []


# -- the schemas ---------------------------------------------------------------------------------------------------


def test_the_notice_schema_takes_a_party_exactly_where_parties_are_resolved() -> None:
    schema = json.loads(PROJECT.schema.read_text(encoding="utf-8"))

    def takes_party(node: dict[str, Any]) -> bool:
        return node.get("then") == {"$ref": "#/$defs/party"} and "else" in node

    found = set()
    for name, node in schema["properties"].items():
        if takes_party(node):
            found.add((name,))
        if takes_party(node.get("items", {})):
            found.add((name, "[]"))
        for sub, child in node.get("properties", {}).items():
            if takes_party(child):
                found.add((name, sub))
    assert found == {path for path, _kind in parties.PLACES} | {("recipients", "[]")}


def test_the_parties_schema_reuses_the_notice_schemas_definition_of_each_kind() -> None:
    notice = json.loads(PROJECT.schema.read_text(encoding="utf-8"))
    shared = json.loads(PARTIES_SCHEMA.read_text(encoding="utf-8"))
    kinds = {name: node for name, node in shared["properties"].items() if name != "seloste"}
    assert list(kinds) == [kind.key for kind in parties.KINDS]
    places = {kind.key: path for path, kind in parties.PLACES}
    for key, node in kinds.items():
        definition = node["additionalProperties"]["$ref"]
        if key in places:  # what the notice's field takes when written out
            field = notice["properties"][places[key][0]]
            field = field["properties"][places[key][1]] if len(places[key]) > 1 else field
            assert definition == "schema.json" + field["else"]["$ref"], key
    recipient = shared["$defs"]["recipient"]["properties"]
    assert set(recipient) - {"transfers"} == set(notice["$defs"]["recipient"]["properties"]) - {"id"}
    transfer = shared["$defs"]["transfer"]["properties"]
    assert set(transfer) == set(notice["properties"]["transfers"]["items"]["properties"]) - {"recipient"}
    assert json.dumps(shared).count('"$ref": "schema.json#') >= 14  # the definitions are the notice's, not copies


def test_the_parties_file_is_in_the_format_reference() -> None:
    from generator.notice.reference import fields

    notice = json.loads(PROJECT.schema.read_text(encoding="utf-8"))
    found = {f.path: f for f in fields(json.loads(PARTIES_SCHEMA.read_text(encoding="utf-8")), {"schema.json": notice})}
    assert found["recipients.<id>.transfers[].safeguard"].title == "Safeguard (Art. 45, 46, 47 or 49)"
    assert (
        found["controllers.<id>.name"].required and found["controllers.<id>.address"].takes == "text in each language"
    )
    text = (PROJECT.root / "docs" / "format.md").read_text(encoding="utf-8")
    assert "## `supervisory_authorities.<id>.email`" in text


@pytest.mark.slow
def test_the_editor_checks_the_parties_file_against_its_schema(tmp_path: Path) -> None:
    """yaml-language-server follows the parties schema's references into schema.json beside it."""
    from language_server import LanguageServer

    root = company(tmp_path)
    shared = root / "policy" / "parties.yaml"
    broken = root / "policy" / "broken.yaml"
    broken.write_text(
        shared.read_text(encoding="utf-8")
        .replace("  hosting:\n", "  Hosting_1:\n")
        .replace("    kind: person\n", "    kind: persn\n"),
        encoding="utf-8",
    )
    opened = [shared, broken, *sorted((root / "policy" / "notices").glob("*/notice.yaml"))]
    with LanguageServer(root) as server:
        shown = server.check(*opened)
        hover = server.hover(shared, line_of(shared, "    business_id:") - 1, 6)
    assert {path: found for path, found in shown.items() if found} == {broken: shown[broken]}
    flagged = sorted(d["range"]["start"]["line"] + 1 for d in shown[broken])
    with pytest.raises(NoticeError) as caught:
        parties.read_parties(broken, PROJECT.schema)
    assert flagged == sorted(f.position.line for f in caught.value.findings)
    assert "#### Business ID (Y-tunnus)" in hover
