"""The figures shown with « à vérifier » (computed or unconfirmed) and why, and those the rules engine disagrees with.

`python -m bot.checks.facts_to_check` (or `make facts-to-check`): the rows in force
today whose status is not `confirmed`, the stale figures, and every row that the
rules engine's parameters do not reproduce (data/knowledge/engine_checks.yml).
"""

from __future__ import annotations

from datetime import date

from bot.checks.engine_checks import disagreements
from bot.clock import today as paris_today
from bot.formatting import number
from bot.knowledge.entries import load_entries, stale_report
from bot.openfisca_api import Engine, EngineUnavailable


def rows_to_check(day: date) -> list[str]:
    lines = []
    for intent, entry in sorted(load_entries().items()):
        for figure in entry.figures:
            row = figure.row_in_force(day)
            if row and row.status != "confirmed":
                lines.append(
                    f"- {intent} / {figure.id} = {number(row.value)} {figure.unit} "
                    f"(depuis le {row.effective.isoformat()}, {row.status}) : {row.why}"
                )
    return lines


def engine_report(engine: Engine) -> list[str]:
    """The lines about the rules engine: its disagreements with our figures, or why it was not asked."""
    try:
        found = disagreements(engine)
    except EngineUnavailable as error:
        return [
            f"Moteur de règles injoignable ({error}) : lancez `make run` dans un autre terminal, "
            "ou indiquez RULES_URL dans .env, puis relancez."
        ]
    return [
        f"Désaccords avec le moteur de règles (paramètres d'OpenFisca-France) : {len(found)}",
        *(d.line() for d in found),
    ]


def main() -> None:
    today = paris_today()
    lines = rows_to_check(today)
    print(f"Chiffres affichés avec « à vérifier » le {today.isoformat()} : {len(lines)}")
    print("\n".join(lines))
    stale = stale_report(today)
    print(f"\nChiffres de plus de 13 mois : {len(stale)}")
    print("\n".join(f"- {line}" for line in stale))
    print()
    print("\n".join(engine_report(Engine.from_environment())))


if __name__ == "__main__":
    main()
