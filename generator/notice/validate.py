"""Validate a loaded notice against policy/schema.json, in the author's words.

jsonschema finds the errors; this module turns each into one sentence that
names the field, says what is allowed, and points at the line. An unknown key
comes with the nearest known one as a suggestion. Whether a notice conforms
at all is asked first of jsonschema-rs (`conforms`), which a build asks of
every release: jsonschema is asked where only when the answer is no.

Editors check only the formats JSON Schema defines, so the schema gives them a
`pattern` (and for countries an `enum`) beside each of Seloste's own formats.
Here the format is the exact check, and the one that reports: a pattern or
enum beside a format is the editor's, and never reported a second time.

>>> from generator.notice.load import load_text
>>> doc = load_text("seloste: 2\\ncontroler: {name: X}\\n", "n.yaml")
>>> for f in validate(doc, PROJECT.schema): print(f)
n.yaml:1:1: error: controller: missing required field
n.yaml:1:1: error: revision: missing required field
n.yaml:2:1: error: controler: unknown field; did you mean 'controller'?
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError
from jsonschema.protocols import Validator

from generator import caches
from generator.findings import Finding
from generator.notice import formats, periods
from generator.notice.languages import SUPPORTED, english_name
from generator.notice.load import MAX_FINDINGS, Document, FieldPath, field_name

_FORMATS = {
    "date": "is not a valid date; write it as YYYY-MM-DD, e.g. 2026-01-31",
    "email": "is not a valid e-mail address",
    "https-url": "is not a valid https: address (such as https://example.fi)",
    "country": "is not the ISO 3166-1 alpha-2 code of a country (two capital letters, such as FI, SE or US)",
    "duration": "is not an ISO 8601 duration such as P6Y, P18M, P2W, P30D or PT12H",
}
_TYPES = {
    "object": "a mapping (key: value lines)",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": formats.is_date,
    "email": formats.is_email,
    "https-url": formats.is_https_url,
    "country": formats.is_country,
    "duration": formats.is_duration,
}
"""Seloste's own formats, and the exact check of each (a format applies to text only)."""


def _formats() -> FormatChecker:
    checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        checker.checks(name)(_on_text(check))
    return checker


def _on_text(check: Callable[[str], bool]) -> Callable[[object], bool]:
    """A format applies to text only; the schema's type says what else is wrong."""
    return lambda value: not isinstance(value, str) or check(value)


