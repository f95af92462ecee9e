"""A translation a translator marked `#, fuzzy` (a guess to review) is never published (generator/words/i18n.py)."""

from __future__ import annotations

from pathlib import Path

from generator.words import i18n
from generator.words.render import translate

CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fi\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "In force"
msgstr "Voimassa"

#, fuzzy
msgid "Upcoming"
msgstr "Tuleva (arvaus)"

#, fuzzy, python-format
msgid "Changes in version %(id)s"
msgstr "Muutokset versiossa %(id)s (arvaus)"
"""
"""A Finnish catalog as pybabel and Weblate write one: two entries still fuzzy, one reviewed."""


def test_a_fuzzy_entry_is_left_out_and_the_source_text_used(tmp_path: Path) -> None:
    """The reviewed entry is used; each fuzzy one falls back to the English source, as gettext's msgfmt does."""
    po = tmp_path / "fi" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(CATALOG, encoding="utf-8")
    catalog = i18n.translations(tmp_path, "fi")
    assert catalog.gettext("In force") == "Voimassa"
    assert catalog.gettext("Upcoming") == "Upcoming"
    assert translate("Changes in version %(id)s", "fi", tmp_path, id="2026-01-01") == "Changes in version 2026-01-01"
