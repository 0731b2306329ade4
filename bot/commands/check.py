"""`bot check`: is the training data ready to ship? Every problem with file, line and fix."""

from __future__ import annotations

from bot.checks.project import project_problems, rasa_validate


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="vérifier les données (rasa data validate + règles du projet)",
        description="Vérifie les données d'entraînement : « rasa data validate » puis les règles du projet "
        "(30 exemples d'entraînement et 8 de test par intention, pas d'exemple dans deux "
        "intentions, pas d'exemple de test déjà appris, une réponse, une règle et une "
        "conversation de test par intention, une source et une date pour chaque fait, "
        "aucun « À COMPLÉTER » restant). Chaque problème dit le fichier, la ligne et "
        "comment le corriger.",
    )
    parser.add_argument(
        "--sans-rasa", action="store_true", help="seulement les règles du projet (rapide, sans « rasa data validate »)"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    problems = project_problems()
    print(f"Règles du projet : {'aucun problème' if not problems else f'{len(problems)} problème(s)'}")
    for problem in problems:
        print(f"  {problem}".replace("\n", "\n  "))
    rasa_ok = True
    if not args.sans_rasa:
        print("rasa data validate…", flush=True)
        validation = rasa_validate()
        rasa_ok = validation.passed
        print("rasa data validate : " + ("aucun problème" if rasa_ok else "échec ; ses messages :"))
        for message in validation.messages if not rasa_ok else ():
            print(f"  {message}")
    if problems or not rasa_ok:
        print("\nÀ corriger avant d'entraîner ou de publier.")
        return 1
    print("\nTout est en ordre.")
    return 0
