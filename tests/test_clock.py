"""Today is the date in Paris, whatever the server's time zone: amounts change at midnight in France."""

from datetime import datetime, timezone

from bot.clock import today


def test_the_day_changes_at_midnight_in_paris_not_utc():
    # 1 April 2026, 00:30 in Paris (summer time, UTC+2): the new amounts of 1 April are in force.
    assert today(datetime(2026, 3, 31, 22, 30, tzinfo=timezone.utc)).isoformat() == "2026-04-01"
    # 31 December 2026, 23:30 in Paris (winter time, UTC+1) is still 2026 there.
    assert today(datetime(2026, 12, 31, 22, 30, tzinfo=timezone.utc)).isoformat() == "2026-12-31"
    assert today(datetime(2026, 12, 31, 23, 30, tzinfo=timezone.utc)).isoformat() == "2027-01-01"
