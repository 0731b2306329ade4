"""Opening hours: the formats we read, today's hours, open now, the week."""

from datetime import date, datetime, time

import pytest

from bot.directory.hours import (
    Exception_,
    HoursError,
    Interval,
    is_open,
    parse_day_ranges,
    parse_osm,
    to_osm,
    today_text,
    week,
)

MONDAY = date(2026, 11, 30)


def test_osm_like_rules_with_day_ranges_lists_and_two_slots():
    intervals = parse_osm("Mo-Fr 08:30-12:00,13:30-16:30; Sa 09:00-12:00")
    assert len(intervals) == 11
    assert Interval(5, time(9), time(12)) in intervals
    assert to_osm(parse_osm("Mo,We 09:00-12:00")) == "Mo 09:00-12:00; We 09:00-12:00"


@pytest.mark.parametrize("text", ["Lundi 9h-12h", "Mo 12:00-09:00", "Mo", "Mo 25:00-26:00", "Fr-Mo 09:00-10:00"])
def test_unreadable_hours_are_refused_with_a_reason(text):
    with pytest.raises(HoursError):
        parse_osm(text)


def test_anct_day_with_a_closed_placeholder_and_h_notation():
    assert parse_day_ranges("00:00 - 00:00 / 14:00 - 16:00") == [(time(14), time(16))]
    assert parse_day_ranges("9h00 - 12h00") == [(time(9), time(12))]
    assert parse_day_ranges("") == []


def test_today_and_open_now_around_the_lunch_break():
    intervals = parse_osm("Mo-Fr 08:30-12:00,13:30-16:30")
    assert today_text(intervals, MONDAY) == "08:30–12:00 et 13:30–16:30"
    assert is_open(intervals, datetime(2026, 11, 30, 10, 0))
    assert not is_open(intervals, datetime(2026, 11, 30, 12, 30))
    assert not is_open(intervals, datetime(2026, 11, 30, 16, 30))
    assert today_text(intervals, date(2026, 12, 5)) == "fermé"


def test_a_dated_exception_wins_over_the_weekly_hours():
    intervals = parse_osm("Mo-Fr 08:30-16:30")
    closed = [Exception_(MONDAY, closed=True, label="férié")]
    assert today_text(intervals, MONDAY, closed) == "fermé"
    assert not is_open(intervals, datetime(2026, 11, 30, 10), closed)
    shorter = [Exception_(MONDAY, closed=False, opens=time(9), closes=time(11))]
    assert today_text(intervals, MONDAY, shorter) == "09:00–11:00"


def test_week_lists_every_day_in_french():
    days = week(parse_osm("Mo-Fr 08:30-16:30"))
    assert [d["day"] for d in days][:2] == ["lundi", "mardi"]
    assert days[6] == {"day": "dimanche", "hours": "fermé"}
