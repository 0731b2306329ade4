"""`bot intent new`: everything a new intent needs, with « À COMPLÉTER » where a trainer must write.

Files are edited as text (blocks appended), so comments and layout survive.
`bot check` fails while any marker remains, so a half-done intent never ships.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.checks.examples import (
    ADDED_INTENTS_HEADING,
    MIN_HELDOUT_EXAMPLES,
    MIN_TRAINING_EXAMPLES,
    added_intents,
    contract_intents,
    domain_intents,
)
from bot.checks.markers import MARKER
from bot.checks.yaml_text import append_to_block, quoted
from bot.nlu.examples import example_block, read_all
from bot.paths import DATA, DOMAIN, INTENTS_DOC, KNOWLEDGE, NLU_DATA, PROJECT_HELDOUT, TEST_CONVERSATIONS

# The naming convention: a verb prefix saying what the person wants, then the subject.
PREFIXES = {
    "ask": "une question sur un sujet, ex. ask_cantine_scolaire",
    "find": "chercher un lieu ou un service, ex. find_piscine",
    "check": "vérifier un droit ou une situation, ex. check_dossier",
    "request": "demander qu'on fasse quelque chose, ex. request_rappel",
}
NAME_PATTERN = re.compile(rf"^(?:{'|'.join(PREFIXES)})_[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
MAX_NAME_LENGTH = 40
ADDED_FILE = "added_intents.yml"  # the rule, the test conversation and the held-out examples of trainers' intents
ADDED_GROUP = "added"  # data/nlu/added/<intent>.yml unless the trainer names another group
# The register of the first examples of an intent, written in varied styles (TRAINING_HINTS), like the project's own.
SCAFFOLD_REGISTER = "general"
TRAINING_HINTS = (
    "une question courte, comme on la tape sur un téléphone",
    "une question complète et polie",
    "avec des fautes ou en langage SMS",
    "posée par un agent d'accueil pour une personne (« une dame me demande… »)",
    "avec un détail de la situation (âge d'un enfant, travail, quartier…)",
    "avec un autre mot pour le même sujet",
)
HEADER = 'version: "3.1"\n{key}:\n'
ENTRY_TEMPLATE = """\
# Knowledge entry created by `bot intent new --benefit` (structure: docs/knowledge.md).
# Fill in every marked value (`bot check` lists them); never write a fact without its source.
intent: {name}
title: {todo_title}
body: {todo_body}
checked: {todo_checked}
summary: {todo_summary}
eligibility:
  - {todo_eligibility}
# Amounts and income ceilings, when the benefit has some: one figure per amount,
# one row per effective date, each row with its source (docs/knowledge.md), e.g.
#   - id: {name}_montant
#     kind: amount
#     label: "par mois"
#     unit: "€"
#     depends_on: ""
#     rows:
#       - value: 100.00
#         effective: 2026-04-01
#         status: confirmed
#         source: "texte officiel ou page où le montant est publié"
#         legal: ""
#         why: ""
figures: []
apply:
  steps:
    - {todo_step}
  online: null
documents: []
links:
  - title: {todo_link_title}
    url: {todo_link_url}
    status: confirmed
agent:
  say:
    - {todo_say}
  ask:
    - {todo_ask}
  send_to:
    - {todo_send_to}
  legal: ""
"""


class NameRefused(ValueError):
    """The name breaks the naming convention or is already used (message in French)."""


@dataclass(frozen=True)
class Scaffold:
    name: str
    benefit: bool = False
    description: str = ""
    group: str = ADDED_GROUP

    @property
    def reply_action(self) -> str:
        return "action_answer_topic" if self.benefit else f"utter_{self.name}"


def todo(what: str) -> str:
    return quoted(f"{MARKER} : {what}")


def existing_names() -> set[str]:
    """Intent names already used anywhere: domain, contract, trainers' list, examples, entries."""
    names = set(domain_intents()) | set(contract_intents()) | set(added_intents())
    names |= {ex.intent for ex in read_all(NLU_DATA)}
    names |= {path.stem for path in (KNOWLEDGE / "entries").glob("*.yml")}
    domain = yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))
    names |= {key.removeprefix("utter_") for key in domain.get("responses") or {}}
    return names


def refusal(name: str) -> str | None:
    """Why this intent name is refused, or None when it is fine."""
    prefixes = " ; ".join(f"{p}_ pour {why}" for p, why in PREFIXES.items())
    if not name:
        return "le nom est vide"
    if len(name) > MAX_NAME_LENGTH:
        return f"le nom a {len(name)} caractères (maximum {MAX_NAME_LENGTH})"
    if not re.fullmatch(r"[a-z0-9_]+", name):
        return (
            "le nom s'écrit en minuscules, sans accent, espace ni tiret, les mots séparés par « _ » "
            f"(par exemple ask_cantine_scolaire), pas « {name} »"
        )
    if not NAME_PATTERN.match(name):
        return f"le nom commence par un verbe suivi d'un sujet, sans « _ » double ni final : {prefixes}"
    if name in existing_names():
        return f"l'intention {name} existe déjà (domain.yml, docs/intents.md, data/nlu/ ou une fiche)"
    return None


def _marker_lines(name: str, count: int, hints: tuple[str, ...]) -> list[str]:
    return [f"{MARKER} {name} {n:02d} : {hints[(n - 1) % len(hints)]}" for n in range(1, count + 1)]


