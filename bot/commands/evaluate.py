"""`bot evaluate`: train if needed, evaluate on the held-out set, write the report, compare with the last one."""

from __future__ import annotations

import subprocess
from datetime import datetime

from bot.commands.cli import CommandError
from bot.nlu.evaluation import EVALUATION_DIR, evaluate_nlu
from bot.nlu.evaluation_report import write_reports
from bot.nlu.training import ensure_model
from bot.paths import RESULTS, relative


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="mesurer ce que l'assistant comprend (rapport HTML)",
        description="Entraîne le modèle si les données ont changé, l'évalue sur les quatre jeux de test "
        "(tests/data/nlu/set_a, set_b, set_c, set_d) et écrit results/evaluation/report.html "
        "(résultats par jeu et par registre, précision, rappel et F1 par intention, matrice de confusion, "
        "confusions les plus fréquentes avec leurs exemples, entités) et summary.txt. Compare avec "
        "l'évaluation précédente et signale les reculs (intention ou registre) et les objectifs non "
        "atteints. Code de sortie 1 si un jeu est sous son plancher (intentions, entités, « pas "
        "compris », hors sujet) : un recul.",
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    try:
        model = ensure_model(progress=True)
    except subprocess.CalledProcessError:
        raise CommandError(
            f"l'entraînement a échoué ; détails dans {relative(RESULTS / 'logs' / 'train.log')}. "
            "Lancez d'abord « bot check »."
        ) from None
    evaluation = evaluate_nlu(model, progress=True)
    fingerprint = model.name.removeprefix("model-").removesuffix(".tar.gz")
    summary = write_reports(evaluation, fingerprint, datetime.now().strftime("%Y-%m-%d %H:%M"))
    print("\n" + summary)
    print(
        f"Rapport complet : {relative(EVALUATION_DIR / 'report.html')} "
        f"(résumé : {relative(EVALUATION_DIR / 'summary.txt')})"
    )
    return 0 if evaluation.passed else 1
