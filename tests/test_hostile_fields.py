"""Every string field of the schema is data on every output, whatever an attacker writes in it.

The fields come from policy/schema.json, not from a list kept by hand: a field
added to the schema is attacked here from the day it exists. Hostile strings
(markup, every URL scheme, Markdown, table and attr_list syntax, entities,
Jinja and snippet syntax, bidi characters, very long words) go into every
field; the property is "refused by `check` with a finding at that field, or
rendered as inert data" (a link to anything but https: or mailto:, a control
character: refused; the rest must be inert):

- the built pages contain no element, attribute, URL scheme or requested host
  that the templates do not make themselves for a benign notice;
- every feed and sitemap is well-formed XML and every JSON file parses.

The site is built for real (release, then `python -m generator build`), with
the hostile notice as the second release, so its text also reaches the diff
page, the changelog and the feed. A few examples with many hostile strings
each keep it within `make test`; shrinking is off (each try is a build).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.dom.minidom
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.notice.migrate import upgrade
from support import REPO, make_project, run

SCHEMA = json.loads((REPO / "policy" / "schema.json").read_text(encoding="utf-8"))

# --- The fields, from the schema -----------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """A string in the notice: its path ('*' for every item of a list) and its schema."""

    path: tuple[str, ...]
    schema: dict[str, Any] = field(compare=False, hash=False)

    @property
    def free(self) -> bool:
        """Free text: any string is valid, so a hostile one must be rendered inert."""
        return not ({"pattern", "format", "const", "enum"} & self.schema.keys())

    @property
    def max_length(self) -> int:
        return int(self.schema.get("maxLength", 20000))

    def __str__(self) -> str:
        return ".".join(self.path)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The definition a node refers to; for a field that may name a shared party, the value written out."""
    while "$ref" in node or "else" in node:
        node = node["else"] if "else" in node else SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def string_fields(node: dict[str, Any] = SCHEMA, path: tuple[str, ...] = ()) -> Iterator[Field]:
    node = _resolve(node)
    for option in node.get("anyOf", []):
        option = _resolve(option)
        if option.get("type") == "string":
            yield Field(path, option)
            return
    kind = node.get("type")
    if kind == "string":
        yield Field(path, node)
    elif kind == "object":
        for name, child in node.get("properties", {}).items():
            yield from string_fields(child, path + (name,))
    elif kind == "array":
        yield from string_fields(node["items"], path + ("*",))


FIELDS = list(string_fields())
FREE = [f for f in FIELDS if f.free]
CONSTRAINED = [f for f in FIELDS if not f.free]


def _nodes(data: Any, path: tuple[str, ...]) -> Iterator[tuple[Any, str | int]]:
    """(parent, key) of every value at `path` in `data`."""
    head, rest = path[0], path[1:]
    keys = range(len(data)) if head == "*" and isinstance(data, list) else [head]
    for key in keys:
        if isinstance(data, dict) and key not in data:
            continue
        if rest:
            yield from _nodes(data[key], rest)
        else:
            yield data, key


def put(data: Any, where: Field, value: str) -> None:
    for parent, key in _nodes(data, where.path):
        parent[key] = value


# --- A benign notice with every field --------------------------------------------------------------


def _text(word: str) -> dict[str, str]:
    return {"fi": f"{word} fi.", "sv": f"{word} sv.", "en": f"{word} en."}


def _contact(word: str) -> dict[str, Any]:
    return {
        "name": _text(word),
        "email": f"{word}@esimerkki.fi",
        "phone": "+358 9 123 4567",
        "address": _text(f"{word} address"),
        "website": f"https://{word}.esimerkki.fi",
    }


