"""Read a notice file into the model: load, validate against the schema, build.

>>> from generator.findings import NoticeError
>>> try:
...     read_notice_text("seloste: 2\\n", "n.yaml", PROJECT.schema)
... except NoticeError as exc:
...     print(exc.findings[0])
n.yaml:1:1: error: controller: missing required field
"""

from __future__ import annotations

from pathlib import Path

from .findings import NoticeError
from .load import Document, load_file, load_text
from .model import Notice, texts
from .validate import text_languages, validate


def read_notice(path: str | Path, schema: Path) -> tuple[Notice, Document]:
    """The notice in `path`, or NoticeError listing every problem of the file."""
    return _model(load_file(path), schema)


def read_notice_text(text: str, name: str, schema: Path) -> tuple[Notice, Document]:
    return _model(load_text(text, name), schema)


def _model(doc: Document, schema: Path) -> tuple[Notice, Document]:
    findings = validate(doc, schema)
    if findings:
        raise NoticeError(findings)
    notice = Notice.from_data(doc.data)
    findings = text_languages(texts(notice), notice.languages, doc)
    if findings:
        raise NoticeError(findings)
    return notice, doc
