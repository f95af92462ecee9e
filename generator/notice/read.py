"""Read a notice file into the model: load, validate against the schema, build.

>>> from generator.findings import NoticeError
>>> try:
...     read_notice_text("seloste: 2\\n", "n.yaml", PROJECT.schema)
... except NoticeError as exc:
...     print(exc.findings[0])
n.yaml:1:1: error: controller: missing required field

A working copy in an older format gets one finding, which says how to rewrite it:

>>> try:
...     read_notice_text("# notes\\nseloste: 1\\n", "n.yaml", PROJECT.schema)
... except NoticeError as exc:
...     print(exc.findings[0])
n.yaml:2:10: error: seloste: this notice is in format 1; run `.venv/bin/python -m generator migrate n.yaml` to rewrite it in format 2, keeping your comments [format-version]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.findings import NoticeError, _, finding
from generator.notice.load import Document, load_file, load_text
from generator.notice.migrate import CURRENT
from generator.notice.model import Notice, texts
from generator.notice.parties import Used, resolve
from generator.notice.validate import text_languages, validate


@dataclass(frozen=True)
class Reading:
    """A notice as read: the model, where its values are, and the shared parties it named, as it took them
    (what a release freezes beside it; empty where it names none)."""

    notice: Notice
    doc: Document
    parties: Used


def reading(path: str | Path, schema: Path, parties: Path | None = None) -> Reading:
    """The notice in `path`, each party it names taken from the parties file `parties` (policy/parties.yaml;
    None: the project has none), or NoticeError listing every problem of the file."""
    return _model(load_file(path), schema, parties)


def read_notice(path: str | Path, schema: Path, parties: Path | None = None) -> tuple[Notice, Document]:
    """The notice in `path` and where its values are (see `reading`)."""
    read = reading(path, schema, parties)
    return read.notice, read.doc


def read_notice_text(text: str, name: str, schema: Path, parties: Path | None = None) -> tuple[Notice, Document]:
    read = _model(load_text(text, name), schema, parties)
    return read.notice, read.doc


def _model(doc: Document, schema: Path, parties: Path | None) -> Reading:
    if doc.data.get("seloste") == 1:
        raise NoticeError(
            [
                finding(
                    doc.position(("seloste",)),
                    "error",
                    # NOTE: %(command)s is the command to type, as it is.
                    _(
                        "seloste: this notice is in format 1; run `%(command)s` to rewrite it in format %(format)d, "
                        "keeping your comments",
                        command=f".venv/bin/python -m generator migrate {doc.path}",
                        format=CURRENT,
                    ),
                    "format-version",
                )
            ]
        )
    resolved = resolve(doc, parties, schema)
    doc = resolved.doc
    findings = validate(doc, schema)
    if findings:
        raise NoticeError(findings)
    notice = Notice.from_data(doc.data)
    findings = text_languages(texts(notice), notice.languages, doc)
    if findings:
        raise NoticeError(findings)
    return Reading(notice, doc, resolved.used)
