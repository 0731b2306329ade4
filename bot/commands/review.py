"""`bot review`: the messages the assistant misunderstood; `--apply FILE` adds the labelled ones."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from bot.commands.cli import CommandError
from bot.commands.store_options import add_database_option, add_period_options, engine, period
from bot.conversations.database import ConversationStoreError, read_events
from bot.conversations.review import LOW_CONFIDENCE, export, group, misunderstood, table
from bot.conversations.review_apply import LabelError, apply_labels, domain_intents, read_labels
from bot.paths import HELDOUT_NLU, NLU_DATA, RESULTS, ROOT

SHOWN = 30
NLU_DIR, HELDOUT_DIR = NLU_DATA, HELDOUT_NLU


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "review",
        help="messages mal compris par l'assistant, à étiqueter",
        description="Liste les messages des vraies conversations tombés dans nlu_fallback ou compris avec une "
        "confiance faible, regroupés (messages presque identiques ensemble) et comptés, avec "
        "l'intention devinée, et les exporte dans un fichier CSV à compléter (colonnes intent et "
        "destination). Avec --apply FICHIER, ajoute les lignes étiquetées aux données.",
    )
    add_period_options(parser, default_days=7)
    add_database_option(parser)
    parser.add_argument(
        "--threshold",
        type=float,
        default=LOW_CONFIDENCE,
        metavar="CONFIANCE",
        help=f"confiance en dessous de laquelle un message compte (par défaut {LOW_CONFIDENCE})",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FICHIER", help="fichier CSV exporté (par défaut results/review/revue-<date>.csv)"
    )
    parser.add_argument(
        "--apply",
        type=Path,
        metavar="FICHIER",
        help="ajouter les messages étiquetés de ce fichier aux données d'entraînement ou de test",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    return apply(args.apply) if args.apply else review(args)


def review(args: argparse.Namespace) -> int:
    since, until = period(args)
    try:
        groups = group(misunderstood(read_events(engine(args), since, until), args.threshold))
    except ConversationStoreError as error:
        raise CommandError(str(error)) from None
    print(
        f"Messages mal compris du {since:%d/%m/%Y} au {until:%d/%m/%Y %H:%M} : "
        f"{sum(g.count for g in groups)} messages en {len(groups)} groupes."
    )
    if not groups:
        return 0
    print(table(groups, limit=SHOWN))
    if len(groups) > SHOWN:
        print(f"… et {len(groups) - SHOWN} autres groupes dans le fichier.")
    path = export(groups, args.out or RESULTS / "review" / f"revue-{date.today():%Y-%m-%d}.csv")
    print(
        f"\nFichier à compléter : {path}\n"
        "Remplissez la colonne « intent » (nom de l'intention) et, pour le jeu de test, « destination » = "
        "heldout ; laissez vide ce qui ne doit pas être appris. Puis : bot review --apply " + str(path)
    )
    return 0


def apply(path: Path) -> int:
    try:
        report = apply_labels(read_labels(path, domain_intents()), NLU_DIR, HELDOUT_DIR)
    except LabelError as error:
        raise CommandError(str(error)) from None
    for label, target in report.added:
        print(f"  ajouté à {_shown(target)} ({label.intent}) : {label.text}")
    for label in report.duplicates:
        print(f"  déjà présent, ignoré (ligne {label.line}) : {label.text}")
    for label in report.masked:
        print(f"  contient des données masquées, ignoré (ligne {label.line})")
    print(
        f"{len(report.added)} exemple(s) ajouté(s), {len(report.duplicates)} doublon(s), "
        f"{len(report.masked)} masqué(s)."
    )
    if report.added:
        print("Vérifiez avec `bot check`, puis réentraînez (make train) et évaluez.")
    return 0


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