BENIGN: dict[str, Any] = {
    "seloste": 1,
    "controller": {
        "name": "Esimerkki Oy",
        "business_id": "1234567-1",
        "address": _text("Address"),
        "email": "tietosuoja@esimerkki.fi",
        "phone": "+358 9 123 4567",
        "website": "https://esimerkki.fi",
    },
    "representative": _contact("representative"),
    "data_protection_officer": {
        "appointed": True,
        "name": "Tietosuoja Oy",
        "email": "dpo@esimerkki.fi",
        "phone": "+358 9 765 4321",
        "address": _text("DPO address"),
    },
    "audience": _text("Audience"),
    "introduction": _text("Introduction"),
    "notes": {name: _text(f"Note on {name}") for name in SCHEMA["properties"]["notes"]["properties"]},
    "data_subjects": [{"id": "customers", "name": _text("Customers")}],
    "data_categories": [{"id": "contact", "name": _text("Contact"), "data_subjects": ["customers"], "special": False}],
    "sources": [
        {
            "id": "subject",
            "name": _text("Subject"),
            "description": _text("Source description"),
            "publicly_available": False,
        }
    ],
    "recipients": [
        {
            "id": "crm",
            "name": _text("CRM"),
            "role": "processor",
            "description": _text("Recipient description"),
            "country": "US",
        }
    ],
    "transfers_outside_eea": True,
    "transfers": [
        {"country": "US", "recipient": "crm", "safeguard": "standard_data_protection_clauses", "copy": _text("Copy")}
    ],
    "purposes": [
        {
            "id": "orders",
            "name": _text("Orders"),
            "description": _text("Purpose description"),
            "legal_bases": ["contract", "legitimate_interests"],
            "legitimate_interest": _text("Interest"),
            "data_subjects": ["customers"],
            "data_categories": ["contact"],
            "sources": ["subject"],
            "recipients": ["crm"],
            "retention": {"period": "P6Y", "criterion": _text("Criterion")},
        }
    ],
    "requirement": _text("Requirement"),
    "automated_decisions": {"exists": True, "description": _text("Automated")},
    "security_measures": [_text("Measure")],
    "cookies": [
        {
            "name": "_ga",
            "provider": "Analytics Oy",
            "party": "third",
            "purpose": _text("Cookie purpose"),
            "category": "analytics",
            "duration": "P2Y",
        }
    ],
    "website_services": [{"name": "Map Oy", "description": _text("Service"), "terms": "https://map.esimerkki.fi"}],
    "rights": {
        "granted": [
            "access",
            "rectification",
            "erasure",
            "restriction",
            "objection",
            "portability",
            "withdraw_consent",
            "complaint",
        ],
        "contact": _contact("rights"),
        "identity_check": True,
        "supervisory_authority": _contact("authority"),
    },
    "prevailing_language": "fi",
    "revision": {"effective": "2026-01-01", "summary": _text("First version")},
}


upgrade(BENIGN)  # written in format 1, read in the current one: the test follows the format
BENIGN["data_protection_officer"]["website"] = "https://dpo.esimerkki.fi"
BENIGN["recipients"][0]["role"] = "controller"  # a processor cannot be the one who decides
BENIGN["sources"][0]["data"] = ["contact"]
BENIGN["revision"]["urgent"] = _text("Required by law from this date")
BENIGN["purposes"][0].update(
    {
        "legal_bases": [
            {"basis": "contract", "covers": _text("Orders")},
            {"basis": "legitimate_interests", "covers": _text("Follow-up")},
        ],
        "retention": [
            {
                "data": ["contact"],
                "period": "P6Y",
                "criterion": _text("Criterion"),
                "label": _text("Records"),
                "law": _text("Accounting Act 2:10"),
            }
        ],
        "provision": {"required_by": "contract", "consequences": _text("No order")},
        "automated_decision": {
            "decided_by": "crm",
            "logic": _text("Logic"),
            "consequences": _text("Consequences"),
            "human_review": _text("Review"),
        },
        "criminal_data_authority": _text("Act 504/2002"),
        "special_condition_law": _text("Act 759/2004 s. 5"),
        "consent_withdrawal": _text("Withdraw"),
    }
)
BENIGN["sources"][0]["data"] = ["contact"]
BENIGN["transfers"].append(
    {
        "country": "IN",
        "safeguard": "derogation",
        "derogation": "compelling_legitimate_interests",
        "copy": _text("Safeguards"),
    }
)


