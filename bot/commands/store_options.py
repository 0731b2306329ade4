"""Options shared by the commands that read the conversation database."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from bot.commands.cli import CommandError
from bot.conversations.database import create_engine
from bot.settings import tracker_store_url


def add_database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="base des conversations (par défaut TRACKER_STORE_URL de .env)")


def add_period_options(parser: argparse.ArgumentParser, default_days: int) -> None:
    parser.add_argument(
        "--since",
        metavar="AAAA-MM-JJ",
        type=day,
        help=f"à partir de ce jour (par défaut : il y a {default_days} jours)",
    )
    parser.add_argument(
        "--until", metavar="AAAA-MM-JJ", type=day, help="jusqu'à ce jour inclus (par défaut : aujourd'hui)"
    )
    parser.set_defaults(default_days=default_days)


def day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        raise argparse.ArgumentTypeError(f"date « {text} » : écrivez-la AAAA-MM-JJ, par exemple 2026-03-31") from None


def period(args: argparse.Namespace) -> tuple[datetime, datetime]:
    """[since, until) from the options; `until` is the day after the last day asked."""
    until = args.until + timedelta(days=1) if args.until else datetime.now()
    since = args.since or (until - timedelta(days=args.default_days)).replace(hour=0, minute=0, second=0, microsecond=0)
    if since >= until:
        raise CommandError("la date --since doit précéder la date --until")
    return since, until


def engine(args: argparse.Namespace) -> Engine:
    try:
        return create_engine(args.db or tracker_store_url())
    except Exception as error:  # a malformed URL or a missing database driver
        raise CommandError(
            f"adresse de base invalide ({type(error).__name__}) : vérifiez --db ou TRACKER_STORE_URL"
        ) from None
