"""`bot import`: load a public directory file into the service points (re-import updates)."""
from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

from bot.commands.cli import CommandError
from bot.directory.database import DirectoryUnavailable, check_ready, database_url, session_for
from bot.directory.importers import anct, dila, generic_csv
from bot.directory.importers.common import french_date
from bot.directory.importing import import_rows
from bot.directory.records import RecordError

LE_HAVRE_INSEE = "76351"


def _source_date(value: str | None):
    try:
        return french_date(value)
    except RecordError as problem:
        raise CommandError(str(problem)) from None


def _converter(args):
    today = date.today()
    if args.format == "dila":
        return dila.rows, partial(dila.to_record, checked=today,
                                  commune=None if args.all_communes else LE_HAVRE_INSEE)
    if args.format == "france-services":
        return anct.rows, partial(anct.to_record, checked=today, source_date=_source_date(args.source_date))
    return generic_csv.rows, partial(generic_csv.to_record, prefix=args.prefix)


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"fichier introuvable : {path}")
    url = args.database or database_url()
    try:
        check_ready(url)
    except DirectoryUnavailable as problem:
        raise CommandError(str(problem)) from None
    read_rows, convert = _converter(args)
    try:
        rows = list(read_rows(path))
    except (ValueError, UnicodeDecodeError) as problem:
        raise CommandError(f"{path.name} illisible : {problem}") from None
    with session_for(url) as session:
        report = import_rows(session, rows, convert, total=len(rows), progress=not args.quiet,
                             label=f"Import {args.format}")
    print(report.summary())
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import", help="importer un annuaire dans la base (DILA, France services, CSV)",
        description="Importe un fichier dans l'annuaire. Réimporter met à jour les lignes déjà "
                    "importées (même identifiant), sans doublon. Une ligne invalide est rejetée "
                    "seule, avec la raison, et rien de ce qui est déjà enregistré n'est perdu.")
    parser.add_argument("format", choices=["dila", "france-services", "csv"],
                        help="dila : Annuaire de l'administration (JSON) ; france-services : liste "
                             "ANCT (CSV) ; csv : CSV générique documenté dans docs/directory.md")
    parser.add_argument("file", help="chemin du fichier à importer")
    parser.add_argument("--database", help="URL de la base (par défaut DATABASE_URL de .env)")
    parser.add_argument("--source-date", help="date des données (JJ/MM/AAAA), pour la liste France services")
    parser.add_argument("--prefix", default="csv",
                        help="préfixe des identifiants du CSV générique (une source = un préfixe)")
    parser.add_argument("--all-communes", action="store_true",
                        help="DILA : garder toutes les communes (par défaut : Le Havre, INSEE 76351)")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")
    parser.set_defaults(handler=run)
