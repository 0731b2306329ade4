"""The project's rules on its training data and its intents, each problem with file, line and fix.

Part of `bot check` (bot/checks/project.py); `rasa data validate` checks the rest.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import yaml

from bot.checks.problems import Problem, at, intent_line
from bot.knowledge.service_types import SERVICE_TYPES
from bot.nlu.examples import ENTITY_MARKUP, REGISTER_NAME, Example
from bot.nlu.scoring import ENTITY_INTENTS
from bot.paths import DOMAIN, INTENTS_DOC, NLU_DATA, relative

MIN_TRAINING_EXAMPLES = 30
MIN_HELDOUT_EXAMPLES = 8
# The section of docs/intents.md where trainers' intents are listed (outside the contract tables).
ADDED_INTENTS_HEADING = "## Intents added by trainers"
ADDED_INTENT_LINE = re.compile(r"^- `(?P<name>[a-z0-9_]+)`", re.M)


def _where(example: Example) -> str:
    return at(example.path, example.line)


def contract_intents(contract: Path = INTENTS_DOC) -> list[str]:
    """Intent names of the contract's tables (docs/intents.md)."""
    text = contract.read_text(encoding="utf-8").split(ADDED_INTENTS_HEADING)[0]
    rows = re.findall(r"^\| ([a-z_]+) \|", text, re.M)
    return [r for r in rows if r not in ("intent", "entity", "service_type", "location")]


def added_intents(contract: Path = INTENTS_DOC) -> list[str]:
    """Intents added by trainers: the `- \\`name\\`` lines of their section of docs/intents.md."""
    parts = contract.read_text(encoding="utf-8").split(ADDED_INTENTS_HEADING)
    section = parts[1].split("\n## ")[0] if len(parts) > 1 else ""
    return ADDED_INTENT_LINE.findall(section)


def domain_intents(domain: Path = DOMAIN) -> list[str]:
    return yaml.safe_load(domain.read_text(encoding="utf-8"))["intents"]


def check_counts(examples: list[Example], intents: list[str], minimum: int, what: str) -> list[Problem]:
    """At least `minimum` examples per intent; the problem points at the intent's block."""
    counts = Counter(ex.intent for ex in examples)
    problems = []
    for intent in intents:
        if counts[intent] >= minimum:
            continue
        files = Counter(ex.path for ex in examples if ex.intent == intent)
        if files:
            path = files.most_common(1)[0][0]
            where, place = at(path, intent_line(path, intent)), f"dans {relative(path)}"
        else:
            where, place = at(DOMAIN, intent_line(DOMAIN, intent)), f"dans un fichier de {what}"
        problems.append(
            Problem(
                where,
                f"l'intention {intent} a {counts[intent]} exemples (minimum {minimum})",
                f"ajoutez {minimum - counts[intent]} exemples variés {place}, sous « - intent: {intent} »",
            )
        )
    return problems


def _in_its_file(example: Example, nlu_dir: Path) -> bool:
    return example.path.stem == example.intent and example.path.parent.parent == nlu_dir


def check_intent_files(training: list[Example], nlu_dir: Path = NLU_DATA) -> list[Problem]:
    """Each training file is data/nlu/<group>/<intent>.yml and holds the examples of that intent only."""
    files = {ex.intent: ex.path for ex in training if _in_its_file(ex, nlu_dir)}
    misplaced = Counter((ex.path, ex.intent) for ex in training if not _in_its_file(ex, nlu_dir))
    problems = []
    for (path, intent), count in misplaced.items():
        group = path.parent if path.parent.parent == nlu_dir else nlu_dir / "<groupe>"
        target = relative(files.get(intent) or group / f"{intent}.yml")
        if path.stem == intent:
            message = f"le fichier de l'intention {intent} n'est pas dans un dossier de groupe de {relative(nlu_dir)}/"
        else:
            message = f"l'intention {intent} ({count} exemples) est dans le fichier de l'intention {path.stem}"
        problems.append(
            Problem(
                at(path, intent_line(path, intent)),
                message,
                f"déplacez les blocs « - intent: {intent} » dans {target} : un fichier par intention, "
                "data/nlu/<groupe>/<intention>.yml",
            )
        )
    return problems


def check_registers(training: list[Example]) -> list[Problem]:
    """Every block of training examples says the register its examples were written for."""
    first: dict[tuple[Path, str, str], Example] = {}
    for ex in training:
        if not isinstance(ex.register, str) or not REGISTER_NAME.match(ex.register):
            first.setdefault((ex.path, ex.intent, str(ex.register)), ex)
    return [
        Problem(
            _where(ex),
            f"le bloc d'exemples de l'intention {ex.intent} n'a pas de registre valide ({ex.register!r})",
            f"sous « - intent: {ex.intent} », ajoutez la ligne « metadata: {{register: <registre>}} », le registre "
            "en minuscules et « _ » (la liste : docs/guide-formateurs.md)",
        )
        for ex in first.values()
    ]