def notice_yaml(data: dict[str, Any]) -> str:
    """JSON is YAML; one value a line, non-ASCII as \\u escapes, so any string survives the trip."""
    return json.dumps(data, indent=1, ensure_ascii=True) + "\n"


def second_revision(data: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(data))
    data["revision"]["effective"] = "2026-02-01"
    data["revision"]["summary"] = {lang: f"{text} (2026-02-01)" for lang, text in data["revision"]["summary"].items()}
    return data


def test_the_schema_has_fields_of_every_kind_and_the_benign_notice_fills_them_all() -> None:
    assert len(FIELDS) >= 60 and len(CONSTRAINED) >= 15
    assert {("controller", "name"), ("cookies", "*", "name"), ("security_measures", "*", "en")} <= {
        f.path for f in FREE
    }
    assert [str(f) for f in FIELDS if not list(_nodes(BENIGN, f.path))] == []


# --- Hostile strings ------------------------------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=https://tracker.example/p.gif onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=//evil.example>",
    "</title><script>alert(1)</script>",
    "<!-- x -->",
    "<![CDATA[x]]>",
    "]]>",
    "<style>body{background:url(https://evil.example/s)}</style>",
    '<a href="javascript:alert(1)">x</a>',
    '<div markdown="1">*x*</div>',
    "<details open>x</details>",
]
UNSAFE_LINKS = [
    "[a](javascript:alert)",
    "[a](JaVaScRiPt:alert)",
    "[a](java&#x73;cript:alert)",
    "[a](data:text/html;base64,PHNjcmlwdD4=)",
    "[a](vbscript:msgbox)",
    "[a](http://plain.example/x)",
    "[a](//evil.example/x)",
    "[a](file:///etc/passwd)",
    "[a](ftp://ftp.example/x)",
    "[a](<javascript:alert>)",
    "<javascript:alert>",
]
"""Links to anything but https: and mailto: are errors of `check`, which stop release and build."""
BROKEN_LINKS = ['[a](https://ok.example/"onmouseover=alert)', '[a](https://ok.example "t")', "[a](mailto:a)"]
"""Links whose address is no address (a quote, a space, no e-mail address) are errors of `check` in a text
(link-address); a name holds them as text."""
SCHEMES = BROKEN_LINKS + [
    "[a](https://ok.example/a_b)",
    "[a](mailto:a@ok.example)",
    "<https://auto.example/x>",
    "https://bare.example/x www.bare.example",
    "![.](https://tracker.example/p.gif)",
    "![x](javascript:alert)",
    "[a][r]\n[r]: javascript:alert",
]
ATTR_LIST = [
    "[x](https://ok.example){: onclick=alert }",
    "**b**{: onclick=alert }",
    "`c`{: onclick=alert }",
    "*e*{: onclick=alert }",
    "end of block {: onclick=alert }",
    '{: #id .cls style="color:red" }',
    '[x](mailto:a@ok.example){: style="background:url(https://evil.example/a)" }',
]
MARKDOWN = [
    "| a | b |\n|---|---|\n| c | d |",
    "a | b",
    "# heading",
    "- item",
    "1. item",
    "> quote",
    "***",
    "```\ncode\n```",
    "~~~",
    "*em* _em_ __strong__",
    "==mark== ^^ins^^ ~~del~~",
    "[^1]\n[^1]: note",
    ":material-alert:",
    '--8<-- "mkdocs.yml"',
    "{{ config }}",
    "{% raw %}",
    "$x$",
    "\\",
    "\\[a\\]",
    "a  \nb",
    "    indented code",
    "<https://a.fi>",
    "!!! note\n    admonition",
    "??? x",
    "--- ...",
    "{: }",
    "{#x}",
    "\t|\t",
]
ENTITIES = ["&amp;", "&lt;script&gt;", "&#60;script&#62;", "&#x3C;img src=x&#x3E;", "&nbsp;", "&bogus;", "&"]
BIDI = ["\u200b", "\u2028", "\u00ad", "e\u0301"]
"""Invisible and combining characters a text may hold; the bidirectional controls are REFUSABLE."""
LONG = ["W" * 5000, "https://ok.example/" + "a" * 3000, "&" * 2000 + "<" * 2000]
RENDERABLE = MARKUP + SCHEMES + ATTR_LIST + MARKDOWN + ENTITIES + BIDI + LONG
IN_TEXTS = [
    f for f in RENDERABLE if not re.search(r"(javascript|data|vbscript|file|ftp|http):", f) and f not in BROKEN_LINKS
]
"""What a text may hold and still be published; `check` refuses the rest (a target of another scheme,
in any syntax), which names hold as text."""
REFUSABLE = [
    "\x00",
    "\x07",
    "\x1b[31mred",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\u202egnp.exe",
    "\u2066x\u2069",
    "\u200e\u200f",
    "\u061c",
    "\u202a",
]


