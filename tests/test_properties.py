"""Random edits of a valid notice never crash the reader or the checker.

Whatever an editor does to the file (delete a key, give a value the wrong
type, type odd characters, save half of it), reading and checking it either
succeeds or raises NoticeError with findings: nothing else, ever.
"""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator import report
from generator.findings import Finding, NoticeError
from generator.notice.read import read_notice_text
from generator.notice.rules import Context, run_rules
from support import PROJECT

NAME = "notice.yaml"

VALID = """\
seloste: 2
controller:
  name: Esimerkki Oy
  business_id: "1234567-1"
  address: {fi: "Esimerkkikatu 1, 00100 Helsinki", sv: "Exempelgatan 1, 00100 Helsingfors", en: "Esimerkkikatu 1, FI-00100 Helsinki"}
  email: tietosuoja@esimerkki.fi
data_protection_officer: {appointed: false}
data_subjects:
  - id: customers
    name: {fi: Asiakkaat, sv: Kunder, en: Customers}
data_categories:
  - id: contact
    name: {fi: Yhteystiedot, sv: Kontaktuppgifter, en: Contact details}
    data_subjects: [customers]
sources:
  - id: subject
    name: {fi: Rekisteröity itse, sv: Den registrerade själv, en: The data subject}
    publicly_available: false
recipients:
  - id: crm
    name: {fi: Asiakkuudenhallinta, sv: Kundhantering, en: Customer management}
    role: processor
    country: US
transfers_outside_eea: true
transfers:
  - country: US
    recipient: crm
    safeguard: standard_data_protection_clauses
    copy: {fi: "Pyydä kopio [meiltä](mailto:tietosuoja@esimerkki.fi).", sv: Begär en kopia av oss., en: Ask us for a copy.}
purposes:
  - id: orders
    name: {fi: Tilausten käsittely, sv: Hantering av beställningar, en: Handling orders}
    legal_bases:
      - {basis: contract, covers: {fi: Tilaukset., sv: Beställningar., en: Orders.}}
      - alternatives: [consent, legitimate_interests]
        covers: {fi: Uutiskirje., sv: Nyhetsbrev., en: Newsletter.}
    consent_withdrawal: {fi: Uutiskirjeen linkistä., sv: Via länken i nyhetsbrevet., en: Through the link in the newsletter.}
    legitimate_interest: {fi: Asiakassuhteen hoitaminen., sv: Att sköta kundrelationen., en: Managing the customer relationship.}
    data_subjects: [customers]
    data_categories: [contact]
    sources: [subject]
    recipients: [crm]
    retention: [{period: P6Y}]
requirement: {fi: Tiedot ovat sopimuksen edellytys., sv: Uppgifterna är ett villkor för avtalet., en: The data is required.}
automated_decisions: {exists: false}
cookies:
  - name: _ga
    provider: Google Analytics
    party: third
    purpose: {fi: Kävijätilastot., sv: Besöksstatistik., en: Visitor statistics.}
    category: analytics
    duration: P2Y
rights:
  granted: [access, rectification, erasure, restriction, objection, portability, withdraw_consent, complaint]
  contact: {email: tietosuoja@esimerkki.fi}
revision:
  effective: "2026-01-01"
  summary: {fi: Ensimmäinen versio., sv: Första versionen., en: First version.}
"""

BASE_NOTICE, BASE_DOC = read_notice_text(VALID, NAME, PROJECT.schema)
ODD = [
    "\t",
    "\0",
    "\x07",
    "\ufeff",
    "\u2028",
    "\x85",
    "\r",
    "\ud800",
    "&a ",
    "*a",
    "!!python/object:os.system ",
    "{",
    "}",
    "[",
    "]",
    "'",
    '"',
    ": ",
    "- ",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "|",
    ">",
    "?",
    "@",
    "`",
    "\\",
    "\n  ",
    "\n",
    "ä",
    "😀",
    "<script>",
    "[x](javascript:alert(1))",
    "~",
    "null",
    "1e400",
    "-.inf",
    "0x1F",
]


def read_and_check(text: str) -> list[Finding]:
    """Everything `check` does after reading the file; only NoticeError may escape."""
    try:
        notice, doc = read_notice_text(text, NAME, PROJECT.schema)
    except NoticeError as exc:
        findings = list(exc.findings)
        assert findings and all(f.level == "error" and f.position.path == NAME and f.message for f in findings)
    else:
        findings = run_rules(Context(notice, doc, BASE_NOTICE))
    for finding in findings:
        assert "\n" not in report.github(finding)
    json.dumps([report.as_dict(f) for f in findings])
    return findings


def test_the_valid_notice_is_clean() -> None:
    assert read_and_check(VALID) == []


# --- Edits of the text -------------------------------------------------------------------------

LINES = VALID.splitlines(keepends=True)


@st.composite
def text_edits(draw: st.DrawFn) -> str:
    text = VALID
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["delete line", "insert", "truncate", "replace char", "duplicate line", "indent"]))
        lines = text.splitlines(keepends=True) or [""]
        index = draw(st.integers(0, len(lines) - 1))
        where = draw(st.integers(0, len(text)))
        if kind == "delete line":
            del lines[index]
            text = "".join(lines)
        elif kind == "duplicate line":
            lines.insert(index, lines[index])
            text = "".join(lines)
        elif kind == "indent":
            lines[index] = draw(st.sampled_from([" ", "  ", "\t", "    "])) + lines[index]
            text = "".join(lines)
        elif kind == "insert":
            odd = draw(st.one_of(st.sampled_from(ODD), st.text(max_size=5)))
            text = text[:where] + odd + text[where:]
        elif kind == "truncate":
            text = text[:where]
        else:
            text = text[:where] + draw(st.characters()) + text[where + 1 :]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_edits())
def test_text_edits_never_crash(text: str) -> None:
    read_and_check(text)


# --- Edits of the data -------------------------------------------------------------------------

values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(
        [
            "",
            " ",
            "P6Y",
            "US",
            "us",
            "2026-02-30",
            "session",
            "consent",
            "customers",
            "a@b.fi",
            "https://x.fi",
            "http://x",
            "javascript:x",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["fi", "sv", "en", "id", "name", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, path + (index,))
    return found


def _dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.sort_base_mapping_type_on_output = False  # before the representer is made
    yaml.representer.ignore_aliases = lambda *_: True
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    return buffer.getvalue()


ALL_PATHS = _paths(BASE_DOC.data)[1:]


@st.composite
def data_edits(draw: st.DrawFn) -> str:
    data = json.loads(json.dumps(BASE_DOC.data))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(ALL_PATHS))
        parent: Any = data
        try:
            for part in path[:-1]:
                parent = parent[part]
            parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced it
        kind = draw(st.sampled_from(["delete", "retype", "duplicate item"]))
        if kind == "delete":
            del parent[path[-1]]
        elif kind == "duplicate item" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
        else:
            parent[path[-1]] = draw(values)
    return _dump(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data_edits())
def test_data_edits_never_crash(text: str) -> None:
    read_and_check(text)