def check_no_example_in_two_intents(examples: list[Example]) -> list[Problem]:
    by_text: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by_text[ex.folded].append(ex)
    problems = []
    for same in by_text.values():
        if len({ex.intent for ex in same}) > 1:
            listing = ", ".join(f"{ex.intent} ({_where(ex)})" for ex in same)
            problems.append(
                Problem(
                    _where(same[0]),
                    f"« {same[0].text} » est dans plusieurs intentions : {listing}",
                    "gardez l'exemple dans une seule intention",
                )
            )
    return problems


def check_no_repeated_example(training: list[Example]) -> list[Problem]:
    """An example written twice for one intent (in two blocks of different registers, which Rasa does not merge)
    would weigh twice in the training: once is enough."""
    first: dict[tuple[str, str], Example] = {}
    problems = []
    for ex in training:
        earlier = first.setdefault((ex.intent, ex.markup), ex)
        if earlier is not ex:
            problems.append(
                Problem(
                    _where(ex),
                    f"« {ex.text} » est deux fois dans l'intention {ex.intent} (aussi en {_where(earlier)})",
                    "gardez cet exemple une seule fois, dans le bloc d'un seul registre",
                )
            )
    return problems


def check_heldout_not_trained(training: list[Example], heldout: list[Example]) -> list[Problem]:
    trained = {ex.folded: ex for ex in training}
    return [
        Problem(
            _where(ex),
            f"« {ex.text} » est aussi dans les données d'entraînement "
            f"({_where(trained[ex.folded])}, majuscules et accents ignorés)",
            "remplacez cet exemple de test par un message nouveau, jamais vu à l'entraînement",
        )
        for ex in heldout
        if ex.folded in trained
    ]


def check_service_type_values(examples: list[Example]) -> list[Problem]:
    problems = []
    for ex in examples:
        for match in ENTITY_MARKUP.finditer(ex.markup):
            entity = match.group("name") or json.loads(match.group("json")).get("entity")
            value = json.loads(match.group("json")).get("value") if match.group("json") else None
            if entity == "service_type" and (value or match.group("text")) not in SERVICE_TYPES:
                problems.append(
                    Problem(
                        _where(ex),
                        f"service_type « {value or match.group('text')} » n'est pas une valeur du contrat",
                        f'écrivez {{"entity": "service_type", "value": "<{"|".join(SERVICE_TYPES)}>"}}',
                    )
                )
            elif entity not in ("service_type", "location"):
                problems.append(
                    Problem(_where(ex), f"entité inconnue « {entity} »", "utilisez service_type ou location")
                )
    return problems


def check_service_type_intents(training: list[Example]) -> list[Problem]:
    """Training examples annotate the type of place only where the assistant reads it (searches, hours,
    answers to « which place? »): « la caf » in a benefit question is not a search."""
    return [
        Problem(
            _where(ex),
            f"service_type annoté dans l'intention {ex.intent}",
            f"n'annotez le type de lieu que dans {', '.join(ENTITY_INTENTS)} : écrivez le mot sans crochets",
        )
        for ex in training
        if ex.intent not in ENTITY_INTENTS
        and '"service_type"' in ex.markup
        or ex.intent not in ENTITY_INTENTS
        and "(service_type)" in ex.markup
    ]


def check_intents_declared(
    examples: list[Example], declared: list[str], contract: list[str], added: Sequence[str] = ()
) -> list[Problem]:
    """Contract intents are declared; every declared intent is documented; examples use declared intents."""
    problems = [
        Problem(
            at(DOMAIN, 0),
            f"l'intention du contrat {i} n'est pas déclarée",
            "ajoutez-la à la liste « intents: » de domain.yml",
        )
        for i in contract
        if i not in declared
    ]
    problems += [
        Problem(
            at(DOMAIN, intent_line(DOMAIN, i)),
            f"l'intention {i} n'est pas décrite dans docs/intents.md",
            f"ajoutez la ligne « - `{i}`: ce que la personne demande » dans la section "
            f"« {ADDED_INTENTS_HEADING.lstrip('# ')} » de docs/intents.md",
        )
        for i in declared
        if i not in contract and i not in added
    ]
    problems += [
        Problem(
            _where(ex),
            f"l'intention {ex.intent} n'est pas déclarée dans domain.yml",
            "déclarez-la (bot intent new le fait) ou corrigez son nom",
        )
        for ex in {ex.intent: ex for ex in examples}.values()
        if ex.intent not in declared
    ]
    return problems
