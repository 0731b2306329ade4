"""Today's date where the assistant serves: Europe/Paris, whatever the server's own time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def today(now: datetime | None = None) -> date:
    """The date in Paris now (or at the aware `now`): amounts and ceilings change at midnight in France."""
    return (now or datetime.now(PARIS)).astimezone(PARIS).date()
