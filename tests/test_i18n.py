"""The words of each language (generator/words/i18n.py), in process: names, lists and durations as written."""

from __future__ import annotations

from generator.words import i18n


def test_a_language_is_named_as_in_a_menu_its_first_letter_capitalised_only() -> None:
    """CLDR writes "svenska" and "ruotsi" in lower case; a menu starts each with a capital, nothing more."""
    assert [i18n.language_name(lang, lang) for lang in ("fi", "sv", "en")] == ["Suomi", "Svenska", "English"]
    assert i18n.language_name("sv", "fi") == "Ruotsi"


def test_no_items_make_an_empty_list() -> None:
    assert i18n.format_list([], "fi") == ""


def test_a_duration_that_is_not_iso_8601_stays_as_written() -> None:
    assert i18n.format_duration("soon", "en") == "soon"


def test_a_swedish_number_of_days_is_grouped_as_swedish_writes_it() -> None:
    """Swedish days have words of their own (languages.UNIT_WORDS); the number is still written the Swedish way."""
    assert i18n.format_duration("P1000D", "sv") == "1\u00a0000 dagar"