def _pattern(validator: Any, pattern: str, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """The `pattern` keyword as JSON Schema (ECMA-262) means it: `$` is the end of the text.

    Python's `$` also matches before a final newline, so "1234567-8\\n" would pass.
    """
    if validator.is_type(instance, "string") and not _python_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@caches.kept(maxsize=64)
def _python_regex(pattern: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


_Validator: type[Validator] = validators.extend(  # type: ignore[no-untyped-call]  # the stub: extend() is unannotated
    Draft202012Validator, {"pattern": _pattern}
)


@caches.kept(maxsize=4)
def load_schema(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        return cast(dict[str, Any], json.load(handle))  # the schema file is a JSON object


@caches.kept(maxsize=4)
def _validator(path: Path) -> Validator:
    return _Validator(for_machines(load_schema(path)), format_checker=_formats())


def conforms(data: Any, schema: Path) -> bool:
    """Whether plain data passes the schema: what `validate` finds nothing in.

    A build reads every release, and the live preview the working copy on
    each edit, so this asks jsonschema-rs (compiled, about 80 times faster
    than jsonschema here); data it cannot take (a mapping key that is not
    text, a lone surrogate, a value JSON has no type for) goes to jsonschema.
    A test holds both to one verdict.
    """
    try:
        return bool(_fast_validator(schema).is_valid(data))
    except ValueError:
        return bool(_validator(schema).is_valid(data))


@caches.kept(maxsize=4)
def _fast_validator(path: Path) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(for_machines(load_schema(path)), formats=FORMATS, validate_formats=True)


def for_machines(schema: Any, names: bool = False) -> Any:
    """The schema without what is only for editors: a `pattern` or `enum` beside a `format` (the format is
    the exact check, and the pattern may be one Python cannot read). Names of properties and values are
    left as they are.

    >>> for_machines({"properties": {"a": {"format": "date", "pattern": "^[0-9-]+$"}, "b": {"enum": [1]},
    ...               "format": {"type": "string"}, "pattern": {"const": {"format": 1, "enum": 2}}}})
    {'properties': {'a': {'format': 'date'}, 'b': {'enum': [1]}, 'format': {'type': 'string'}, 'pattern': {'const': {'format': 1, 'enum': 2}}}}
    """
    if isinstance(schema, list):
        return [for_machines(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if names:
        return {name: for_machines(value) for name, value in schema.items()}
    editors = {"pattern", "enum"} if "format" in schema else set()
    return {
        key: value if key in _VALUES else for_machines(value, key in _NAMES)
        for key, value in schema.items()
        if key not in editors
    }


_NAMES = {"properties", "patternProperties", "$defs", "dependentSchemas"}
"""Keywords whose value maps names to schemas."""
_VALUES = {"const", "enum", "default", "examples"}
"""Keywords whose value is data, not a schema."""


def validate(doc: Document, schema: Path) -> list[Finding]:
    """Every schema violation of the document (at most MAX_FINDINGS), sorted by position."""
    if conforms(doc.data, schema):  # the common case, quickly; jsonschema says where, when something is wrong
        return []
    every = (finding for error in _validator(schema).iter_errors(doc.data) for finding in _describe(doc, error))
    findings = sorted(set(itertools.islice(every, MAX_FINDINGS + 1)), key=lambda f: (f.position, f.message))
    if len(findings) > MAX_FINDINGS:
        last = findings[MAX_FINDINGS - 1].position
        findings = findings[: MAX_FINDINGS - 1] + [
            Finding(last, "error", f"more than {MAX_FINDINGS} problems; fix these first")
        ]
    return findings


def _describe(doc: Document, error: ValidationError) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = cast(Mapping[str, Any], error.schema)  # a keyword's error: its schema is a mapping (the stub allows unset)
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(cast(dict[str, Any], error.instance)) - set(allowed)):
            yield _finding(doc, path + (key,), f"unknown field{_suggest(key, allowed)}", key=True)
    elif kind == "required":
        missing = re.match(r"'([^']+)'", error.message)
        yield _finding(doc, path + (missing.group(1) if missing else "?",), "missing required field", at=path)
    elif kind == "anyOf" or kind == "oneOf":
        yield _finding(doc, path, f"{_shown(error.instance)} is not valid. {schema['errorMessage']}")
    else:
        yield _finding(doc, path, _sentence(error))


def _sentence(error: ValidationError) -> str:
    # validation sets every field of its errors (the stub allows them unset); a keyword's schema is a mapping
    kind, value, schema = error.validator, cast(Any, error.instance), cast(Mapping[str, Any], error.schema)
    if kind == "type":
        if set(schema.get("properties", ())) == set(SUPPORTED):
            return f"expected the text in each language, as fi:, sv: and en: lines below it, got {_kind(value)}"
        return f"expected {_TYPES.get(str(error.validator_value), error.validator_value)}, got {_kind(value)}"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in cast(list[Any], error.validator_value))
        return f"{_shown(value)} is not allowed; use one of: {allowed}"
    if kind == "const":
        return f"must be {error.validator_value!r}"
    if kind == "format":
        if error.validator_value == "duration" and formats.DURATION.fullmatch(value):
            return _period_out_of_bounds(value)
        text = f"{_shown(value)} {_FORMATS.get(cast(str, error.validator_value), 'is not valid')}"
        suggestion = formats.country_suggestion(value) if error.validator_value == "country" else None
        return text + (f"; did you mean '{suggestion}'?" if suggestion else "")
    if kind == "pattern":
        return f"{_shown(value)} is not valid. {schema['patternErrorMessage']}"
    if kind == "minLength":
        return "must not be empty"
    if kind in ("maxLength", "maxItems"):
        return f"is too long (at most {error.validator_value})"
    if kind == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if kind == "minProperties":
        return "must not be empty"
    if kind == "uniqueItems":
        return "lists the same value twice"
    return error.message


def _period_out_of_bounds(value: str) -> str:
    """Why a well-formed period is refused: a number too long to read, nothing at all, or more than a lifetime."""
    if formats.duration_too_long(value):
        return f"{_shown(value)} has a number of more than {formats.MAX_DURATION_DIGITS} digits; no period is that long"
    if not periods.days(value):
        return (
            f"{_shown(value)} is a period of nothing: the page would print no period at all; write the period "
            "(such as P30D), or give the event alone to keep the data until it"
        )
    return (
        f"{_shown(value)} is longer than {periods.MAX_YEARS} years, the longest period Finnish law sets (patient "
        "records); a longer retention is not a period: say it with criterion (for example, permanently)"
    )


def _shown(value: Any) -> str:
    """A value quoted for a message, cut short if long; other kinds by name."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _kind(value)
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"{'text' if isinstance(value, str) else 'a number'} {_shown(value)}"


def _suggest(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return f"; did you mean '{close[0]}'?"
    return f"; allowed here: {', '.join(allowed)}"


def _finding(
    doc: Document, path: FieldPath, message: str, *, key: bool = False, at: FieldPath | None = None
) -> Finding:
    position = doc.position(path if at is None else at, key=key)
    return Finding(position, "error", f"{field_name(doc, path)}: {message}")


def text_languages(
    texts: Iterable[tuple[FieldPath, Mapping[str, str]]], languages: tuple[str, ...], doc: Document
) -> list[Finding]:
    r"""Every text that does not hold exactly the notice's languages (`languages:`, default all).

    >>> from generator.notice.load import load_text
    >>> doc = load_text("a: {fi: x, sv: y}\n", "n.yaml")
    >>> for f in text_languages([(("a",), doc.data["a"])], ("fi", "en"), doc): print(f)
    n.yaml:1:4: error: a: the English text (en) is missing; this notice is published in fi and en
    n.yaml:1:12: error: a.sv: this notice is not published in Swedish (languages: fi, en); remove the sv text or add sv to languages
    """
    findings = []
    for path, text in texts:
        for lang in languages:
            if lang not in text:
                findings.append(
                    _finding(
                        doc,
                        path,
                        (
                            f"the {english_name(lang)} text ({lang}) is missing; this notice is published in "
                            f"{', '.join(languages[:-1]) + ' and ' if len(languages) > 1 else ''}{languages[-1]}"
                        ),
                    )
                )
        for lang in text:
            if lang not in languages:
                findings.append(
                    _finding(
                        doc,
                        path + (lang,),
                        key=True,
                        message=(
                            f"this notice is not published in {english_name(lang)} (languages: {', '.join(languages)}); "
                            f"remove the {lang} text or add {lang} to languages"
                        ),
                    )
                )
    return findings
