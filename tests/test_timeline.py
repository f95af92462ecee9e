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


# -- In force on a date (issue 21): each release's period, from its effective date to the day before its successor's


def period(timeline: Timeline, release_id: str) -> tuple[str, str | None] | None:
    """A release's period as ISO dates, or None if it was never in force."""
    found = timeline.in_force(next(r for r in timeline.releases if r.id == release_id))
    return (found.start.isoformat(), found.end.isoformat() if found.end else None) if found else None


def in_force_on(timeline: Timeline, day: str) -> str | None:
    found = timeline.in_force_on(date.fromisoformat(day))
    return found.id if found else None


def test_a_release_is_in_force_from_its_effective_date_to_the_day_before_its_successor_takes_effect() -> None:
    """Both ends are days in force: the effective date itself, and the last day before the next release's."""
    timeline = Timeline(releases("2026-01-01", "2026-03-01", "2026-09-01"), date(2026, 6, 15))
    assert period(timeline, "2026-01-01") == ("2026-01-01", "2026-02-28")
    assert period(timeline, "2026-03-01") == ("2026-03-01", "2026-08-31")
    assert period(timeline, "2026-09-01") == ("2026-09-01", None)  # the newest: no end while no successor
    days = {
        "2025-12-31": None,  # before the first release took effect: none was in force
        "2026-01-01": "2026-01-01",  # its own effective date
        "2026-02-28": "2026-01-01",  # the day before its successor's
        "2026-03-01": "2026-03-01",  # the successor's effective date
        "2026-08-31": "2026-03-01",
        "2026-09-01": "2026-09-01",  # upcoming on 2026-06-15: in force from its date on
        "2099-01-01": "2026-09-01",
    }
    assert {day: in_force_on(timeline, day) for day in days} == days
    for day, release_id in days.items():  # the periods and the answer to a date say the same
        holding = [r.id for r in timeline.releases if (p := timeline.in_force(r)) and p.holds(date.fromisoformat(day))]
        assert holding == ([release_id] if release_id else []), day


def test_a_release_replaced_on_its_own_effective_date_was_never_in_force() -> None:
    """2026-01-01 and 2026-01-01-2 take effect the same day: the second is in force, the first never was."""
    timeline = Timeline(releases("2026-01-01", "2026-01-01-2", "2026-03-01"), date(2026, 6, 15))
    assert period(timeline, "2026-01-01") is None
    assert period(timeline, "2026-01-01-2") == ("2026-01-01", "2026-02-28")
    assert in_force_on(timeline, "2026-01-01") == "2026-01-01-2"
    assert in_force_on(timeline, "2025-12-31") is None
    later = Timeline(releases("2026-01-01", "2026-03-01", "2026-03-01-2", "2026-03-01-3"), date(2026, 6, 15))
    assert [period(later, i) for i in ("2026-01-01", "2026-03-01", "2026-03-01-2", "2026-03-01-3")] == [
        ("2026-01-01", "2026-02-28"),  # its successor's day is that of the first of the day's releases
        None,
        None,
        ("2026-03-01", None),
    ]


def test_an_upcoming_release_has_its_future_period_and_ends_the_current_ones() -> None:
    """Published ahead: its period starts on its date; the release in force now ends the day before."""
    timeline = Timeline(releases("2026-01-01", "2026-09-01", "2027-01-01"), date(2026, 6, 15))
    assert statuses(timeline)["2026-09-01"] == "upcoming"
    assert period(timeline, "2026-01-01") == ("2026-01-01", "2026-08-31")
    assert period(timeline, "2026-09-01") == ("2026-09-01", "2026-12-31")
    assert period(timeline, "2027-01-01") == ("2027-01-01", None)
    assert timeline.current.id == in_force_on(timeline, "2026-06-15") == "2026-01-01"


def test_before_anything_takes_effect_no_release_is_in_force_though_the_first_is_shown() -> None:
    timeline = Timeline(releases("2026-03-01"), date(2026, 1, 15))
    assert timeline.current.id == "2026-03-01" and timeline.in_force_on(timeline.today) is None
    assert period(timeline, "2026-03-01") == ("2026-03-01", None)


def test_neighbours_and_the_newest_are_found_by_place() -> None:
    """Each release's predecessor and successor, in release order; the newest is the last released, whatever
    is in force; a period cannot change once worked out."""
    import dataclasses

    import pytest

    from generator.record.timeline import Period

    ordered = releases("2026-01-01", "2026-03-01", "2026-05-01", "2026-07-01")
    timeline = Timeline(ordered, date(2026, 4, 1))
    assert timeline.newest is ordered[-1] and timeline.current is ordered[1]
    assert [timeline.predecessor(r) for r in ordered] == [None, *ordered[:-1]]
    assert [timeline.successor(r) for r in ordered] == [*ordered[1:], None]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Period(date(2026, 1, 1), None).end = date(2026, 2, 1)  # type: ignore[misc]  # the point: it is frozen
