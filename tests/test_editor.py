"""The editor flags what `check` flags: the real YAML language server, driven over LSP, on broken notices.

VS Code's YAML extension runs yaml-language-server with the schema the notice's
first line names. The server checks only the formats JSON Schema defines, so
the schema gives it a `pattern` or an `enum` beside each of Seloste's own
formats; these tests open each broken notice in the server and run `check` on
the same file, and the lines must be the same.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from language_server import LanguageServer

from generator.environment import build_date
from generator.notice import formats
from generator.project import Project
from generator.record.inspection import inspect
from generator.report import as_dict
from support import MULTI_VERSIONS, PROJECT, REPO, make_project, release, run

MODELINE = "# yaml-language-server: $schema=./schema.json"
VALID = MODELINE + "\n" + MULTI_VERSIONS[1].read_text(encoding="utf-8").split("\n", 1)[1]

BROKEN = {  # name: (text as found in the valid notice, the mistake)
    "country-uk": ("    country: US\n", "    country: UK\n"),
    "duration-without-p": ("retention: [{period: P18M}]", "retention: [{period: 6Y}]"),
    "duration-without-unit": ("retention: [{period: P18M}]", "retention: [{period: P2Y6}]"),
    "http-address": ("  website: https://esimerkki.fi\n", "  website: http://esimerkki.fi\n"),
    "email": ("  email: tietosuoja@esimerkki.fi\n", "  email: tietosuoja(at)esimerkki.fi\n"),
    "unknown-key": ("  business_id:", "  busines_id:"),
    "missing-required": (
        "  - id: mailer\n    name: {fi: Sähköpostipalvelu, sv: E-posttjänst, en: E-mail service}\n",
        "  - id: mailer\n",
    ),
    "bad-date": ('effective: "2026-03-01"', 'effective: "1.3.2026"'),
    "bad-id": ("  - id: orders\n", "  - id: Orders_2026\n"),
}

SYNTAX = {  # name: (text as found in the valid notice, the mistake, the line both must name, and whether the column too)
    "empty-mapping": (
        "data_protection_officer:\n  appointed: false\n",
        "data_protection_officer:\n",
        "data_protection_officer:",
        True,
    ),
    "empty-text": ("  email: tietosuoja@esimerkki.fi\n", "  email:\n", "  email:", True),
    "empty-text-spaces-comment": (
        "  email: tietosuoja@esimerkki.fi\n",
        "  email:   # to do\n\n",
        "  email:   # to do",
        True,
    ),
    "unclosed-double-quote": (
        '  business_id: "1234567-1"\n',
        '  business_id: "1234567-1\n',
        '  business_id: "1234567-1',
        False,
    ),
    "over-indented-key": (
        "  email: tietosuoja@esimerkki.fi\n",
        "   email: tietosuoja@esimerkki.fi\n",
        "   email: tietosuoja@esimerkki.fi",
        False,
    ),
    "under-indented-key": (
        "  website: https://esimerkki.fi\n",
        " website: https://esimerkki.fi\n",
        " website: https://esimerkki.fi",
        False,
    ),
    "under-indented-item": (
        "data_subjects:\n  - id: customers\n",
        "data_subjects:\n - id: customers\n",
        " - id: customers",
        True,
    ),
    "over-indented-key-in-item": (
        "    role: processor\n    country: FI\n",
        "    role: processor\n      country: FI\n",
        "    role: processor",
        True,
    ),
    "over-indented-item": ("  - id: crm\n", "   - id: crm\n", "   - id: crm", True),
    "unclosed-bracket": (
        "    legal_bases: [{basis: contract}]\n",
        "    legal_bases: [{basis: contract}\n",
        "    data_subjects: [customers]",
        True,
    ),  # found on the next line, as the editor finds it
    "unclosed-brace": (
        "    name: {fi: Asiakkaat, sv: Kunder, en: Customers}\n",
        "    name: {fi: Asiakkaat, sv: Kunder, en: Customers\n",
        "data_categories:",
        False,
    ),
    "tab-indentation": (
        "  email: tietosuoja@esimerkki.fi\n",
        "\temail: tietosuoja@esimerkki.fi\n",
        "\temail: tietosuoja@esimerkki.fi",
        True,
    ),
    "duplicate-key": (
        "  email: tietosuoja@esimerkki.fi\n",
        "  email: tietosuoja@esimerkki.fi\n  email: x@esimerkki.fi\n",
        "  email: x@esimerkki.fi",
        True,
    ),
    "key-without-colon": (
        "  email: tietosuoja@esimerkki.fi\n",
        "  email tietosuoja@esimerkki.fi\n",
        "  email tietosuoja@esimerkki.fi",
        True,
    ),
}
"""Mistakes of YAML itself, where the parser finds out lines later than the mistake: `check` names the line the
editor marks (its first diagnostic, the parser's), which is the line of the mistake."""

QUOTE_IN_BRACES = (
    "    name: {fi: Asiakkaat, sv: Kunder, en: Customers}\n",
    "    name: {fi: 'Asiakkaat, sv: Kunder, en: Customers}\n",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    """A project whose policy/ holds the schema and one notice per mistake, as the editor would open them."""
    root = make_project(tmp_path_factory.mktemp("editor"))
    cases = {name: (right, wrong) for name, (right, wrong, *_) in SYNTAX.items()} | BROKEN
    cases["unclosed-quote-in-braces"] = QUOTE_IN_BRACES
    for name, (right, wrong) in cases.items():
        assert VALID.count(right) == 1, name
        (root / "policy" / f"{name}.yaml").write_text(VALID.replace(right, wrong), encoding="utf-8")
    (root / "policy" / "valid.yaml").write_text(VALID, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def editor(workspace: Path) -> dict[str, list[dict]]:
    """What the server says about every notice of the workspace, by name."""
    paths = sorted((workspace / "policy").glob("*.yaml"))
    with LanguageServer(workspace) as server:
        found = server.check(*paths)
    return {path.stem: diagnostics for path, diagnostics in found.items()}


def check_errors(root: Path, name: str) -> list[dict]:
    """The errors `check` reports for one notice of the workspace, as `check --format json` gives them."""
    findings = inspect(Project.at(root), root / "policy" / f"{name}.yaml", today=build_date()).findings
    return [as_dict(f) for f in findings if f.level == "error"]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_the_editor_flags_each_mistake_on_the_line_check_reports(workspace: Path, editor, name: str) -> None:
    errors = check_errors(workspace, name)
    assert errors, f"check finds nothing wrong in {name}"
    shown = editor[name]
    assert shown, f"the editor shows nothing wrong in {name}"
    assert sorted({d["range"]["start"]["line"] + 1 for d in shown}) == sorted({e["line"] for e in errors})
    assert len(shown) == len(errors), (shown, errors)  # one message each, in both


@pytest.mark.parametrize("name", sorted(SYNTAX))
def test_check_names_the_line_the_editor_marks_for_a_yaml_mistake(workspace: Path, editor, name: str) -> None:
    _, _, marked, column_too = SYNTAX[name]
    lines = (workspace / "policy" / f"{name}.yaml").read_text(encoding="utf-8").split("\n")
    # strict=False: an edited text may have more lines than the valid one
    changed = next(i for i, (old, new) in enumerate(zip(VALID.split("\n"), lines, strict=False)) if old != new)
    line = lines.index(marked, changed - 1) + 1  # the line before the change (an emptied value), or a line from it
    (error,) = check_errors(workspace, name)
    first = editor[name][0]["range"]["start"]
    assert (error["line"], first["line"] + 1) == (line, line), (error, editor[name][0])
    if column_too:
        assert error["column"] == first["character"] + 1, (error, editor[name][0])


def test_an_unclosed_quote_inside_braces_is_named_where_it_opens(workspace: Path, editor) -> None:
    """The one place the two differ: inside { } the editor reads an unclosed quote to the end of the file and
    marks the end there ("Missing closing 'quote"); check names the line and column of the quote itself."""
    lines = (workspace / "policy" / "unclosed-quote-in-braces.yaml").read_text(encoding="utf-8").split("\n")
    (error,) = check_errors(workspace, "unclosed-quote-in-braces")
    assert (error["line"], error["column"]) == (lines.index(QUOTE_IN_BRACES[1].rstrip("\n")) + 1, 16)
    assert "quoted text is never closed" in error["message"]
    assert editor["unclosed-quote-in-braces"][0]["message"] == "Missing closing 'quote"
    assert editor["unclosed-quote-in-braces"][0]["range"]["start"]["line"] + 1 == len(lines)


@pytest.mark.parametrize(
    "name, words",
    [
        ("country-uk", "the United Kingdom is GB"),
        ("duration-without-p", "ISO 8601 duration"),
        ("duration-without-unit", "ISO 8601 duration"),
        ("http-address", "http: address is not accepted"),
        ("email", "name@example.fi"),
        ("bad-date", "YYYY-MM-DD"),
        ("bad-id", "lower-case letters"),
    ],
)
def test_the_editor_says_what_to_write(editor, name: str, words: str) -> None:
    assert [d["message"] for d in editor[name] if words in d["message"]], editor[name]


def test_check_says_each_mistake_once_and_suggests_gb_for_uk(workspace: Path) -> None:
    errors = check_errors(workspace, "country-uk")
    assert [e["message"] for e in errors] == [
        "recipients[crm].country: 'UK' is not the ISO 3166-1 alpha-2 code of a country (two capital letters, "
        "such as FI, SE or US); did you mean 'GB'?",
    ]


def test_a_valid_notice_and_entracks_show_nothing_in_the_editor(editor) -> None:
    assert editor["valid"] == []
    with LanguageServer(REPO) as server:
        assert server.check(PROJECT.notice) == {PROJECT.notice: []}


HOVERS = {  # a line of the valid notice, where on it to hover, and what the hover must say
    "controller:": (0, ["#### Controller (Art. 13(1)(a), 14(1)(a))"]),
    "  appointed: false": (3, ["#### Officer appointed"]),
    "  website: https://esimerkki.fi": (12, ["#### Controller's website"]),
    "    country: US": (13, ["#### Country of processing"]),
    "  - id: mailer": (5, ["#### Id of the recipient"]),
    "    role: processor": (
        12,
        [
            "#### Role",
            "`processor`: **Processor** (henkilötietojen käsittelijä",
            "`joint_controller`: **Joint controller**",
        ],
    ),
    "    safeguard: standard_data_protection_clauses": (
        15,
        ["#### Safeguard (Art. 45, 46, 47 or 49)", "`derogation`: **Derogation** (Art. 49)"],
    ),
    "    legal_bases: [{basis: contract}]": (27, ["#### Legal basis", "`consent`: **Consent** (Art. 6(1)(a))"]),
}


def test_hovering_a_field_shows_its_own_title_and_each_value_its_own_description(workspace: Path) -> None:
    notice = workspace / "policy" / "valid.yaml"
    lines = notice.read_text(encoding="utf-8").splitlines()
    with LanguageServer(workspace) as server:
        server.check(notice)
        for line, (column, words) in HOVERS.items():
            shown = server.hover(notice, lines.index(line), column)
            assert "Seloste privacy notice" not in shown, (line, shown)
            assert all(word in shown for word in words), (line, shown)


def test_completion_offers_no_stray_item(workspace: Path) -> None:
    """An object the schema leaves untitled was offered as `object(Seloste privacy notice)`, the nearest title
    above it (yaml-language-server's getSchemaTypeName): a new list item is now offered by its own title."""
    notice = workspace / "policy" / "completion.yaml"
    lines = VALID.split("\n")
    at = lines.index("purposes:") + 1
    text = "\n".join(lines[:at] + ["  - "] + lines[at:])
    notice.write_text(text, encoding="utf-8")
    with LanguageServer(workspace) as server:
        server.check(notice)
        offered = {item["label"] for item in server.complete(notice, at, 4)}
        server.change(notice, "\n".join(lines[:3] + [""] + lines[3:]), 2)
        offered |= {item["label"] for item in server.complete(notice, 3, 0)}
    assert {"Purpose of processing", "legal_bases", "retention", "languages", "notes"} <= offered
    assert [label for label in offered if "Seloste" in label or label.startswith("object")] == []


def test_the_schemas_country_codes_are_the_countries_check_accepts() -> None:
    schema = json.loads(PROJECT.schema.read_text(encoding="utf-8"))
    assert schema["$defs"]["country"]["enum"] == sorted(formats.countries())
    assert "UK" not in formats.countries() and "EU" not in formats.countries() and "GB" in formats.countries()


SAMPLES = {  # format: (values check accepts, values check refuses), tried in the editor's own regex engine
    "duration": (
        ["P6Y", "P18M", "P2W", "P30D", "PT12H", "P1Y6M", "PT30M", "P1DT2H", "P120Y", "P1440M", "P0Y6M"],
        [
            "6Y",
            "P2Y6",
            "P",
            "PT",
            "P6Y\n",
            "p6y",
            "P1.5Y",
            "P" + "9" * 10 + "Y",
            "P0D",
            "PT0S",
            "P0Y0M",
            "P121Y",
            "P1000Y",
            "P999999999Y",
            "P1441M",
            "P43831D",
        ],
    ),  # nothing, or more than 120 years
    "url": (
        [
            "https://esimerkki.fi",
            "https://tietosuoja.fi/sv",
            "https://a.example.com:8443/x?y=1#z",
            "https://jyväskylä.fi/tietosuoja",
        ],
        [
            "http://esimerkki.fi",
            "https://",
            "https://localhost",
            "https://a.fi/with space",
            "ftp://a.fi",
            "javascript:alert(1)",
            "https://a.fi\n",
        ],
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_editor_pattern_agrees_with_checks_format(name: str) -> None:
    """The pattern is the editor's copy of the format: run in Node.js as the server runs it (flag u)."""
    definition = json.loads(PROJECT.schema.read_text(encoding="utf-8"))["$defs"][name]
    good, bad = SAMPLES[name]
    check = {"duration": formats.is_duration, "url": formats.is_https_url}[name]
    assert [v for v in good if not check(v)] == [] and [v for v in bad if check(v)] == []
    script = (
        "const [p, values] = JSON.parse(process.argv[1]); "
        "console.log(JSON.stringify(values.map(v => new RegExp(p, 'u').test(v))))"
    )
    answer = subprocess.run(
        ["node", "-e", script, json.dumps([definition["pattern"], good + bad])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(answer.stdout) == [True] * len(good) + [False] * len(bad)


@pytest.mark.slow
def test_a_released_notice_points_the_editor_at_the_schema_frozen_beside_it(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    release(root, MULTI_VERSIONS[0])  # its first line points at ../../../policy/schema.json, from tests/fixtures/multi/
    folder = next(path for path in (root / "policy" / "releases").iterdir() if path.is_dir())
    source = (folder / "notice.yaml").read_text(encoding="utf-8")
    assert source.splitlines()[0] == MODELINE
    assert source.split("\n", 1)[1] == MULTI_VERSIONS[0].read_text(encoding="utf-8").split("\n", 1)[1]
    assert (folder / "schema.json").read_bytes() == (root / "policy" / "schema.json").read_bytes()
    lock = json.loads((root / "policy" / "releases" / "releases.lock").read_text(encoding="utf-8"))
    assert "schema.json" in lock["releases"][0]["files"]
    with LanguageServer(root) as server:
        assert server.check(folder / "notice.yaml") == {folder / "notice.yaml": []}
    # The frozen schema is part of the release: an edit to it is caught like any released file.
    (folder / "schema.json").write_text("{}", encoding="utf-8")
    result = run(root, "check", "--lang", "en")
    assert result.returncode == 1 and re.search(
        r"release [0-9-]+: schema.json was edited", result.stdout + result.stderr
    )


def test_the_repository_recommends_the_yaml_extension_and_keeps_releases_read_only() -> None:
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended  # the extension that runs yaml-language-server
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.validate"] is True and settings["yaml.schemaStore.enable"] is False  # no other host asked
    assert settings["files.readonlyInclude"] == {"policy/releases/**": True}


def annotated(schema: dict, where: str = "") -> Iterator[tuple[str, dict]]:
    """Every subschema an editor names: each property (in $defs too), each $defs entry, each list's items,
    and each typed alternative of an anyOf or oneOf."""
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            path = f"{where}.{name}" if key == "properties" else f"$defs.{name}"
            yield path, sub
            yield from annotated(sub, path)
    items = schema.get("items")
    if isinstance(items, dict):
        if "$ref" not in items:
            yield f"{where}[]", items
        yield from annotated(items, f"{where}[]")
    for key in ("anyOf", "oneOf"):
        for number, sub in enumerate(schema.get(key, [])):
            if "type" in sub:
                yield f"{where}|{number}", sub
            yield from annotated(sub, f"{where}|{number}")


def test_every_field_has_its_own_title_and_description() -> None:
    schema = json.loads(PROJECT.schema.read_text(encoding="utf-8"))
    found = list(annotated(schema))
    assert len(found) > 150  # the controller, officer and recipient are defined under $defs, a shared party's too
    assert [where for where, sub in found if not sub.get("title") or not sub.get("description")] == []


def test_the_adequacy_lists_schema_titles_and_describes_every_field_too() -> None:
    """The list of the Commission's decisions is edited by hand too (generator/notice/data/adequacy.json)."""
    schema = json.loads((REPO / "generator" / "notice" / "data" / "adequacy.schema.json").read_text(encoding="utf-8"))
    found = list(annotated(schema))
    assert len(found) >= 17
    assert [where for where, sub in found if not sub.get("title") or not sub.get("description")] == []


def enums(schema: object, where: str = "") -> Iterator[tuple[str, dict]]:
    if isinstance(schema, dict):
        if "enum" in schema:
            yield where, schema
        for key, value in schema.items():
            yield from enums(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for number, value in enumerate(schema):
            yield from enums(value, f"{where}[{number}]")


def test_every_value_of_a_list_of_choices_has_its_own_description() -> None:
    """VS Code shows `markdownEnumDescriptions` (`enumDescriptions` elsewhere) beside each value, in the
    completion list and on hover."""
    schema = json.loads(PROJECT.schema.read_text(encoding="utf-8"))
    found = dict(enums(schema))
    assert len(found) >= 14
    for where, sub in found.items():
        plain, markdown = sub.get("enumDescriptions", []), sub.get("markdownEnumDescriptions", [])
        assert len(plain) == len(markdown) == len(sub["enum"]), where
        assert all(plain) and len(set(plain)) == len(plain), where
        assert [text.replace("**", "") for text in markdown] == plain, where
    countries = schema["$defs"]["country"]
    assert dict(zip(countries["enum"], countries["enumDescriptions"], strict=True))["GB"] == "United Kingdom"


FIRST_RELEASE = REPO / "policy" / "releases" / "2026-11-25"
"""Made before a release kept its schema beside its source: its first line points at a schema.json it lacks,
and the folder never changes (the lock records it). It is in format 1, whose schema is kept in the package."""
FORMAT_1 = REPO / "generator" / "notice" / "data" / "schema-1.json"


@pytest.mark.slow
def test_no_workspace_setting_opens_the_first_release_without_the_missing_schemas_error(tmp_path: Path) -> None:
    """The modeline wins over every mapping: yaml-language-server's getSchemaForResource
    (out/server/src/languageservice/services/yamlSchemaService.js) returns the modeline's schema before it
    looks at yaml.schemas or any other association, and reads a file: schema from the disk only
    (schemaRequestHandler.js). So a mapping of the repository's schema to the file, or of the missing path
    itself, changes nothing; the README says what the editor shows there. Should a server ever let a mapping
    win, this fails: then map FORMAT_1 to the file in .vscode/settings.json (the mapping works: the file's
    text without its first line opens clean with it)."""
    notice = FIRST_RELEASE / "notice.yaml"
    assert notice.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert not (FIRST_RELEASE / "schema.json").exists()
    missing = f"Unable to load schema from '{FIRST_RELEASE / 'schema.json'}': No content."
    mappings = [
        {},
        {"yaml.schemas": {str(FORMAT_1): ["policy/releases/2026-11-25/notice.yaml"]}},
        {"yaml.schemas": {(FIRST_RELEASE / "schema.json").as_uri(): ["**/2026-11-25/notice.yaml"]}},
    ]
    for settings in mappings:
        with LanguageServer(REPO, settings=settings) as server:
            shown = server.check(notice)[notice]
        assert [d["message"] for d in shown] == [missing], settings
    # The mapping itself works on a file without a modeline: the same text, first line dropped, opens clean,
    # and a field format 1 does not know is flagged.
    text = notice.read_text(encoding="utf-8").split("\n", 1)[1]
    (tmp_path / "clean.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "unknown.yaml").write_text(text + "unknown_field: 1\n", encoding="utf-8")
    with LanguageServer(tmp_path, settings={"yaml.schemas": {str(FORMAT_1): ["*.yaml"]}}) as server:
        shown = server.check(tmp_path / "clean.yaml", tmp_path / "unknown.yaml")
    assert shown[tmp_path / "clean.yaml"] == []
    assert [d["message"] for d in shown[tmp_path / "unknown.yaml"]] == ["Property unknown_field is not allowed."]


@pytest.mark.slow
def test_every_later_release_opens_clean_in_the_editor() -> None:
    later = sorted(
        path / "notice.yaml"
        for path in (REPO / "policy" / "releases").iterdir()
        if path.is_dir() and path != FIRST_RELEASE
    )
    assert later
    with LanguageServer(REPO) as server:
        assert server.check(*later) == {path: [] for path in later}
