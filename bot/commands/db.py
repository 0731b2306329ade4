"""`bot db`: create or upgrade the directory database and load the Le Havre seed."""

from __future__ import annotations

from bot.commands.cli import CommandError
from bot.directory import coverage, migrations
from bot.directory.database import DirectoryUnavailable, check_ready, database_url, describe, session_for
from bot.directory.seed import seed_places, seed_services


def _upgrade(url: str) -> None:
    try:
        revision = migrations.upgrade(url)
    except Exception as error:  # the driver's own errors vary (sqlite3, psycopg2)
        raise CommandError(
            f"impossible de mettre à jour la base {describe(url)} : "
            f"{type(error).__name__}. Vérifiez DATABASE_URL dans .env."
        ) from None
    print(f"Base {describe(url)} : schéma à jour (révision {revision}).")


def _seed(url: str) -> None:
    with session_for(url) as session:
        places = seed_places(session)
        report = seed_services(session)
    print(f"Lieux : {places}. Points de service (amorce du Havre) : {report.summary()}")
    if report.rejected:
        raise CommandError("des lignes de l'amorce ont été rejetées : corrigez data/directory/services.yml.")


def init(args) -> int:
    url = args.database or database_url()
    _upgrade(url)
    _seed(url)
    return 0


def upgrade(args) -> int:
    _upgrade(args.database or database_url())
    return 0


def check(args) -> int:
    url = args.database or database_url()
    try:
        check_ready(url)
    except DirectoryUnavailable as problem:
        raise CommandError(str(problem)) from None
    current, head = migrations.current_revision(url), migrations.head_revision()
    if current != head:
        raise CommandError(f"schéma en révision {current}, attendu {head} : lancez `bot db upgrade`.")
    print(f"Base {describe(url)} prête (révision {current}).")
    with session_for(url) as session:
        print("Couverture par type de lieu :")
        print(coverage.table(coverage.by_type(session)))
        print(coverage.places_line(session))
        print(coverage.addresses_line(session))
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("db", help="base de l'annuaire : créer, mettre à jour, vérifier")
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    for name, handler, help_text in (
        ("init", init, "créer ou mettre à jour le schéma, puis charger l'amorce du Havre"),
        ("upgrade", upgrade, "appliquer les migrations (Alembic) sans toucher aux données"),
        ("check", check, "vérifier la base (réponse, schéma à jour) et afficher sa couverture par type"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("--database", help="URL de la base (par défaut DATABASE_URL de .env)")
        action.set_defaults(handler=handler)
    parser.set_defaults(handler=lambda _args: parser.print_help() or 1)
