"""Load a notice file: bytes to plain data, with the position of every value.

YAML is parsed as an event stream and built here, not by a YAML constructor,
so nothing in the file can run code or expand: anchors, aliases and explicit
tags are refused (an alias bomb never grows), duplicate keys are found with
both positions, and each value keeps its line and column for messages.
Scalars follow the YAML 1.2 core schema, except that dates stay text: the
schema, not the parser, decides what a date is.

libyaml's C parser (through PyYAML) reads a plain notice some 25 times faster
than ruamel.yaml's pure-Python parser: a 1 MB notice in 0.1 s, not 1.4 s. It
is used only for a text it reads without complaint and that has no anchor,
alias or tag; any other text is read again by ruamel.yaml's parser, so that
every message about a bad file stays exactly as it was.

>>> doc = load_text("a: 1\\nb: [x, 'y']\\n", "n.yaml")
>>> doc.data
{'a': 1, 'b': ['x', 'y']}
>>> str(doc.position(("b", 1)))
'n.yaml:2:8'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import ruamel.yaml.events
import ruamel.yaml.tokens
import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.reader import ReaderError

from generator.findings import Finding, Message, NoticeError, Position, Said, _, finding, joined

MAX_BYTES = 2 * 1024 * 1024
"""Largest notice file accepted: ample for a notice, small enough to stay fast."""

MAX_DEPTH = 32
"""Deepest nesting accepted; the format itself needs six levels."""

MAX_FINDINGS = 100
"""Parsing stops after this many problems: a file of ten thousand aliases gets
a hundred messages at once, not ten thousand, and not after minutes."""

UNCARRIABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""Characters no key or value may hold, though a double-quoted YAML escape can
write them: control characters other than tab and newline (C0, DEL, C1), lone
surrogates and the non-characters U+FFFE and U+FFFF. XML 1.0 (the Atom feed)
cannot carry most of them, UTF-8 cannot encode a lone surrogate, and a terminal
obeys the rest. Nor the bidirectional controls (embeddings, overrides,
isolates and marks: U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to
U+2069): one in a name or an address reverses what follows it wherever it is
shown, the printed record's header included; a notice in Finnish, Swedish and
English needs none."""

BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""The bidirectional controls among them."""

YAML_VERSIONS = ((1, 1), (1, 2))
"""The %YAML directives a notice may start with."""

FieldPath = tuple[str | int, ...]
_NOWHERE_ELSE: Mapping[FieldPath, str] = MappingProxyType({})


@dataclass(frozen=True)
class Document:
    """Parsed data plus where each value and each mapping key came from.

    A part of the data may have been written in another file (a party of
    policy/parties.yaml that a notice names): `sources` maps the root of each
    such part to that file, and the positions of its values and keys are in it.

    >>> doc = Document("n.yaml", {"a": {"b": 1}, "c": 2}, {("a",): (4, 3), ("a", "b"): (5, 6), ("c",): (2, 4)}, {},
    ...                MappingProxyType({("a",): "p.yaml"}))
    >>> str(doc.position(("a", "b"))), str(doc.position(("a", "x"))), str(doc.position(("c",)))
    ('p.yaml:5:6', 'p.yaml:4:3', 'n.yaml:2:4')
    """

    path: str
    data: Any
    values: Mapping[FieldPath, tuple[int, int]] = field(repr=False)
    keys: Mapping[FieldPath, tuple[int, int]] = field(repr=False)
    sources: Mapping[FieldPath, str] = field(default_factory=lambda: _NOWHERE_ELSE, repr=False)
    """The root of each part written in another file, and that file's path as messages name it."""

    def position(self, path: FieldPath, *, key: bool = False) -> Position:
        """Position of the value at `path` (or of its key), else its nearest ancestor."""
        path = tuple(path)
        if key and path in self.keys:
            return Position(self.source(path), *self.keys[path])
        while path not in self.values and path:
            path = path[:-1]
        return Position(self.source(path), *self.values.get(path, (0, 0)))

    def source(self, path: FieldPath) -> str:
        """The file the value at `path` was written in: this one, or another whose part holds it."""
        for end in range(len(path), 0, -1) if self.sources else ():
            found = self.sources.get(path[:end])
            if found is not None:
                return found
        return self.path


