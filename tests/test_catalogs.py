"""The gettext catalogs: complete in every language, and in step with the templates."""

from __future__ import annotations

import subprocess
import sys

import pytest
from babel.messages.pofile import read_po

from support import LANGS, REPO


def catalog(lang: str):
    with open(REPO / "locales" / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_none_is_fuzzy(lang: str) -> None:
    entries = [m for m in catalog(lang) if m.id]
    assert entries
    assert [m.id for m in entries if not m.string] == []
    assert [m.id for m in entries if m.fuzzy] == []
    assert [(m.id, errors) for m in entries if (errors := list(m.check()))] == []


@pytest.mark.parametrize("lang", ("fi", "sv"))
def test_finnish_and_swedish_are_not_english(lang: str) -> None:
    same = [m.id for m in catalog(lang) if m.id and m.string == m.id]
    assert len(same) <= 3, same  # proper names or codes may coincide; sentences may not


def test_catalogs_hold_every_string_of_the_templates(tmp_path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "--no-location",
                    "-o", str(pot), "generator"], cwd=REPO, check=True, capture_output=True)
    with open(pot, "rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    for lang in LANGS:
        assert sorted(wanted - {m.id for m in catalog(lang) if m.id}) == [], lang
