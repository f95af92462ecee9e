"""Read a notice file into the model: load, validate against the schema, build.

>>> from generator.findings import NoticeError
>>> try:
...     read_notice_text("seloste: 2\\n", "n.yaml")
... except NoticeError as exc:
...     print(exc.findings[0])
n.yaml:1:1: error: controller: missing required field
"""

from __future__ import annotations

from pathlib import Path

from .findings import NoticeError
from .load import Document, load_file, load_text
from .model import Notice
from .validate import validate


def read_notice(path: str | Path) -> tuple[Notice, Document]:
    """The notice in `path`, or NoticeError listing every problem of the file."""
    return _model(load_file(path))


def read_notice_text(text: str, name: str) -> tuple[Notice, Document]:
    return _model(load_text(text, name))


def _model(doc: Document) -> tuple[Notice, Document]:
    findings = validate(doc)
    if findings:
        raise NoticeError(findings)
    return Notice.from_data(doc.data), doc
