"""Format versions: a notice written in format 1 said in format 2, meaning for meaning.

`upgrade` rewrites the data of a format-1 notice in place. It works on plain
data (a release's notice.json, read in memory so that the changelog and diffs
compare across format versions) and on ruamel.yaml's round-trip data (the
`migrate` command, which keeps the author's comments and order). It never
adds a legal statement format 1 did not make: where format 2 asks for more
(which part of a purpose each of several legal bases covers), the field is
left for the author, marked with a comment, and `check` keeps warning.

>>> data = {"seloste": 1, "purposes": [{"id": "a", "legal_bases": ["consent"], "retention": {"period": "P1Y"}}]}
>>> upgrade(data)
[]
>>> data["seloste"], data["purposes"][0]["legal_bases"], data["purposes"][0]["retention"]
(2, [{'basis': 'consent'}], [{'period': 'P1Y'}])
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter

from generator.findings import Finding, NoticeError
from generator.notice.load import FieldPath, field_name, load_bytes, load_text, read_bounded
from generator.notice.validate import validate

CURRENT = 2
"""The format this generator reads and writes."""

FORMAT_1_SCHEMA = Path(__file__).resolve().parent / "data" / "schema-1.json"
"""The schema of format 1, kept to validate a file before it is migrated."""

MARK = "migrate:"
"""How a comment the migration leaves for the author begins."""


@dataclass(frozen=True)
class Note:
    """Something format 1 did not say and format 2 asks for: left to the author, marked with a comment in the
    file where the file can carry one (a mapping written in flow style, `{...}`, cannot)."""

    path: FieldPath
    message: str
    marked: bool = False


SEVERAL_BASES = (
    "format 1 did not say whether these legal bases are alternatives or which part of the purpose each covers; "
    "write covers for each, or make them one item with alternatives: [...] if one of them applies in each case"
)
SPECIAL = (
    "format 1's special: true meant a special category (Art. 9) or data on criminal convictions and offences "
    "(Art. 10); format 2 says special for Art. 9 only: if this is Art. 10 data, write criminal: true instead"
)


def upgrade(data: MutableMapping[str, Any]) -> list[Note]:
    """Rewrite a format-1 notice as format 2, in place; a notice already in format 2 is left as it is."""
    if data.get("seloste") != 1:
        return []
    notes: list[Note] = []
    data["seloste"] = CURRENT
    for index, purpose in enumerate(data.get("purposes") or ()):
        bases = purpose.get("legal_bases")
        if bases is not None:
            purpose["legal_bases"] = _like(bases, [_map(purpose, {"basis": basis}) for basis in bases])
            if len(bases) > 1:
                notes.append(
                    Note(
                        ("purposes", index, "legal_bases"),
                        SEVERAL_BASES,
                        _comment(purpose, "legal_bases", SEVERAL_BASES),
                    )
                )
        retention = purpose.get("retention")
        if isinstance(retention, dict):
            purpose["retention"] = _like(retention, [retention])
    for index, category in enumerate(data.get("data_categories") or ()):
        if category.get("special") is True:
            notes.append(Note(("data_categories", index, "special"), SPECIAL, _comment(category, "special", SPECIAL)))
    return notes


def _like(original: Any, items: list[Any]) -> Any:
    """A new list in the style of the value it replaces (flow [..] stays flow) when that came from YAML;
    a comment at the end of an item stays at the end of its line."""
    if not isinstance(original, (CommentedMap, CommentedSeq)):
        return items
    seq = CommentedSeq(items)
    if original.fa.flow_style():
        seq.fa.set_flow_style()
    if isinstance(original, CommentedSeq):
        seq.ca.items.update(original.ca.items)
    elif original.ca.comment:  # the key that holds the mapping keeps the comment after it
        original.ca.comment = None
    return seq


def _map(parent: Any, values: dict[str, Any]) -> Any:
    if not isinstance(parent, CommentedMap):
        return values
    item = CommentedMap(values)
    item.fa.set_flow_style()
    return item


def _comment(mapping: Any, key: str, message: str) -> bool:
    """Mark `key` with a comment for the author, where the YAML can carry one; whether it could."""
    if not isinstance(mapping, CommentedMap) or mapping.fa.flow_style():
        return False
    mapping.yaml_set_comment_before_after_key(key, before=f"{MARK} {message}", indent=mapping.lc.col)
    return True


# --- The command -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Migrated:
    changed: bool
    notes: tuple[Finding, ...]
    marked: int = 0
    """How many of the notes are marked `# migrate:` in the file."""


def migrate_file(path: Path, shown: str, schema: Path) -> Migrated:
    """Rewrite the file at `path` in format 2 (atomically; through a symbolic link, its target), or raise
    NoticeError naming every problem. What the migration does not change stays as written: plain scalars
    that look like timestamps are not rewritten."""
    target = path.resolve() if path.is_symlink() else path
    _drop_leftover(target)
    raw = read_bounded(path, shown)
    doc = load_bytes(raw, shown)
    version = doc.data.get("seloste")
    if version == CURRENT:
        return Migrated(False, ())
    if version != 1:
        position = doc.position(("seloste",))
        raise NoticeError(
            [
                Finding(
                    position,
                    "error",
                    f"seloste: format {version!r} is not one this generator knows (1 or {CURRENT})",
                    "format-version",
                )
            ]
        )
    findings = validate(doc, FORMAT_1_SCHEMA)
    if findings:
        raise NoticeError(findings)
    text = raw.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    yaml = YAML()
    yaml.Constructor = _AsWritten
    yaml.Representer = _AsWrittenOut
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # [{basis: consent}], not [basis: consent]
    mapping, offset = _indents(text)
    yaml.indent(mapping=mapping, sequence=mapping + offset, offset=offset)
    data = yaml.load(text)
    notes = upgrade(data)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    result = buffer.getvalue()
    after = load_text(result, shown)  # the result is checked against format 2 before anything is written
    problems = validate(after, schema)
    if problems:
        raise NoticeError(problems)
    _write(target, (("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + result).replace("\n", newline))
    return Migrated(
        True,
        tuple(
            Finding(
                after.position(note.path, key=True),
                "warning",
                f"{field_name(after, note.path)}: {note.message}"
                + (
                    ""
                    if note.marked
                    else " (not marked in the file: it is written in flow style, {...}, where a comment cannot go)"
                ),
                "migrate",
            )
            for note in notes
        ),
        sum(note.marked for note in notes),
    )


_KEY = re.compile(r"^( *)[^\s#-][^:#]*:\s*(#.*)?$")


def _indents(text: str) -> tuple[int, int]:
    """The author's indentation: of a mapping under its key, and of a list's dash under its key.

    >>> _indents("a:\\n  b: 1\\nc:\\n  - 1\\n")
    (2, 2)
    >>> _indents("a:\\n    b: 1\\nc:\\n- 1\\n")
    (4, 0)
    """
    mapping = offset = None
    lines = [line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    for before, line in zip(lines, lines[1:], strict=False):
        key = _KEY.match(before)
        if not key:
            continue
        indent = len(line) - len(line.lstrip(" ")) - len(key.group(1))
        if line.lstrip().startswith("- "):
            offset = indent if offset is None else offset
        elif indent > 0:
            mapping = indent if mapping is None else mapping
    return mapping or 2, offset if offset is not None else 2


class _Timestamp(str):
    """A plain scalar YAML would read as a timestamp, kept as the author wrote it (`2026-1-1 9:00:00`)."""


class _AsWritten(RoundTripConstructor):
    pass


_AsWritten.add_constructor("tag:yaml.org,2002:timestamp", lambda self, node: _Timestamp(node.value))


class _AsWrittenOut(RoundTripRepresenter):
    pass


_AsWrittenOut.add_representer(
    _Timestamp, lambda self, data: self.represent_scalar("tag:yaml.org,2002:timestamp", str(data))
)


def _leftover(path: Path) -> Path:
    """Where `migrate` writes the new file before it replaces `path`: one known name, so that what a killed
    run left is recognised and dropped by the next, and nothing of the author's is."""
    return path.with_name(f".{path.name}.seloste-migrate.tmp")


def _drop_leftover(path: Path) -> None:
    _leftover(path).unlink(missing_ok=True)


def _write(path: Path, text: str) -> None:
    """Replace the file in one step: a kill midway leaves the old file, never half of the new one."""
    temporary = _leftover(path)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
        _sync_folder(path.parent)  # the exchange itself survives a crash, not only the new file's bytes
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
