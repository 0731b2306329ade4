"""The project's own rules on its training data, each problem with file, line and fix.

Used by the tests (and later by `bot check`); `rasa data validate` checks the rest.
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.nlu_data import ENTITY_MARKUP, Example, read_all
from bot.paths import DATA, HELDOUT_NLU, ROOT

MIN_TRAINING_EXAMPLES = 30
MIN_HELDOUT_EXAMPLES = 8
SERVICE_TYPES = ("caf", "cpam", "ccas", "mairie", "france_services", "creche", "rpe", "laep",
                 "pmi", "centre_social", "mission_locale", "pij", "mediation_familiale")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message} → {self.fix}"


def _where(example: Example) -> str:
    return f"{example.path.relative_to(ROOT) if example.path.is_relative_to(ROOT) else example.path}:{example.line}"


def contract_intents(contract: Path = ROOT / "docs" / "intents.md") -> list[str]:
    """Intent names of the contract's tables (docs/intents.md)."""
    rows = re.findall(r"^\| ([a-z_]+) \|", contract.read_text(encoding="utf-8"), re.M)
    return [r for r in rows if r not in ("intent", "entity", "service_type", "location")]


def domain_intents(domain: Path = ROOT / "domain.yml") -> list[str]:
    return yaml.safe_load(domain.read_text(encoding="utf-8"))["intents"]


def check_counts(examples: list[Example], intents: list[str], minimum: int, what: str) -> list[Problem]:
    counts = Counter(ex.intent for ex in examples)
    return [Problem(what, f"l'intention {i} a {counts[i]} exemples (minimum {minimum})",
                    f"ajoutez {minimum - counts[i]} exemples variés")
            for i in intents if counts[i] < minimum]


def check_no_example_in_two_intents(examples: list[Example]) -> list[Problem]:
    by_text: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by_text[ex.folded].append(ex)
    problems = []
    for same in by_text.values():
        if len({ex.intent for ex in same}) > 1:
            listing = ", ".join(f"{ex.intent} ({_where(ex)})" for ex in same)
            problems.append(Problem(_where(same[0]), f"« {same[0].text} » est dans plusieurs intentions : {listing}",
                                    "gardez l'exemple dans une seule intention"))
    return problems


def check_heldout_not_trained(training: list[Example], heldout: list[Example]) -> list[Problem]:
    trained = {ex.folded for ex in training}
    return [Problem(_where(ex), f"« {ex.text} » est aussi dans les données d'entraînement",
                    "remplacez cet exemple de test par un message nouveau")
            for ex in heldout if ex.folded in trained]


def check_service_type_values(examples: list[Example]) -> list[Problem]:
    problems = []
    for ex in examples:
        for match in ENTITY_MARKUP.finditer(ex.markup):
            entity = match.group("name") or json.loads(match.group("json")).get("entity")
            value = json.loads(match.group("json")).get("value") if match.group("json") else None
            if entity == "service_type" and (value or match.group("text")) not in SERVICE_TYPES:
                problems.append(Problem(_where(ex), f"service_type « {value or match.group('text')} » n'est pas une valeur du contrat",
                                        f'écrivez {{"entity": "service_type", "value": "<{"|".join(SERVICE_TYPES)}>"}}'))
            elif entity not in ("service_type", "location"):
                problems.append(Problem(_where(ex), f"entité inconnue « {entity} »", "utilisez service_type ou location"))
    return problems


def check_intents_declared(examples: list[Example], declared: list[str], contract: list[str]) -> list[Problem]:
    problems = [Problem("domain.yml", f"l'intention du contrat {i} n'est pas déclarée", "ajoutez-la à domain.yml")
                for i in contract if i not in declared]
    problems += [Problem(_where(ex), f"l'intention {ex.intent} n'est pas déclarée dans domain.yml",
                         "déclarez-la ou corrigez son nom")
                 for ex in {ex.intent: ex for ex in examples}.values() if ex.intent not in declared]
    return problems


def check_intents_answered(intents: list[str], rules_dir: Path = DATA / "rules") -> list[Problem]:
    """Every intent appears in at least one rule (or story) so it gets an answer."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in rules_dir.rglob("*.yml"))
    used = set(re.findall(r"intent: ([a-z_]+)", text))
    return [Problem(str(rules_dir.relative_to(ROOT)), f"aucune règle ne répond à l'intention {i}",
                    "ajoutez une règle dans data/rules/") for i in intents if i not in used]


def all_problems() -> list[Problem]:
    training = read_all(DATA / "nlu")
    heldout = read_all(HELDOUT_NLU)
    contract = contract_intents()
    declared = domain_intents()
    return (check_intents_declared(training, declared, contract)
            + check_counts(training, declared, MIN_TRAINING_EXAMPLES, "data/nlu")
            + check_counts(heldout, declared, MIN_HELDOUT_EXAMPLES, "tests/nlu")
            + check_no_example_in_two_intents(training)
            + check_heldout_not_trained(training, heldout)
            + check_service_type_values(training + heldout)
            + check_intents_answered(declared))


if __name__ == "__main__":
    found = all_problems()
    print("\n".join(map(str, found)) or "Aucun problème.")
    raise SystemExit(1 if found else 0)