@st.composite
def hostile(draw: st.DrawFn, limit: int, single_line: bool, unsafe: bool) -> str:
    """Hostile fragments; `unsafe` links too (where they are not links: in a name)."""
    parts = draw(st.lists(st.sampled_from(RENDERABLE + UNSAFE_LINKS if unsafe else IN_TEXTS), min_size=2, max_size=6))
    text = draw(st.sampled_from([" ", "\n"])).join(parts)
    if single_line:
        text = " ".join(text.split("\n"))
    return text[:limit]


def _text_field(where: Field) -> bool:
    return where.path[-1] in ("fi", "sv", "en")


# --- Reading the built site -----------------------------------------------------------------------

REQUESTING = {
    "src",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "background",
    "manifest",
    "ping",
    "xlink:href",
    "codebase",
    "cite",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "icon",
    "archive",
}


class Surface:
    """What the pages make: elements, attributes, link schemes, requested URLs (scheme, host)."""

    def __init__(self) -> None:
        self.tags: set[tuple[str, str]] = set()
        self.schemes: set[str] = set()
        self.requests: set[tuple[str, str]] = set()
        self.where: dict[Any, str] = {}

    def __repr__(self) -> str:
        return f"Surface({len(self.tags)} element/attribute pairs, schemes {sorted(self.schemes)})"

    def add(self, kind: str, item: Any, page: str) -> None:
        getattr(self, kind).add(item)
        self.where.setdefault((kind, item), page)


