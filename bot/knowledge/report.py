"""List the figures shown with « à vérifier » (computed or unconfirmed) and why.

`python -m bot.knowledge.report` (or `make facts-to-check`): the rows in force
today, and the newest rows of stale figures, whose status is not `confirmed`.
"""
from __future__ import annotations

from datetime import date

from bot.formatting import number
from bot.knowledge.entries import load_entries, stale_report


def rows_to_check(day: date) -> list[str]:
    lines = []
    for intent, entry in sorted(load_entries().items()):
        for figure in entry.figures:
            row = figure.row_in_force(day)
            if row and row.status != "confirmed":
                lines.append(f"- {intent} / {figure.id} = {number(row.value)} {figure.unit} "
                             f"(depuis le {row.effective.isoformat()}, {row.status}) : {row.why}")
    return lines


def main() -> None:
    today = date.today()
    lines = rows_to_check(today)
    print(f"Chiffres affichés avec « à vérifier » le {today.isoformat()} : {len(lines)}")
    print("\n".join(lines))
    stale = stale_report(today)
    print(f"\nChiffres de plus de 13 mois : {len(stale)}")
    print("\n".join(f"- {line}" for line in stale))


if __name__ == "__main__":
    main()
