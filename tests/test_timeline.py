"""Which release is in force, which upcoming, which archived: generator/record/timeline.py, on dates that decide."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.record.releases import Release
from generator.record.timeline import Timeline


def releases(*ids: str) -> tuple[Release, ...]:
    """Releases as the lock lists them, oldest first; an id is its effective date, with -2 for a second that day."""
    return tuple(Release(i, date.fromisoformat(i[:10]), {}, Path(i)) for i in ids)


def statuses(timeline: Timeline) -> dict[str, str]:
    return {r.id: timeline.status(r) for r in timeline.releases}


def test_before_the_first_release_takes_effect_the_first_is_shown_not_the_newest() -> None:
    """Until anything is in force, the notice shown is the first release; the later ones stay upcoming."""
    timeline = Timeline(releases("2026-03-01", "2026-09-01"), date(2026, 1, 15))
    assert timeline.current.id == "2026-03-01"
    assert statuses(timeline) == {"2026-03-01": "current", "2026-09-01": "upcoming"}
    assert timeline.upcoming is not None and timeline.upcoming.id == "2026-09-01"


def test_of_two_upcoming_releases_the_nearest_is_announced() -> None:
    """The release announced as next is the one that takes effect first, not the furthest ahead."""
    timeline = Timeline(releases("2026-01-01", "2026-09-01", "2027-01-01"), date(2026, 6, 15))
    assert timeline.current.id == "2026-01-01"
    assert timeline.upcoming is not None and timeline.upcoming.id == "2026-09-01"
    assert statuses(timeline) == {"2026-01-01": "current", "2026-09-01": "upcoming", "2027-01-01": "upcoming"}


def test_of_two_releases_on_one_day_the_earlier_is_archived_from_that_day() -> None:
    """From their day on, the second release of a day is in force and the first archived, never upcoming."""
    ids = ("2026-01-01", "2026-03-01", "2026-03-01-2")
    for today in (date(2026, 3, 1), date(2026, 6, 15)):
        timeline = Timeline(releases(*ids), today)
        assert timeline.current.id == "2026-03-01-2"
        assert statuses(timeline) == {"2026-01-01": "archived", "2026-03-01": "archived", "2026-03-01-2": "current"}
        assert timeline.upcoming is None


def test_of_two_upcoming_releases_on_one_day_the_one_that_takes_effect_is_announced() -> None:
    """Before their day, the announcement names the second release of the day: the first is never in force."""
    timeline = Timeline(releases("2026-01-01", "2026-03-01", "2026-03-01-2"), date(2026, 2, 1))
    assert timeline.upcoming is not None and timeline.upcoming.id == "2026-03-01-2"
    on_the_day = Timeline(timeline.releases, date(2026, 3, 1))
    assert on_the_day.current.id == timeline.upcoming.id
