"""`bot import`: load a public directory file (DILA, France services, CSV) or the address base (BAN).

Files are read as streams with a progress bar; the report is printed and written to a
file (results/imports/ by default). Re-importing the same file changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from pathlib import Path

from bot.commands.cli import CommandError
from bot.directory.addresses import load_ban
from bot.directory.database import DirectoryUnavailable, check_ready, database_url, session_for
from bot.directory.derived_points import derive
from bot.directory.importers import anct, dila, generic_csv
from bot.directory.importers.common import french_date
from bot.directory.importers.json_stream import JsonStreamError
from bot.directory.importing import Scope, import_rows
from bot.directory.records import RecordError
from bot.directory.schema import ImportRun
from bot.directory.storing import reposition
from bot.paths import RESULTS
from bot.territory import LE_HAVRE_INSEE, LE_HAVRE_NAME

FORMATS = ("dila", "france-services", "csv", "ban")


def _source_date(value: str | None):
    try:
        return french_date(value)
    except RecordError as problem:
        raise CommandError(str(problem)) from None


def _commune(args) -> str | None:
    commune = "all" if args.all_communes else (args.commune or LE_HAVRE_INSEE)
    if commune.lower() in ("all", "toutes"):
        return None
    if not (len(commune) == 5 and commune[:2].isalnum() and commune[2:].isdigit()):
        raise CommandError(
            f"code INSEE de commune invalide : « {commune} » "
            f"(5 caractères, ex. {LE_HAVRE_INSEE} pour {LE_HAVRE_NAME}, ou « all »)"
        )
    return commune


def _plan(args, path: Path, commune: str | None, today: date):
    """(rows, convert, origin, key_of) for the file's format."""
    progress = not args.quiet
    if args.format == "dila":
        return (
            dila.rows(path, progress),
            partial(dila.to_record, checked=today, commune=commune),
            "dila",
            dila.source_key,
        )
    if args.format == "france-services":
        data_date = _source_date(args.source_date) or anct.file_date(path)
        return (
            anct.rows(path, progress),
            partial(anct.to_record, checked=today, source_date=data_date, commune=commune),
            "anct",
            anct.source_key,
        )
    prefix = args.prefix
    return (
        generic_csv.rows(path, progress),
        partial(generic_csv.to_record, prefix=prefix, commune=commune),
        prefix,
        partial(generic_csv.source_key, prefix=prefix),
    )


def _report_file(args, kind: str, started: datetime) -> Path:
    if args.report:
        return Path(args.report)
    return RESULTS / "imports" / f"{kind}-{started:%Y%m%d-%H%M%S}.txt"


def _write_report(path: Path, header: str, summary: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n{summary}\n", encoding="utf-8")


def _import_ban(args, path: Path, url: str, commune: str | None) -> str:
    with session_for(url) as session:
        report = load_ban(session, path, commune, progress=not args.quiet)
        if commune:
            report.derived = derive(session, commune)
        moved = reposition(session)
        session.commit()
    return report.summary() + f"\nPoints de service repositionnés grâce aux adresses : {moved}"


def _import_directory(args, path: Path, url: str, commune: str | None, started: datetime) -> str:
    rows, convert, origin, key_of = _plan(args, path, commune, started.date())
    with session_for(url) as session:
        report = import_rows(
            session, rows, convert, today=started.date(), scope=Scope(origin, commune), prune=args.prune, key_of=key_of
        )
        session.add(
            ImportRun(
                kind=origin if args.format != "csv" else f"csv:{origin}",
                file=path.name[:300],
                commune=commune or "toutes",
                started=started,
                finished=datetime.now(),
                summary=report.summary(),
            )
        )
        session.commit()
    return report.summary()


def run(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"fichier introuvable : {path}")
    url = args.database or database_url()
    try:
        check_ready(url)
    except DirectoryUnavailable as problem:
        raise CommandError(str(problem)) from None
    commune = _commune(args)
    started = datetime.now()
    try:
        if args.format == "ban":
            summary = _import_ban(args, path, url, commune)
        else:
            summary = _import_directory(args, path, url, commune, started)
    except (ValueError, UnicodeDecodeError, OSError, JsonStreamError) as problem:
        raise CommandError(f"{path.name} illisible : {problem}") from None
    header = f"Import {args.format} de {path.name} le {started:%d/%m/%Y à %H:%M} — commune : {commune or 'toutes'}"
    report_path = _report_file(args, args.format, started)
    _write_report(report_path, header, summary)
    print(f"{header}\n{summary}\nRapport écrit dans {report_path}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="importer un annuaire (DILA, France services, CSV) ou la base d'adresses (BAN)",
        description="Importe un fichier dans l'annuaire. Réimporter le même fichier ne change rien ; une ligne "
        "modifiée est mise à jour (même identifiant), sans doublon ; un lieu déjà connu par une "
        "autre source est fusionné, chaque source gardée. Une ligne invalide est rejetée seule, "
        "avec la raison. Le rapport est affiché et écrit dans un fichier.",
    )
    parser.add_argument(
        "format",
        choices=FORMATS,
        help="dila : Annuaire de l'administration (JSON, export API ou JSON lines) ; "
        "france-services : liste ANCT (CSV) ; csv : CSV générique (docs/directory.md) ; "
        "ban : Base Adresse Nationale (adresses-76.csv ou .csv.gz)",
    )
    parser.add_argument("file", help="chemin du fichier à importer (.gz accepté)")
    parser.add_argument("--database", help="URL de la base (par défaut DATABASE_URL de .env)")
    parser.add_argument(
        "--commune",
        help=f"code INSEE de la commune gardée (par défaut {LE_HAVRE_INSEE}, {LE_HAVRE_NAME} ; « all » pour toutes)",
    )
    parser.add_argument("--all-communes", action="store_true", help="garder toutes les communes (= --commune all)")
    parser.add_argument(
        "--prune",
        action="store_true",
        help="retirer de l'annuaire les lieux de cette source absents du fichier (listés dans "
        "le rapport) ; sans cette option ils sont gardés et listés",
    )
    parser.add_argument(
        "--source-date",
        help="date des données (JJ/MM/AAAA), pour la liste France services "
        "(sinon la date du nom du fichier, ex. liste-fs-20240801.csv)",
    )
    parser.add_argument(
        "--prefix", default="csv", help="préfixe des identifiants du CSV générique (une source = un préfixe)"
    )
    parser.add_argument("--report", help="fichier du rapport (par défaut results/imports/<format>-<date>.txt)")
    parser.add_argument("--quiet", action="store_true", help="sans barre de progression")
    parser.set_defaults(handler=run)
