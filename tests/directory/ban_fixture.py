"""The test address base (fixtures/ban_adresses.csv): loaded into a directory as `bot import ban` does."""

from __future__ import annotations

from pathlib import Path

from bot.directory.addresses import load_ban
from bot.directory.database import session_for
from bot.directory.derived_points import derive
from bot.directory.storing import reposition

BAN_FIXTURE = Path(__file__).parent / "fixtures" / "ban_adresses.csv"


def load_test_addresses(url: str, path: Path = BAN_FIXTURE, commune: str | None = "76351"):
    """Load the BAN file, derive the places' points, reposition the points; returns the BAN report."""
    with session_for(url) as session:
        report = load_ban(session, path, commune)
        if commune:
            report.derived = derive(session, commune)
        reposition(session)
        session.commit()
    return report
