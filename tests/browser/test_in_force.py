"""The version history answers "which version was in force on this date?", in Chromium (issue 21, item 5).

On the three-release fixture's site (2026-01-01, in force 2026-03-01 to
2026-08-31, upcoming 2026-09-01; built as of 2026-06-15): a date typed into
the form lands on the entry of the release in force on it, the boundary
days included; a date before the first release says so in the page's
language; without a script the form is gone and the list of periods answers
alone; the form passes axe-core in light and dark mode. The Nu Html Checker,
axe on every changelog and the no-other-host check run on these pages with
every other page (tests/browser/test_pages.py).
"""

from __future__ import annotations

import datetime

import pytest

from generator.words import i18n
from support import PROJECT

pytestmark = pytest.mark.browser

IN_FORCE_ON = {  # a date typed into the form -> the release whose entry it lands on
    "2026-01-01": "2026-01-01",  # the first release's own effective date
    "2026-02-28": "2026-01-01",  # the day before its successor takes effect
    "2026-03-01": "2026-03-01",  # the successor's effective date
    "2026-06-15": "2026-03-01",  # the build date: the release in force
    "2026-08-31": "2026-03-01",  # the day before the upcoming release takes effect
    "2026-09-01": "2026-09-01",  # upcoming: in force from its date
    "2031-01-01": "2026-09-01",  # the newest has no end
}


def say(lang: str, message: str, **values: str) -> str:
    text = i18n.translations(PROJECT.locales, lang).gettext(message)
    if lang != "en":
        assert text != message, f"untranslated in {lang}: {message}"
    return text % values if values else text


def ask(page, day: str) -> dict:
    """Type a date into the form and submit it with Enter, as a reader does; what the page did."""
    field = page.locator("#seloste-on-date-day")
    field.fill(day)
    field.press("Enter")
    page.wait_for_timeout(100)
    return page.evaluate(
        """() => ({hash: location.hash, focused: document.activeElement.id,
                   status: document.getElementById('seloste-on-date-status').textContent,
                   shown: (r => r.top >= 0 && r.bottom <= innerHeight)(document.activeElement.getBoundingClientRect())})"""
    )


def test_a_date_lands_on_the_release_in_force_on_it(lang, multi_release_site, open_page):
    visit = open_page(f"/{lang}/changelog/", site=multi_release_site.name)
    try:
        page = visit.page
        assert page.locator("#seloste-on-date").is_visible()
        label = page.locator("label[for=seloste-on-date-day]").inner_text().strip()
        assert label == say(lang, "Date")
        landed = {day: ask(page, day) for day in IN_FORCE_ON}
        before = ask(page, "2025-12-31")
    finally:
        visit.close()
    wrong = {day: found for day, found in landed.items() if found["hash"] != f"#{IN_FORCE_ON[day]}"}
    assert not wrong, f"/{lang}/changelog/: dates that landed elsewhere: {wrong}"
    for day, found in landed.items():
        assert found["focused"] == IN_FORCE_ON[day] and found["status"] == "", (day, found)
        assert found["shown"], f"{day}: the entry's heading is not in the window: {found}"
    first = i18n.format_date(datetime.date(2026, 1, 1), lang)
    none = say(
        lang, "No version of this notice was in force on that date: the first took effect on %(date)s.", date=first
    )
    assert before["status"] == none, before
    assert before["hash"] == landed["2031-01-01"]["hash"], "a date before the first release moved the page"


def test_without_a_script_the_list_of_periods_answers_and_no_form_shows(lang, multi_release_site, open_page):
    visit = open_page(f"/{lang}/changelog/", site=multi_release_site.name, java_script_enabled=False)
    try:
        page = visit.page
        form_shows = page.locator("#seloste-on-date").is_visible()
        items = page.locator(".seloste-periods li").all_inner_texts()
        heading = page.locator("h2#in-force-on-a-date").inner_text()
    finally:
        visit.close()
    assert not form_shows, "the date form shows where no script can answer it"
    assert heading.strip() == say(lang, "Version in force on a date")
    version = i18n.translations(PROJECT.locales, lang).gettext("Version")
    day = {
        d: i18n.format_date(datetime.date.fromisoformat(d), lang) for d in ("2026-01-01", "2026-02-28", "2026-03-01")
    }
    assert items[1] == f"{version} 2026-03-01: " + say(
        lang,
        "In force from %(start)s to %(end)s.",
        start=day["2026-03-01"],
        end=i18n.format_date(datetime.date(2026, 8, 31), lang),
    )
    assert items[2] == f"{version} 2026-01-01: " + say(
        lang, "Was in force from %(start)s to %(end)s.", start=day["2026-01-01"], end=day["2026-02-28"]
    )
    assert len(items) == 3 and "2026-09-01" in items[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_form_and_its_answer_pass_axe(scheme, multi_release_site, open_page, axe_source):
    """The form, after it said that no version was in force, in both colour schemes."""
    visit = open_page("/fi/changelog/", site=multi_release_site.name, color_scheme=scheme)
    try:
        ask(visit.page, "2025-12-31")
        violations = visit.run_axe(axe_source)
        checked = visit.page.evaluate("() => getComputedStyle(document.querySelector('#seloste-on-date button')).color")
    finally:
        visit.close()
    assert not violations, [(v["id"], [n["html"] for n in v["nodes"]]) for v in violations]
    assert checked  # the button was laid out
