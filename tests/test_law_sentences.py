"""Every sentence that states the law is pinned to its article and to its approved words in each language
(tests/law_sentences.py): changing one, or adding one, is a visible decision, never a side effect.

A deliberate change: edit the catalog, run `.venv/bin/python tests/law_words.py`, give a new message its
articles in tests/law_sentences.py, and review that file's diff against the regulation's official texts.
"""

from __future__ import annotations

import re

import pytest
from law_sentences import LAW
from law_words import law_msgids, said

LANGS = ("fi", "sv", "en")


def _text(msgid: str | tuple[str, str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def test_every_message_that_states_the_law_is_listed_and_nothing_else() -> None:
    found = law_msgids()
    assert sorted(map(_text, found - set(LAW))) == [], "new law-stating messages: list them in tests/law_sentences.py"
    assert sorted(map(_text, set(LAW) - found)) == [], "listed messages no longer said: remove them"


@pytest.mark.parametrize("lang", LANGS)
def test_each_law_stating_message_says_its_approved_words(lang: str) -> None:
    catalog = said(lang)
    changed = {
        _text(msgid): (catalog.get(msgid), texts[lang])
        for msgid, (_articles, texts) in LAW.items()
        if catalog.get(msgid) != texts[lang]
    }
    assert changed == {}, "a catalog changed a sentence of law: review it and update tests/law_sentences.py"


def test_each_listed_message_names_the_articles_it_cites() -> None:
    unreviewed = [_text(msgid) for msgid, (articles, _texts) in LAW.items() if not articles or "TODO" in articles]
    assert unreviewed == []
    for msgid, (articles, _texts) in LAW.items():
        for cited in re.findall(r"Art\. (\d+)", _text(msgid)):
            assert any(re.match(rf"{cited}\b", article) for article in articles), (msgid, cited, articles)


def test_every_language_cites_the_same_articles() -> None:
    """An article the English cites is cited in Finnish ("22 artiklan") and Swedish ("artikel 22") too."""
    for msgid, (_articles, texts) in LAW.items():
        english = " ".join(texts["en"]) if isinstance(texts["en"], tuple) else texts["en"]
        for number in re.findall(r"Art\. (\d+)", english):
            for lang in ("fi", "sv"):
                text = " ".join(texts[lang]) if isinstance(texts[lang], tuple) else texts[lang]
                assert re.search(rf"(?<![\d.]){number}(?!\d)", text), (lang, msgid, number)
