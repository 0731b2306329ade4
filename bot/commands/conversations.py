"""`bot conversations purge`: delete the conversations older than RETENTION_DAYS."""

from __future__ import annotations

import argparse

from bot.commands.cli import CommandError
from bot.commands.store_options import add_database_option, engine
from bot.conversations.database import ConversationStoreError
from bot.conversations.retention import cutoff, purge
from bot.settings import retention_days


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "conversations",
        help="gérer les conversations enregistrées",
        description="Gérer les conversations enregistrées.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    purge_parser = actions.add_parser(
        "purge",
        help="supprimer les conversations plus anciennes que la durée de conservation",
        description="Supprime les conversations plus anciennes que RETENTION_DAYS jours (.env, 90 par défaut).",
    )
    purge_parser.add_argument(
        "--days", type=int, metavar="JOURS", help="durée de conservation en jours (par défaut RETENTION_DAYS de .env)"
    )
    purge_parser.add_argument("--dry-run", action="store_true", help="compter sans rien supprimer")
    add_database_option(purge_parser)
    purge_parser.set_defaults(handler=run_purge)
    parser.set_defaults(handler=lambda _: parser.print_help() or 1)


def run_purge(args: argparse.Namespace) -> int:
    days = args.days if args.days is not None else retention_days()
    if days < 1:
        raise CommandError("--days doit valoir au moins 1")
    before = cutoff(days)
    try:
        result = purge(engine(args), before, dry_run=args.dry_run)
    except ConversationStoreError as error:
        raise CommandError(str(error)) from None
    verb = "seraient supprimés" if args.dry_run else "supprimés"
    print(
        f"Avant le {before:%d/%m/%Y %H:%M} ({days} jours) : {result.conversations} conversation(s) entière(s), "
        f"{result.events} événement(s) {verb}."
    )
    return 0