def _heldout_block(name: str) -> str:
    lines = _marker_lines(name, MIN_HELDOUT_EXAMPLES, ("un message nouveau, jamais utilisé dans data/nlu/",))
    return f"- intent: {name}\n  examples: |\n" + "".join(f"    - {line}\n" for line in lines)


def groups() -> list[str]:
    """The groups of data/nlu/ (folders of intent files) a new intent may go to, the trainers' own first."""
    found = {path.parent.name for path in NLU_DATA.glob("*/*.yml") if path.parent.name != "lookups"}
    return [ADDED_GROUP] + sorted(found - {ADDED_GROUP})


def intent_file(s: Scaffold) -> Path:
    return NLU_DATA / s.group / f"{s.name}.yml"


def _rule_block(s: Scaffold) -> str:
    return f"\n- rule: {s.name}\n  steps:\n  - intent: {s.name}\n  - action: {s.reply_action}\n"


def _story_block(s: Scaffold) -> str:
    message = f"{MARKER} : un message typique, différent des exemples d'entraînement et de test"
    return (
        f"\n- story: {s.name}\n  steps:\n  - user: |\n      {message}\n"
        f"    intent: {s.name}\n  - action: {s.reply_action}\n"
    )


def _intents_doc(text: str, s: Scaffold) -> str:
    line = f"- `{s.name}`: {s.description or MARKER + ' : ce que la personne demande, en une ligne'}\n"
    if ADDED_INTENTS_HEADING not in text:
        text = text.rstrip("\n") + f"\n\n{ADDED_INTENTS_HEADING}\n\n"
    head, _, section = text.partition(ADDED_INTENTS_HEADING)
    body, sep, rest = section.partition("\n## ")
    body = body.rstrip("\n")
    after_list = body.splitlines()[-1].startswith("- ") if body.strip() else False
    return (
        head
        + ADDED_INTENTS_HEADING
        + body
        + ("\n" if after_list else "\n\n")
        + line
        + ("\n" + sep.lstrip("\n") + rest if sep else "")
    )


def _entry(s: Scaffold) -> str:
    return ENTRY_TEMPLATE.format(
        name=s.name,
        todo_title=todo("nom de l'aide"),
        todo_body=todo("l'organisme qui la verse (CAF, Ville…)"),
        todo_checked=todo("AAAA-MM-JJ, la date où vous avez vérifié la fiche"),
        todo_summary=todo("ce que c'est, en 3 phrases simples au plus"),
        todo_eligibility=todo("une condition pour y avoir droit, par ligne"),
        todo_step=todo("une étape pour faire la demande, par ligne"),
        todo_link_title=todo("titre de la page officielle"),
        todo_link_url=todo("adresse https:// de la page officielle"),
        todo_say=todo("ce que l'agent d'accueil dit"),
        todo_ask=todo("une question que l'agent pose"),
        todo_send_to=todo("où l'agent oriente la personne"),
    )


def planned_changes(s: Scaffold) -> dict[Path, str]:
    """The new text of every file the scaffold touches (nothing is written yet)."""

    def read(path: Path, key: str) -> str:
        return path.read_text(encoding="utf-8") if path.exists() else HEADER.format(key=key)

    def appended(path: Path, key: str, block: str) -> str:
        text = read(path, key)
        return text + ("" if text.endswith("\n") else "\n") + block

    nlu, heldout = intent_file(s), PROJECT_HELDOUT / ADDED_FILE
    rules, stories = DATA / "rules" / ADDED_FILE, TEST_CONVERSATIONS / f"test_{ADDED_FILE}"
    domain = append_to_block(DOMAIN.read_text(encoding="utf-8"), "intents", f"  - {s.name}\n")
    changes = {
        nlu: appended(
            nlu,
            "nlu",
            example_block(s.name, SCAFFOLD_REGISTER, _marker_lines(s.name, MIN_TRAINING_EXAMPLES, TRAINING_HINTS)),
        ),
        heldout: appended(heldout, "nlu", _heldout_block(s.name)),
        rules: appended(rules, "rules", _rule_block(s)),
        stories: appended(stories, "stories", _story_block(s)),
        INTENTS_DOC: _intents_doc(INTENTS_DOC.read_text(encoding="utf-8"), s),
    }
    if s.benefit:
        topics = KNOWLEDGE / "topics.yml"
        changes[KNOWLEDGE / "entries" / f"{s.name}.yml"] = _entry(s)
        changes[topics] = append_to_block(
            topics.read_text(encoding="utf-8"),
            "topics",
            f"  {s.name}:\n    label: {todo('le sujet dans une phrase : « la prime de … »')}\n"
            f"    button: {todo('titre court du bouton')}\n",
        )
    else:
        reply = todo(
            "la réponse de l'assistant, en mots simples ; aucun chiffre, adresse ou téléphone "
            "sans source (data/knowledge/)"
        )
        domain = append_to_block(domain, "responses", f"  utter_{s.name}:\n    - text: {reply}\n")
    changes[DOMAIN] = domain
    return changes


def scaffold(s: Scaffold) -> list[Path]:
    """Check the name, then write every file; returns the files created or changed."""
    why = refusal(s.name)
    if why:
        raise NameRefused(why)
    if s.group not in groups():
        raise NameRefused(f"le groupe doit être un dossier de data/nlu/ ({', '.join(groups())}), pas « {s.group} »")
    changes = planned_changes(s)
    for path, text in changes.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(changes)
