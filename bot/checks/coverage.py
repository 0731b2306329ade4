"""Every intent has a reply, a rule or story that gives it, and a test conversation."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import yaml

from bot.checks.problems import Problem, at, intent_line
from bot.paths import DATA, DOMAIN, KNOWLEDGE, TEST_CONVERSATIONS

TOPIC_ACTION = "action_answer_topic"


def _steps(path: Path, key: str) -> list[list[dict]]:
    """The step lists of every rule or story of one file."""
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [block.get("steps") or [] for block in document.get(key) or []]


def _intents_of(step: dict) -> list[str]:
    if "intent" in step:
        return [step["intent"]]
    return [alt["intent"] for alt in step.get("or") or [] if "intent" in alt]


def actions_after_intents(
    dialogue_dirs: tuple[Path, ...] = (DATA / "rules", DATA / "stories"),
) -> dict[str, set[str | None]]:
    """For each intent in a rule or story, the actions that come right after it (None: no action follows)."""
    answers: dict[str, set[str | None]] = defaultdict(set)
    for directory in dialogue_dirs:
        for path in sorted(directory.rglob("*.yml")):
            for steps in _steps(path, "rules") + _steps(path, "stories"):
                for index, step in enumerate(steps):
                    following = next((s["action"] for s in steps[index + 1 :] if "action" in s), None)
                    for intent in _intents_of(step):
                        answers[intent].add(following)
    return answers


def tested_intents(directory: Path = TEST_CONVERSATIONS) -> set[str]:
    """Intents a user turn of a test conversation is expected to have."""
    return {
        intent
        for path in sorted(directory.rglob("*.yml"))
        for steps in _steps(path, "stories")
        for step in steps
        for intent in _intents_of(step)
    }


def _topic_intents() -> set[str]:
    entries = {path.stem for path in (KNOWLEDGE / "entries").glob("*.yml")}
    catalogue = yaml.safe_load((KNOWLEDGE / "topics.yml").read_text(encoding="utf-8")).get("topics") or {}
    return entries | set(catalogue)


def reply_problem(intent: str, action: str | None, domain: dict) -> str | None:
    """Why the action after this intent gives no reply, or None when it does."""
    if action is None:
        return "la règle ne donne aucune action après l'intention"
    if action.startswith("utter_"):
        return (
            None if action in (domain.get("responses") or {}) else f"la réponse {action} n'existe pas dans domain.yml"
        )
    if action not in (domain.get("actions") or []) and action not in (domain.get("forms") or {}):
        return f"l'action {action} n'est déclarée ni dans « actions: » ni dans « forms: » de domain.yml"
    if action == TOPIC_ACTION and intent not in _topic_intents():
        return (
            f"{TOPIC_ACTION} n'a rien à dire : ni fiche data/knowledge/entries/{intent}.yml "
            "ni sujet dans data/knowledge/topics.yml"
        )
    return None


def check_intents_covered(intents: list[str], domain_path: Path = DOMAIN) -> list[Problem]:
    domain = yaml.safe_load(domain_path.read_text(encoding="utf-8"))
    answers, tested = actions_after_intents(), tested_intents()
    problems = []
    for intent in intents:
        where = at(domain_path, intent_line(domain_path, intent))
        if intent not in answers:
            problems.append(
                Problem(
                    where,
                    f"aucune règle ni histoire ne répond à l'intention {intent}",
                    f"ajoutez une règle dans data/rules/ : « - intent: {intent} » suivi de "
                    f"« - action: utter_{intent} » (ou {TOPIC_ACTION} pour un sujet)",
                )
            )
        for action in sorted(answers.get(intent, ()), key=str):
            why = reply_problem(intent, action, domain)
            if why:
                problems.append(
                    Problem(
                        where,
                        f"l'intention {intent} n'a pas de réponse : {why}",
                        f"ajoutez la réponse utter_{intent} sous « responses: » de domain.yml, "
                        "ou la fiche de connaissance du sujet",
                    )
                )
        if intent not in tested:
            problems.append(
                Problem(
                    where,
                    f"aucune conversation de test pour l'intention {intent}",
                    f"ajoutez dans tests/data/conversations/ une histoire où la personne écrit un message "
                    f"de {intent} et où l'assistant répond",
                )
            )
    return problems
