"""`bot check` on the table of rights (data/knowledge/benefits.yml): every row readable, every entry there."""

from __future__ import annotations

import re
from pathlib import Path

from bot.checks.problems import Problem, at, line_of
from bot.paths import KNOWLEDGE, relative
from bot.rights.benefits import BENEFITS_FILE, BenefitTableError, read_table


def check_benefits_table(path: Path = BENEFITS_FILE, entries: Path = KNOWLEDGE / "entries") -> list[Problem]:
    if not path.exists():
        return [Problem(relative(path), "la table des droits calculés manque", "restaurez-la depuis git")]
    try:
        table = read_table(path)
    except BenefitTableError as error:
        return [Problem(at(path, 0), str(error), "corrigez la ligne : les valeurs permises sont en tête du fichier")]
    return [
        Problem(
            at(path, line_of(path, rf"^\s*-?\s*engine:\s*{re.escape(benefit.engine)}\s*$")),
            f"le droit {benefit.engine} renvoie à la fiche {benefit.intent}, qui n'existe pas",
            f"créez {relative(entries / (benefit.intent + '.yml'))} (bot intent new {benefit.intent} --benefit) "
            "ou corrigez « intent »",
        )
        for benefit in table.values()
        if not (entries / f"{benefit.intent}.yml").exists()
    ]
