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
from referencing import Registry, Resource

from generator import caches
from generator.findings import Finding, Message, Said, _, finding, joined, listed, pgettext
from generator.notice import formats, periods
from generator.notice.languages import SUPPORTED
from generator.notice.load import MAX_FINDINGS, Document, FieldPath, field_name

# NOTE: %(value)s is the value as typed, in quotes: "'2026-02-30' is not a valid date; ..."
_FORMATS = {
    "date": _("%(value)s is not a valid date; write it as YYYY-MM-DD, e.g. 2026-01-31"),
    "email": _("%(value)s is not a valid e-mail address"),
    "https-url": _("%(value)s is not a valid https: address (such as https://example.fi)"),
    "country": _(
        "%(value)s is not the ISO 3166-1 alpha-2 code of a country (two capital letters, such as FI, SE or US)"
    ),
    "duration": _("%(value)s is not an ISO 8601 duration such as P6Y, P18M, P2W, P30D or PT12H"),
}
"""Each format's sentence, its value to be filled in."""
# NOTE: what a value of the schema must be, in "expected %(type)s, got %(kind)s".
_TYPES = {
    "object": pgettext("a kind of value", "a mapping (key: value lines)"),
    "array": pgettext("a kind of value", "a list"),
    "string": pgettext("a kind of value", "text"),
    "boolean": pgettext("a kind of value", "true or false"),
    "integer": pgettext("a kind of value", "a whole number"),
    "number": pgettext("a kind of value", "a number"),
    "null": pgettext("a kind of value", "nothing"),
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
    registry: Registry[Any] = Registry(  # type: ignore[call-arg]  # attrs' alias of _retrieve, which mypy misses
        retrieve=lambda uri: Resource.from_contents(_beside(path, uri))
    )
    return _Validator(for_machines(load_schema(path)), format_checker=_formats(), registry=registry)


_SCHEMA_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]*\.json")


def _beside(path: Path, uri: str) -> Any:
    """The schema another one refers to (`"$ref": "schema.json#/$defs/contact"`): a file of that name beside it,
    as editors find it; nothing else (no other folder, no network).

    >>> _beside(PROJECT.schema.with_name("parties.schema.json"), "json-schema:///schema.json")["$id"]
    'https://seloste.invalid/schema/notice-2.json'
    """
    name = uri.rsplit("/", 1)[-1]
    if not _SCHEMA_NAME.fullmatch(name):
        raise LookupError(f"{uri}: a schema refers only to a schema file beside it")
    return for_machines(load_schema(path.with_name(name)))


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
    return jsonschema_rs.validator_for(
        for_machines(load_schema(path)),
        formats=FORMATS,
        validate_formats=True,
        retriever=lambda uri: _beside(path, uri),
    )


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
            finding(last, "error", _("more than %(count)d problems; fix these first", count=MAX_FINDINGS))
        ]
    return findings


def _describe(doc: Document, error: ValidationError) -> Iterator[Finding]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = cast(Mapping[str, Any], error.schema)  # a keyword's error: its schema is a mapping (the stub allows unset)
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(cast(dict[str, Any], error.instance)) - set(allowed)):
            yield _finding(doc, path + (key,), _suggest(key, allowed), key=True)
    elif kind == "required":
        missing = re.match(r"'([^']+)'", error.message)
        yield _finding(doc, path + (missing.group(1) if missing else "?",), _("missing required field"), at=path)
    elif kind == "anyOf" or kind == "oneOf":
        yield _finding(doc, path, _invalid(error.instance, schema["errorMessage"]))
    elif list(error.relative_schema_path)[-2:-1] == ["propertyNames"]:  # a key that cannot be one: said at the key
        yield _finding(doc, path + (cast(str, error.instance),), _sentence(error), key=True)
    else:
        yield _finding(doc, path, _sentence(error))


def _invalid(value: Any, why: str) -> Message:
    # NOTE: %(why)s is the schema's own sentence (policy/schema.json, in English).
    return _("%(value)s is not valid. %(why)s", value=_shown(value), why=why)


