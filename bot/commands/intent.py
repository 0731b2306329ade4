"""`bot intent new NAME`: scaffold a new intent (examples, reply, rule, tests, documentation)."""

from __future__ import annotations

from bot.checks.markers import MARKER
from bot.checks.scaffold import ADDED_GROUP, PREFIXES, NameRefused, Scaffold, groups, scaffold
from bot.commands.cli import CommandError
from bot.paths import relative


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "intent",
        help="gérer les intentions (ajouter une intention)",
        description="Gérer les intentions de l'assistant.",
    )
    actions = parser.add_subparsers(title="actions", metavar="ACTION")
    new = actions.add_parser(
        "new",
        help="préparer tout ce qu'il faut pour une nouvelle intention",
        description="Crée tout ce dont une nouvelle intention a besoin, avec « À COMPLÉTER » aux endroits "
        "à remplir : les exemples d'entraînement, les exemples de test, la réponse (ou la fiche "
        "de connaissance avec --benefit), la règle, une conversation de test et la ligne de "
        "docs/intents.md. « bot check » échoue tant qu'il reste un « À COMPLÉTER ».",
    )
    new.add_argument(
        "name",
        metavar="NOM",
        help="nom de l'intention : minuscules, mots séparés par _, commençant par "
        + ", ".join(f"{p}_" for p in PREFIXES),
    )
    new.add_argument(
        "--benefit",
        action="store_true",
        help="c'est un sujet d'aide ou de droit : réponse par une fiche de connaissance "
        "(data/knowledge/entries/) au lieu d'un texte de réponse",
    )
    new.add_argument(
        "--description", default="", help="ce que la personne demande, en une ligne (pour docs/intents.md)"
    )
    new.add_argument(
        "--groupe",
        default=ADDED_GROUP,
        help=f"dossier de data/nlu/ où créer le fichier des exemples de l'intention, data/nlu/<groupe>/NOM.yml : "
        f"{', '.join(groups())} (par défaut {ADDED_GROUP})",
    )
    new.set_defaults(handler=run)
    parser.set_defaults(handler=lambda args: parser.print_help() or 1)


def run(args) -> int:
    try:
        changed = scaffold(Scaffold(args.name.strip(), args.benefit, " ".join(args.description.split()), args.groupe))
    except NameRefused as refused:
        raise CommandError(f"nom refusé : {refused}.") from None
    print(f"Intention {args.name} préparée. Fichiers créés ou modifiés :")
    for path in changed:
        print(f"  - {relative(path)}")
    print(
        f"\nRemplacez chaque « {MARKER} » (les exemples, la réponse, la conversation de test), "
        "puis lancez « bot check » : il indique ce qui reste à faire, fichier et ligne. "
        "Le guide : docs/guide-formateurs.md."
    )
    return 0
