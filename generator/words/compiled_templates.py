"""Compiled Jinja templates kept in memory for the life of the process.

Jinja compiles a template once per environment, and Seloste has an
environment per language (its catalog, its filters) and MkDocs one per build.
Environments of one kind compile a template to the same code, so the first
compilation serves them all: Jinja checks the source's checksum on every
load, and compiles a template whose source changed again. One exception:
Jinja applies a filter to a constant while it compiles, with the compiling
environment's filter; Seloste's templates never do that (a test in
tests/test_render.py checks), since "SE"|country would then read "Ruotsi"
in every language.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache

from generator import caches


class InMemory(BytecodeCache):
    """Share one only among environments of the same options (autoescaping, finalize): these shape the code,
    and so does a filter applied to a constant."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        caches.register(self.clear)

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()