def _sentence(error: ValidationError) -> Said | str:
    # validation sets every field of its errors (the stub allows them unset); a keyword's schema is a mapping
    kind, value, schema = error.validator, cast(Any, error.instance), cast(Mapping[str, Any], error.schema)
    if kind == "type":
        if set(schema.get("properties", ())) == set(SUPPORTED):
            return _(
                "expected the text in each language, as fi:, sv: and en: lines below it, got %(kind)s",
                kind=_kind(value),
            )
        expected = _TYPES.get(str(error.validator_value), str(error.validator_value))
        return _("expected %(type)s, got %(kind)s", type=expected, kind=_kind(value))
    if kind == "enum":
        allowed = ", ".join(str(v) for v in cast(list[Any], error.validator_value))
        return _("%(value)s is not allowed; use one of: %(allowed)s", value=_shown(value), allowed=allowed)
    if kind == "const":
        return _("must be %(value)s", value=repr(error.validator_value))
    if kind == "format":
        if error.validator_value == "duration" and formats.DURATION.fullmatch(value):
            return _period_out_of_bounds(value)
        template = _FORMATS.get(cast(str, error.validator_value), _("%(value)s is not valid"))
        text = _(template.singular, value=_shown(value))
        suggestion = formats.country_suggestion(value) if error.validator_value == "country" else None
        return joined(text, _("; did you mean '%(suggestion)s'?", suggestion=suggestion)) if suggestion else text
    if kind == "pattern":
        return _invalid(value, schema["patternErrorMessage"])
    if kind == "minLength":
        return _("must not be empty")
    if kind in ("maxLength", "maxItems"):
        return _("is too long (at most %(limit)s)", limit=error.validator_value)
    if kind == "minItems":
        return _("needs at least %(count)s item(s)", count=error.validator_value)
    if kind == "minProperties":
        return _("must not be empty")
    if kind == "uniqueItems":
        return _("lists the same value twice")
    return error.message


def _period_out_of_bounds(value: str) -> Message:
    """Why a well-formed period is refused: a number too long to read, nothing at all, or more than a lifetime."""
    if formats.duration_too_long(value):
        return _(
            "%(value)s has a number of more than %(digits)d digits; no period is that long",
            value=_shown(value),
            digits=formats.MAX_DURATION_DIGITS,
        )
    if not periods.days(value):
        return _(
            "%(value)s is a period of nothing: the page would print no period at all; write the period "
            "(such as P30D), or give the event alone to keep the data until it",
            value=_shown(value),
        )
    return _(
        "%(value)s is longer than %(years)d years, the longest period Finnish law sets (patient "
        "records); a longer retention is not a period: say it with criterion (for example, permanently)",
        value=_shown(value),
        years=periods.MAX_YEARS,
    )


def _shown(value: Any) -> Said | str:
    """A value quoted for a message, cut short if long; other kinds by name."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return _kind(value)
    text = str(value)
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"


def _kind(value: Any) -> Said | str:
    if isinstance(value, bool):
        return str(value).lower()
    # NOTE: what a value of the schema must be, in "expected %(type)s, got %(kind)s".
    if isinstance(value, dict):
        return pgettext("a kind of value", "a mapping")
    if isinstance(value, list):
        return pgettext("a kind of value", "a list")
    if value is None:
        return pgettext("a kind of value", "nothing (an empty value)")
    if isinstance(value, str):
        return _("text %(value)s", value=_shown(value))
    return _("a number %(value)s", value=_shown(value))


def _suggest(key: str, allowed: list[str]) -> Message:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if close:
        return _("unknown field; did you mean '%(key)s'?", key=close[0])
    return _("unknown field; allowed here: %(keys)s", keys=", ".join(allowed))


def _finding(
    doc: Document, path: FieldPath, message: Said | str, *, key: bool = False, at: FieldPath | None = None
) -> Finding:
    position = doc.position(path if at is None else at, key=key)
    return finding(position, "error", joined(field_name(doc, path), ": ", message))


# NOTE: a language as the adjective before "text" in check's messages: "the English text (en) is missing"
# (fi: "englanninkielinen", sv: "engelska", as in "den engelska texten").
LANGUAGES = {
    "fi": pgettext("the language of a text", "Finnish"),
    "sv": pgettext("the language of a text", "Swedish"),
    "en": pgettext("the language of a text", "English"),
}
# NOTE: a language as in "this notice is not published in Swedish" (fi: "ruotsiksi", sv: "på svenska").
_IN_LANGUAGES = {
    "fi": pgettext("published in a language", "in Finnish"),
    "sv": pgettext("published in a language", "in Swedish"),
    "en": pgettext("published in a language", "in English"),
}


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
                        _(
                            "the %(language)s text (%(code)s) is missing; this notice is published in %(codes)s",
                            language=LANGUAGES.get(lang, lang),
                            code=lang,
                            codes=listed(languages),
                        ),
                    )
                )
        for lang in text if doc.source(path) == doc.path else ():  # a shared party's text may hold more
            if lang not in languages:
                findings.append(
                    _finding(
                        doc,
                        path + (lang,),
                        key=True,
                        message=_(
                            "this notice is not published %(language)s (languages: %(codes)s); "
                            "remove the %(code)s text or add %(code)s to languages",
                            language=_IN_LANGUAGES.get(lang, lang),
                            codes=", ".join(languages),
                            code=lang,
                        ),
                    )
                )
    return findings