class _Collector(HTMLParser):
    def __init__(self, surface: Surface, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.surface, self.page = surface, page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.surface.add("tags", (tag, ""), self.page)
        for name, value in attrs:
            self.surface.add("tags", (tag, name), self.page)
            value = value or ""
            if name.startswith("on") or name == "style":
                self.surface.add("tags", (tag, f"{name}={value}"), self.page)
            if tag == "a" and name == "href" or tag == "area" and name == "href":
                self.surface.add("schemes", urlsplit(value.strip()).scheme.lower(), self.page)
            elif name in REQUESTING or name == "href" or name == "content" and "url=" in value.lower():
                for url in re.split(r"[\s,]+", value.strip()) if name == "srcset" else [value.strip()]:
                    parts = urlsplit(url)
                    self.surface.add("requests", (parts.scheme.lower(), parts.netloc.lower()), self.page)

    handle_startendtag = handle_starttag


def surface(site: Path) -> Surface:
    """Read every file of a built site; every feed, sitemap and JSON file must parse."""
    found = Surface()
    for path in sorted(site.rglob("*")):
        page = str(path.relative_to(site))
        if path.suffix == ".html":
            collector = _Collector(found, page)
            collector.feed(path.read_text(encoding="utf-8"))
            collector.close()
        elif path.suffix == ".xml":
            try:
                xml.dom.minidom.parse(str(path))
            except Exception as exc:  # expat's errors have no common base class
                pytest.fail(f"{page} is not well-formed XML: {exc}")
        elif path.suffix == ".json":
            try:
                json.loads(path.read_text(encoding="utf-8"))
            except ValueError as exc:
                pytest.fail(f"{page} is not valid JSON: {exc}")
        elif path.suffix in (".css", ".js"):
            found.add("tags", ("file", path.suffix), page)
    return found


def build_after(base: Path, root: Path, data: dict[str, Any]) -> tuple[Any, Path]:
    """Copy the project with its first release, release `data` as the second, build; the release's result."""
    shutil.copytree(base, root, symlinks=True)
    (root / "policy" / "notice.yaml").write_text(notice_yaml(data), encoding="utf-8")
    result = run(root, "release")
    if result.returncode == 0:
        built = run(root, "build")
        assert built.returncode == 0, built.stderr
    return result, root / "site"


@pytest.fixture(scope="module")
def first_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile-base"))
    (root / "policy" / "notice.yaml").write_text(notice_yaml(BENIGN), encoding="utf-8")
    result = run(root, "release")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def benign(first_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Surface:
    data = second_revision(BENIGN)
    data["revision"]["summary"] = _text("Second version")
    data["introduction"] = _text("Changed introduction")
    # a changed table row: the diff's table markup is the templates' own too
    data["cookies"][0]["purpose"] = _text("Changed cookie purpose")
    result, site = build_after(first_release, tmp_path_factory.mktemp("benign") / "p", data)
    assert result.returncode == 0, result.stderr
    return surface(site)


def assert_inert(found: Surface, benign: Surface) -> None:
    extra = [
        f"{kind} {item!r} on {found.where[(kind, item)]}"
        for kind in ("tags", "requests")
        for item in sorted(getattr(found, kind) - getattr(benign, kind))
    ]
    extra += [
        f"link scheme {s!r} on {found.where[('schemes', s)]}"
        for s in sorted(found.schemes - benign.schemes - {"https", "mailto"})
    ]
    assert extra == [], "the hostile notice added to the pages: " + "; ".join(extra)


def test_the_benign_build_is_what_the_templates_make(benign: Surface) -> None:
    """The yardstick itself: links, no script handlers, requests only to the site itself."""
    assert ("a", "href") in benign.tags and ("title", "") in benign.tags
    assert not [t for t in benign.tags if t[1].startswith("on")]
    assert {host for _, host in benign.requests} == {""}


@settings(
    max_examples=3,
    derandomize=True,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
@given(data=st.data())
def test_hostile_strings_in_every_free_field_are_inert_on_every_page(
    data: st.DataObject, first_release: Path, benign: Surface, tmp_path_factory: pytest.TempPathFactory
) -> None:
    notice = second_revision(BENIGN)
    for where in FREE:
        text = _text_field(where)
        put(
            notice, where, data.draw(hostile(where.max_length, single_line=not text, unsafe=not text), label=str(where))
        )
    result, site = build_after(first_release, tmp_path_factory.mktemp("hostile") / "p", notice)
    assert result.returncode == 0, f"free text was refused:\n{result.stderr}"
    assert_inert(surface(site), benign)


# --- Constrained fields and characters no output can carry ----------------------------------------

CONSTRAINED_ATTACKS = [
    'https://ok.example/"><script>alert(1)</script>',
    "https://ok.example/'onmouseover='x",
    "javascript:alert",
    "JAVASCRIPT:alert",
    "data:text/html,x",
    "http://plain.example",
    "//evil.example",
    "https://",
    "a@b.fi\n",
    "a@b.fi<script>",
    '"a<b>"@ok.example',
    "US\n",
    "EU",
    "P6Y\n",
    "P6Y<b>",
    "+358 9 123\n",
    "1234567-1\n",
    "x-y\n",
    "2026-01-01\n",
    "<b>x</b>",
    "| a |",
    "\u202eUS",
]


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("hostile-check"))


def error_lines(root: Path, data: dict[str, Any]) -> tuple[str, set[int]]:
    """`python -m generator check --format json` on `data`: the file as written, and the lines with an error."""
    text = notice_yaml(data)
    (root / "policy" / "notice.yaml").write_text(text, encoding="utf-8")
    result = run(root, "check", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    return text, {f["line"] for f in json.loads(result.stdout) if f["level"] == "error"}


def fields_at(text: str, value: str) -> list[int]:
    """The lines of `text` (one value a line) that hold `value`."""
    encoded = json.dumps(value, ensure_ascii=True)
    return [n for n, line in enumerate(text.splitlines(), 1) if line.strip().rstrip(",").endswith(encoded)]


@pytest.mark.parametrize("link", UNSAFE_LINKS)
def test_an_unsafe_link_is_refused_in_every_text(checker: Path, link: str) -> None:
    """Texts are where links are made; in a name, a link is text (the build test shows it inert)."""
    texts = [where for where in FREE if _text_field(where)]
    data = second_revision(BENIGN)
    for where in texts:
        put(data, where, f"{link} {where}")
    text, lines = error_lines(checker, data)
    missed = [str(where) for where in texts if not set(fields_at(text, f"{link} {where}")) & lines]
    assert missed == [], f"{link!r} accepted in {len(missed)} of {len(texts)} texts"


@pytest.mark.parametrize("bad", REFUSABLE, ids=ascii)
def test_characters_no_output_can_carry_are_refused_in_every_field(checker: Path, bad: str) -> None:
    """C0/C1 controls, noncharacters, lone surrogates, bidirectional controls: an error at the line of every field
    holding one."""
    data = second_revision(BENIGN)
    for where in FIELDS:
        put(data, where, f"Esimerkki{bad}{where}")
    text, lines = error_lines(checker, data)
    missed = [str(where) for where in FIELDS if not set(fields_at(text, f"Esimerkki{bad}{where}")) & lines]
    assert missed == [], f"{bad!r} accepted in {len(missed)} of {len(FIELDS)} fields"


@pytest.fixture(scope="module")
def constrained_survivors(checker: Path) -> dict[Field, str]:
    """For each constrained field, a hostile value `check` accepts there, if any."""
    accepted: dict[Field, str] = {}
    for value in CONSTRAINED_ATTACKS:
        data = second_revision(BENIGN)
        for where in CONSTRAINED:
            put(data, where, value)
        text, lines = error_lines(checker, data)
        refused = set(fields_at(text, value)) & lines
        for where in CONSTRAINED:
            probe = second_revision(BENIGN)
            put(probe, where, value)
            if not set(fields_at(notice_yaml(probe), value)) & refused:
                accepted[where] = value
    return accepted


def test_constrained_fields_refuse_what_they_cannot_be(constrained_survivors: dict[Field, str]) -> None:
    """Not an https address with a host, a trailing newline, not a country: refused."""
    wrong = [
        (str(where), value)
        for where, value in constrained_survivors.items()
        if where.schema.get("format") == "https-url"
        and not re.match(r"https://[^/\s]+", value)
        or value.endswith("\n")
        or value in ("EU", "\u202eUS")
    ]
    assert wrong == []


def test_hostile_values_check_accepts_in_constrained_fields_are_inert_on_every_page(
    constrained_survivors: dict[Field, str],
    first_release: Path,
    benign: Surface,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """An address, e-mail, country, duration or id either is refused, or is shown as data."""
    data = second_revision(BENIGN)
    for where, value in constrained_survivors.items():
        put(data, where, value)
    result, site = build_after(first_release, tmp_path_factory.mktemp("constrained") / "p", data)
    assert result.returncode == 0, f"each value passed check alone; together:\n{result.stderr}"
    assert_inert(surface(site), benign)
