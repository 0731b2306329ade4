"""`bot stats`: conversations, messages, top intents, fallback rate, services and places searched."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.commands.cli import CommandError
from bot.commands.store_options import add_database_option, add_period_options, engine, period
from bot.conversations.database import ConversationStoreError, read_events
from bot.conversations.stats import chart, compute, table
from bot.paths import RESULTS


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "stats",
        help="chiffres des conversations sur une période (tableau et graphique)",
        description="Nombre de conversations et de messages, intentions les plus fréquentes, taux "
        "d'incompréhension (nlu_fallback), types de service et quartiers les plus cherchés, "
        "en tableau et dans une image PNG.",
    )
    add_period_options(parser, default_days=30)
    add_database_option(parser)
    parser.add_argument(
        "--chart",
        type=Path,
        metavar="FICHIER.png",
        help="image produite (par défaut results/stats/stats-<début>-<fin>.png)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    since, until = period(args)
    try:
        stats = compute(read_events(engine(args), since, until), since, until)
    except ConversationStoreError as error:
        raise CommandError(str(error)) from None
    print(table(stats))
    path = chart(stats, args.chart or RESULTS / "stats" / f"stats-{since:%Y%m%d}-{until:%Y%m%d}.png")
    print(f"\nGraphique : {path}")
    return 0