def load_file(path: str | Path) -> Document:
    """Read and parse a notice file; raise NoticeError with every problem found."""
    return load_bytes(read_bounded(path, str(path)), str(path))


def read_bounded(path: str | Path, name: str) -> bytes:
    """A notice file's bytes, never more than one past the limit (`/dev/zero` is not read to the end):
    load_bytes then refuses a file over it."""
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise NoticeError(
            [finding(Position(name), "error", _("cannot read file: %(reason)s", reason=exc.strerror))]
        ) from None


def load_bytes(raw: bytes, name: str, *, not_a_mapping: Message | None = None) -> Document:
    """Decode UTF-8 (a BOM is fine) and parse; refuse what cannot be text, and a file that is not a mapping
    (saying so with `not_a_mapping`, by default in the words of a notice)."""
    if len(raw) > MAX_BYTES:
        raise NoticeError(
            [
                _error(
                    name,
                    0,
                    0,
                    _("the file is larger than %(size)d MiB, the limit for a notice", size=MAX_BYTES // (1024 * 1024)),
                )
            ]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw[: exc.start].decode("utf-8", "replace"))
        raise NoticeError(
            [
                _error(
                    name,
                    line,
                    col,
                    _("not valid UTF-8 (byte 0x%(byte)s); save the file as UTF-8", byte=f"{raw[exc.start]:02x}"),
                )
            ]
        ) from None
    return load_text(text, name, not_a_mapping=not_a_mapping)


def load_text(text: str, name: str, *, not_a_mapping: Message | None = None) -> Document:
    """Parse YAML text into a Document."""
    nul = text.find("\0")
    if nul >= 0:
        raise NoticeError(
            [_error(name, *_line_col(text[:nul]), _("the file contains a NUL byte; it is not a text file"))]
        )
    if not text.strip():
        raise NoticeError([_error(name, 1, 1, _("the file is empty"))])
    builder = _Builder(name, text)
    try:
        for event in _events(text):
            builder.feed(event)
            if len(builder.findings) >= MAX_FINDINGS:
                builder.findings.append(
                    builder._at(
                        event, _("more than %(count)d problems; the rest of the file was not read", count=MAX_FINDINGS)
                    )
                )
                break
    except MarkedYAMLError as exc:
        builder.findings.append(_syntax_error(name, exc, text))
    except ReaderError as exc:
        line, col = _line_col(text[: exc.position])
        builder.findings.append(
            _error(
                name,
                line,
                col,
                _(
                    "the file contains the control character U+%(code)s, which YAML does not allow; remove it",
                    code=f"{exc.character:04X}",
                ),
            )
        )
    except YAMLError as exc:
        builder.findings.append(_error(name, 0, 0, _("invalid YAML: %(problem)s", problem=str(exc))))
    except (ValueError, OverflowError, AssertionError) as exc:  # ruamel.yaml's own checks, which raise no YAMLError
        builder.findings.append(_parser_failure(name, text, exc))
    builder.findings += _uncarriable(builder)
    if builder.findings:
        raise NoticeError(builder.findings)
    if not isinstance(builder.root, dict):
        raise NoticeError(
            [
                _error(
                    name,
                    1,
                    1,
                    not_a_mapping
                    or _("the notice must be a mapping of fields (key: value), not a single value or a list"),
                )
            ]
        )
    return Document(name, builder.root, MappingProxyType(builder.values), MappingProxyType(builder.keys))


def _events(text: str) -> Iterable[Any]:
    """The parser events of `text`: libyaml's where it reads the text cleanly, else ruamel.yaml's.

    Both give the same events, positions included, for a text libyaml reads
    without complaint and without anchors, aliases or tags (tests/test_load.py
    compares them):

    >>> _libyaml_events("a: &x 1\\nb: *x\\n") is None, _libyaml_events("a: [") is None
    (True, True)
    """
    events = _libyaml_events(text)
    return YAML(typ="safe", pure=True).parse(text) if events is None else events


def _libyaml_events(text: str) -> list[Any] | None:
    """libyaml's events as ruamel.yaml's; None where the two parsers might differ.

    That is where libyaml complains or cannot take the text; where there is
    an anchor, alias or tag, or an empty value (placed differently); and
    where there is a tab, a Unicode line break (NEL, LS, PS) or a byte order
    mark, which libyaml accepts in places where ruamel.yaml has a message.
    """
    if not _LIBYAML or _DIFFERENT.search(text):
        return None
    events: list[ruamel.yaml.events.Event] = []
    parser = None
    try:
        parser = pyyaml.CBaseLoader(text)
        while parser.check_event():
            event = parser.get_event()
            assert event is not None  # check_event() said there is one
            name = type(event).__name__
            if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
                return None  # ruamel.yaml's parser reads these, for the messages about them
            start, end = event.start_mark, event.end_mark
            if isinstance(event, pyyaml.ScalarEvent):
                if not event.value and not event.style:
                    return None
                events.append(ScalarEvent(None, None, event.implicit, event.value, start, end, event.style or None))
            elif isinstance(event, (pyyaml.MappingStartEvent, pyyaml.SequenceStartEvent)):
                kind = MappingStartEvent if name == "MappingStartEvent" else SequenceStartEvent
                events.append(kind(None, None, event.implicit, start, end, event.flow_style))
            elif isinstance(event, pyyaml.DocumentStartEvent):
                events.append(DocumentStartEvent(start, end, event.explicit, event.version, event.tags))
            elif isinstance(event, pyyaml.DocumentEndEvent):
                events.append(DocumentEndEvent(start, end, event.explicit))
            else:  # stream start and end, mapping and sequence end: no attributes but their marks
                events.append(getattr(ruamel.yaml.events, name)(start, end))
    except Exception:  # a YAML error, or text libyaml cannot take (a lone surrogate): ruamel.yaml says what
        return None
    finally:
        if parser is not None:
            parser.dispose()
    return events


_LIBYAML = hasattr(pyyaml, "CBaseLoader")  # PyYAML built with libyaml
_DIFFERENT = re.compile("[\t\x85\u2028\u2029\ufeff]")


@dataclass
class _Open:
    """A container the builder is filling: a mapping waits for a key, then for that key's value."""

    container: Any
    path: FieldPath | None
    """Where it is in the document; None inside a part that is refused."""
    key: Any = None
    """The key whose value comes next (None: a key comes next)."""
    key_at: tuple[int, int] = (0, 0)
    key_end: tuple[int, int] = (0, 0)
    """Where the key ends (0-based line and column): its value, when empty, is placed after the colon."""


class _Builder:
    """Builds plain dicts and lists from parser events, recording positions."""

    def __init__(self, name: str, text: str = ""):
        self.name = name
        self.lines = text.split("\n")
        self.root: Any = None
        self.findings: list[Finding] = []
        self.values: dict[FieldPath, tuple[int, int]] = {}
        self.keys: dict[FieldPath, tuple[int, int]] = {}
        self.stack: list[_Open] = []
        self.documents = 0
        # (field path, whether in a key, the character, line and column) of each uncarriable character
        self.uncarriable: list[tuple[FieldPath | None, bool, str, tuple[int, int]]] = []

    def feed(self, event: Any) -> None:
        if isinstance(event, DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.findings.append(
                    self._at(event, _("a second YAML document starts here ('---'); a notice file holds one document"))
                )
                raise NoticeError(self.findings)
            if event.version and tuple(event.version) not in YAML_VERSIONS:
                self.findings.append(_error(self.name, 1, 1, _version_message(event.version)))
        if isinstance(event, NodeEvent):
            self._refuse_anchors_and_tags(event)
        if isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            self.stack.pop()
        elif isinstance(event, AliasEvent):
            self._add(None, event)
        elif isinstance(event, ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            container: Any = {} if isinstance(event, MappingStartEvent) else []
            path = self._add(container, event)
            if len(self.stack) >= MAX_DEPTH:
                raise NoticeError(
                    self.findings
                    + [
                        self._at(
                            event, _("nested deeper than %(depth)d levels; a notice needs at most six", depth=MAX_DEPTH)
                        )
                    ]
                )
            self.stack.append(_Open(container, path))

    def _scalar(self, event: ScalarEvent) -> None:
        is_key = bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None
        try:
            value = _resolve(event)
        except ValueError:  # an integer of more digits than Python converts
            self.findings.append(
                self._at(
                    event,
                    _(
                        "a number of %(digits)d digits is too long to read; put it in quotes if it is text",
                        digits=len(event.value),
                    ),
                )
            )
            value = None
        path = self._add(value, event)
        bad = UNCARRIABLE.search(event.value)
        if bad and self.stack and (path is not None or is_key):
            parent = self.stack[-1].path if is_key else path
            self.uncarriable.append(
                (parent, is_key, bad.group(), (event.start_mark.line + 1, event.start_mark.column + 1))
            )
        elif bad and not self.stack:
            self.uncarriable.append(((), False, bad.group(), (event.start_mark.line + 1, event.start_mark.column + 1)))

    def _add(self, value: Any, event: Any) -> FieldPath | None:
        where = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.root = value
            self.values[()] = where
            return ()
        top = self.stack[-1]
        container, path = top.container, top.path
        if isinstance(container, list):
            child = path + (len(container),) if path is not None else None
            container.append(value)
        elif top.key is None:  # this node is a key
            self._key(top, event, where)
            return None
        else:
            key, top.key = top.key, None
            child = path + (key,) if path is not None and key is not _INVALID else None
            if child is not None:
                self.keys[child] = top.key_at
                container[key] = value
            if _empty(event):
                where = self._after_colon(top.key_end)
        if child is not None:
            self.values[child] = where
        return child

    def _after_colon(self, key_end: tuple[int, int]) -> tuple[int, int]:
        """Where an empty value is: after its key's colon and the spaces that follow, on the key's line, as
        editors place it (the parser's mark is the next token's, often the next key's line)."""
        line, column = key_end
        text = self.lines[line] if line < len(self.lines) else ""
        found = re.match(r"[ \t]*:[ \t]*", text[column:])
        return (line + 1, column + (found.end() if found else 0) + 1)

    def _key(self, top: _Open, event: Any, where: tuple[int, int]) -> None:
        if not isinstance(event, ScalarEvent):
            self.findings.append(self._at(event, _("a key must be a plain name, not a list or mapping")))
            top.key = _INVALID
            return
        key = event.value
        if key in top.container:
            first = self.keys.get(top.path + (key,), (0, 0)) if top.path is not None else (0, 0)
            self.findings.append(
                self._at(event, _("duplicate key '%(key)s' (first given on line %(line)d)", key=key, line=first[0]))
            )
            top.key = _INVALID
            return
        top.key, top.key_at = key, where
        top.key_end = (event.end_mark.line, event.end_mark.column)

    def _refuse_anchors_and_tags(self, event: Any) -> None:
        if isinstance(event, AliasEvent):
            self.findings.append(
                self._at(
                    event, _("aliases (*%(anchor)s) are not allowed; write the value out in full", anchor=event.anchor)
                )
            )
        elif event.anchor:
            self.findings.append(
                self._at(
                    event, _("anchors (&%(anchor)s) are not allowed; write each value out in full", anchor=event.anchor)
                )
            )
        tag = getattr(event, "tag", None)
        if tag and not _implicit(event):
            self.findings.append(self._at(event, _("YAML tags (%(tag)s) are not allowed", tag=tag)))

    def _at(self, event: Any, message: Said) -> Finding:
        return _error(self.name, event.start_mark.line + 1, event.start_mark.column + 1, message)


_INVALID = object()


def _uncarriable(builder: _Builder) -> list[Finding]:
    """A finding for each key or value holding a character in UNCARRIABLE, naming the field."""
    doc = Document(builder.name, builder.root, builder.values, builder.keys)
    findings = []
    for path, is_key, char, (line, column) in builder.uncarriable:
        # NOTE: %(field)s is a field's path as typed, or "(a key)"; %(character)s says which character it is.
        field = field_name(doc, path) if path is not None else _("(a key)")
        bidi = BIDI.match(char) is not None
        if is_key and bidi:
            said = _(
                "a key contains %(character)s, which would reorder the text around it wherever it is shown or "
                "printed; remove it",
                character=describe_character(char),
            )
        elif is_key:
            said = _(
                "a key contains %(character)s, which cannot be published (XML, UTF-8 or a terminal cannot carry "
                "it); remove it",
                character=describe_character(char),
            )
        elif bidi:
            said = _(
                "contains %(character)s, which would reorder the text around it wherever it is shown or printed; "
                "remove it",
                character=describe_character(char),
            )
        else:
            said = _(
                "contains %(character)s, which cannot be published (XML, UTF-8 or a terminal cannot carry it); "
                "remove it",
                character=describe_character(char),
            )
        findings.append(_error(builder.name, line, column, joined(field, ": ", said)))
    return findings


def describe_character(char: str) -> Message:
    """A character that cannot be shown, by its code point, in any language.

    >>> from generator.findings import ENGLISH
    >>> said = [describe_character(c).render(ENGLISH) for c in ("\\x1b", "\\ud800", "\\uffff", "\\u202e")]
    >>> said[:3]
    ['the control character U+001B', 'half of a surrogate pair, U+D800', 'the non-character U+FFFF']
    >>> said[3]
    'the bidirectional control U+202E'
    """
    code = ord(char)
    hex = f"{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return _("half of a surrogate pair, U+%(code)s", code=hex)
    if code in (0xFFFE, 0xFFFF):
        return _("the non-character U+%(code)s", code=hex)
    if BIDI.match(char):
        return _("the bidirectional control U+%(code)s", code=hex)
    return _("the control character U+%(code)s", code=hex)


def field_name(doc: Document, path: FieldPath) -> str:
    """A field path as an editor reads it: list items named by their id.

    >>> doc = load_text("purposes:\\n- id: sales\\n  name: {fi: x}\\n", "n.yaml")
    >>> field_name(doc, ("purposes", 0, "name", "sv"))
    'purposes[sales].name.sv'
    """
    text, node = "", doc.data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else part + 1
            text += f"[{label}]"
        else:
            text += f".{part}" if text else str(part)
        node = _child(node, part)
    return text or "(top level)"


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    return node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def _empty(event: Any) -> bool:
    """Whether the event is a value left empty (`key:` and nothing after it)."""
    return isinstance(event, ScalarEvent) and not event.value and event.style is None


def _implicit(event: Any) -> bool:
    implicit = getattr(event, "implicit", True)
    return any(implicit) if isinstance(implicit, tuple) else bool(implicit)


def _resolve(event: ScalarEvent) -> Any:
    """YAML 1.2 core schema for plain scalars; quoted and block scalars are text."""
    value = event.value
    if event.style is not None:
        return value
    if _NULL.match(value):
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.match(value):
        return int(value)
    if _FLOAT.match(value):
        return float(value)
    return value


_PLAIN = (
    # The parser's words, and what they mean for a notice file.
    (
        "found character '\\t'",
        _("a tab character is not allowed here; indent with spaces, and put a text that contains a tab in quotes"),
    ),
    (
        "mapping values are not allowed",
        _("a colon and a space (': ') cannot appear here: put the text in quotes, or check this line's indentation"),
    ),
    ("expected <block end>, but found '<scalar>'", _("unexpected text after a value: put the whole text in quotes")),
    ("expected <block end>", _("this line is not indented like the lines around it: check its indentation")),
    (
        "expected ',' or '}'",
        _("a mapping in braces { } is not closed: add the closing '}', or a comma between its fields"),
    ),
    (
        "expected ',' or ']'",
        _("a list in brackets [ ] is not closed: add the closing ']', or a comma between its items"),
    ),
    (
        "could not find expected ':'",
        _("this line is neither a field (name: value) nor a list item (- value): add the colon, or quote the text"),
    ),
    ("expected the node content", _("a value is missing here")),
)


def _syntax_error(name: str, exc: MarkedYAMLError, text: str = "") -> Finding:
    """Turn a parser error into a sentence, at the line an editor marks and where the fix belongs.

    The parser stops where it can go no further, which is often a line after
    the mistake: a key without its colon is found out on the next line, a quote
    left open swallows the lines up to the next quote, a line indented too far
    runs on into the value above it. The position is moved back to the mistake
    (yaml-language-server marks the same line, tests/test_editor.py compares).
    """
    context = exc.context or ""
    problem = (exc.problem or "").strip()
    mark = exc.problem_mark or exc.context_mark
    message: Said | str
    if "quoted scalar" in context and exc.context_mark:
        mark, message = exc.context_mark, _("a quoted text is never closed; add the closing quote")
    elif (swallowed := _run_on_scalar(text, mark)) is not None and (swallowed.style or problem.startswith("mapping")):
        start, end = swallowed.start_mark, swallowed.end_mark
        mark = start
        if swallowed.style:
            message = _(
                "the quote opened here is never closed on this line, so the text runs on to line %(line)d:"
                " add the closing quote",
                line=end.line + 1,
            )
        else:
            message = _(
                "this text runs on into line %(line)d (a line indented further continues the value"
                " above it), where a colon and a space (': ') cannot appear: check the indentation of line %(line)d"
                " and the colon of this line, or put the text in quotes",
                line=end.line + 1,
            )
    else:
        if problem.startswith("could not find expected ':'") and exc.context_mark:
            mark = exc.context_mark  # the line of the key that lacks its colon, not the next one
        problem = (problem or context or "invalid YAML").strip()
        found = re.match(r"^found character (.+) that cannot start any token$", problem)
        message = next(
            (plain for begins, plain in _PLAIN if problem.startswith(begins)),
            _("a value cannot start with %(character)s: put it in quotes", character=found[1]) if found else problem,
        )
        if context.startswith("while parsing a flow") and exc.context_mark and mark is not exc.context_mark:
            # NOTE: after a sentence about a list or mapping in brackets that is not closed.
            message = joined(message, _(" (it opens on line %(line)d)", line=exc.context_mark.line + 1))
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    # NOTE: %(problem)s is a sentence of check, or the YAML parser's own words (in English).
    return _error(name, line, col, _("invalid YAML: %(problem)s", problem=message))


def _run_on_scalar(text: str, mark: Any) -> Any:
    """The scalar just before the parser's error, if it spans lines and ends on the error's line.

    A quoted text whose closing quote is missing runs on to the next quote, and
    a plain value runs on into a line indented further than its key: either
    way the parser reports the line where the value ended, not where it began.
    """
    if not text or mark is None:
        return None
    last = None
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except YAMLError:
        pass
    if (
        isinstance(last, ruamel.yaml.tokens.ScalarToken)
        and last.start_mark.line < last.end_mark.line
        and last.end_mark.line in (mark.line, mark.line - 1)
    ):
        return last
    return None


def _parser_failure(name: str, text: str, exc: Exception) -> Finding:
    """A finding for what the parser refused with a plain exception rather than a YAML error."""
    version = re.search(r"(?m)^%YAML[ \t]+(\d+)\.(\d+)", text)
    if version and (int(version[1]), int(version[2])) not in YAML_VERSIONS:
        return _error(name, *_line_col(text[: version.start()]), _version_message((version[1], version[2])))
    for escape in re.finditer(r"\\U([0-9A-Fa-f]{8})", text):
        if int(escape[1], 16) > 0x10FFFF:
            return _error(
                name,
                *_line_col(text[: escape.start()]),
                _(
                    "invalid YAML: %(escape)s is beyond the last Unicode character, U+10FFFF",
                    escape=f"\\U{escape[1]}",
                ),
            )
    return _error(name, 0, 0, _("invalid YAML: %(problem)s", problem=str(exc)))


def _version_message(version: tuple[Any, Any]) -> Message:
    return _(
        "invalid YAML: %%YAML %(version)s is not a YAML version a notice can be in; use %%YAML 1.2, or no %%YAML line",
        version=f"{version[0]}.{version[1]}",
    )


def _line_col(prefix: str) -> tuple[int, int]:
    lines = prefix.split("\n")
    return len(lines), len(lines[-1]) + 1


def _error(name: str, line: int, column: int, message: Said) -> Finding:
    return finding(Position(name, line, column), "error", message)
