"""The README shows the shop's newsletter form with the notice at the form `release` writes today
(tests/form_notice_example.py; `make docs` writes it), as test_announcement_example.py keeps the guide's example."""

from __future__ import annotations

import json

from form_notice_example import ADDRESS, README, frozen_entry, with_example


def test_the_readme_shows_the_notice_at_the_form_release_writes_for_the_shop_s_newsletter() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme == with_example(readme), "README.md: the example notice at the form is out of date: run `make docs`"


def test_the_example_is_the_newsletter_s_notice_linking_its_section_of_the_release() -> None:
    entry = json.loads(frozen_entry())
    assert entry["purpose"] == "newsletter" and entry["release"] == "2026-06-01" and entry["lang"] == "en"
    assert entry["link"] == f"{ADDRESS}/en/2026-06-01/#purpose-newsletter"
    assert entry["text"].startswith("Controller: Puolukka Verkkokauppa Oy. Purpose of the processing: newsletter.")
    assert "(consent, Art. 6(1)(a) or legitimate interests, Art. 6(1)(f))" in entry["text"]
    assert "You can withdraw your consent at any time." in entry["text"]
    assert entry["text"].endswith("for direct marketing (Art. 21(2)).")
    assert '<input type="hidden" name="privacy_notice_version" value="2026-06-01">' in entry["html"]
