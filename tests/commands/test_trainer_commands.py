"""The trainers' commands on a temporary copy of the project: scaffold → check → evaluate."""

from __future__ import annotations

import json

import pytest
import yaml

from bot.checks.markers import MARKER
from bot.knowledge.entries import parse_entry
from bot.nlu.examples import read_examples
from bot.nlu.scoring import FLOORS
from tests.project_copy import copy_project, fill_markers, run_bot, with_few_epochs

NAME = "ask_cantine_scolaire"
TRAINING = [
    "cantine ?",
    "inscription cantine",
    "comment inscrire mon fils à la cantine de l'école",
    "c combien la cantine au havre",
    "Bonjour, je souhaiterais connaître les tarifs de la restauration scolaire.",
    "ma fille mange a la cantine le midi, ou je paye la facture",
    "le prix du repas a la cantine depend de nos revenus ?",
    "une maman me demande comment inscrire ses enfants à la cantine",
    "jveux mettre mon gamin a la cantine c possible en cours d'année",
    "le menu de la cantine de cette semaine",
    "ou trouver les menus de la restauration scolaire",
    "mon fils est allergique, la cantine peut faire un repas adapté ?",
    "PAI allergie cantine comment faire",
    "repas sans porc a la cantine c possible",
    "y a t il des repas vegetariens a la cantine",
    "j'ai pas payé la cantine le mois dernier que va t il se passer",
    "facture cantine trop chere",
    "comment payer la cantine en ligne",
    "la cantine c'est tous les jours ou on peut choisir les jours",
    "désinscrire mon enfant de la cantine",
    "mon enfant mange à la cantine seulement le lundi et le jeudi, comment le signaler",
    "tarif réduit cantine pour les familles modestes",
    "la restauration scolaire pour les maternelles ça marche comment",
    "on vient d'arriver à [Sanvic](location), comment inscrire les enfants à la cantine",
    "un papa au guichet demande le prix d'un repas à la cantine pour ses 3 enfants",
    "cantine scolaire dossier d'inscription quels papiers",
    "a partir de quel age un enfant peut manger a la cantine",
    "annuler un repas a la cantine quand mon fils est malade",
    "les repas de la cantine sont faits sur place ?",
    "qui s'occupe de la cantine, la mairie ou l'école",
]
HELDOUT = [
    "combien coute un repas a la cantine en primaire",
    "je voudrais inscrire ma fille à la cantine pour la rentrée",
    "la cantine propose des repas sans viande ?",
    "ou est ce qu'on voit le menu de la cantine",
    "jai recu une facture de cantine je comprend pas le montant",
    "mon fils a une allergie aux arachides, il peut manger à la cantine ?",
    "une dame demande si ses enfants peuvent manger à la cantine 2 jours par semaine",
    "cantine tarif selon revenus",
]
REPLY = json.dumps(
    "Pour la cantine scolaire (inscription, tarifs, menus), adressez-vous à la Ville du Havre : "
    "je ne connais pas encore ces informations.",
    ensure_ascii=False,
)


def test_names_outside_the_convention_or_already_used_are_refused(tmp_path):
    project = copy_project(tmp_path / "projet")
    for name, reason in (
        ("Cantine", "minuscules"),
        ("ask-cantine", "minuscules"),
        ("cantine", "commence par"),
        ("ask__cantine", "commence par"),
        ("ask_", "commence par"),
        ("greet", "commence par"),
        ("ask_ars", "existe déjà"),
        ("ask_" + "x" * 40, "maximum"),
    ):
        result = run_bot(project, "intent", "new", name)
        assert result.returncode == 2 and reason in result.stderr, (name, result.stderr)
    for group in ("../domain", "benefits/ask_x", "inconnu"):
        refused = run_bot(project, "intent", "new", NAME, "--groupe", group)
        assert refused.returncode == 2 and "le groupe doit être un dossier de data/nlu/" in refused.stderr, group
    assert not list((project / "data/nlu").rglob(f"{NAME}.yml"))


def test_the_examples_of_a_new_intent_go_to_its_own_file_in_the_group_named(tmp_path):
    project = copy_project(tmp_path / "projet")
    assert "--groupe GROUPE" in run_bot(project, "intent", "new", "--help").stdout
    created = run_bot(project, "intent", "new", NAME, "--groupe", "other_axes")
    assert created.returncode == 0, created.stderr
    path = project / "data/nlu/other_axes" / f"{NAME}.yml"
    assert f"data/nlu/other_axes/{NAME}.yml" in created.stdout
    examples = read_examples(path)
    assert len(examples) == 30 and {(e.intent, e.register) for e in examples} == {(NAME, "general")}
    check = run_bot(project, "check", "--sans-rasa")
    assert f"data/nlu/other_axes/{NAME}.yml:6 : « À COMPLÉTER » reste à remplacer (lignes 6 à 35)" in check.stdout
    assert "dans le fichier de l'intention" not in check.stdout and "registre" not in check.stdout


def test_benefit_scaffold_blocks_the_check_until_completed(tmp_path):
    project = copy_project(tmp_path / "projet")
    created = run_bot(project, "intent", "new", "ask_prime_demenagement", "--benefit")
    assert created.returncode == 0, created.stderr
    entry_path = project / "data/knowledge/entries/ask_prime_demenagement.yml"
    entry = parse_entry(yaml.safe_load(entry_path.read_text(encoding="utf-8")), entry_path)
    assert entry.intent == "ask_prime_demenagement" and MARKER in entry.title and not entry.figures
    topics = yaml.safe_load((project / "data/knowledge/topics.yml").read_text(encoding="utf-8"))["topics"]
    assert MARKER in topics["ask_prime_demenagement"]["label"]
    rules = (project / "data/rules/added_intents.yml").read_text(encoding="utf-8")
    assert "- intent: ask_prime_demenagement\n  - action: action_answer_topic" in rules
    assert "utter_ask_prime_demenagement" not in (project / "domain.yml").read_text(encoding="utf-8")

    check = run_bot(project, "check", "--sans-rasa")
    assert check.returncode == 1
    assert "entries/ask_prime_demenagement.yml:2 " not in check.stdout, "the template's comments hold no marker"
    for where in (
        "data/knowledge/entries/ask_prime_demenagement.yml:4 : « À COMPLÉTER » reste à remplacer (lignes 4 à 7)",
        "data/knowledge/topics.yml:",
        "data/nlu/added/ask_prime_demenagement.yml:6 : « À COMPLÉTER » reste à remplacer (lignes 6 à 35)",
        "tests/data/nlu/set_a/added_intents.yml:5",
        "tests/data/conversations/test_added_intents.yml:7",
        "docs/intents.md:",
        "la fiche n'a pas de date de vérification valide",
    ):
        assert where in check.stdout, (where, check.stdout)
    assert run_bot(project, "intent", "new", "ask_prime_demenagement").returncode == 2


@pytest.mark.model
def test_scaffold_then_check_then_evaluate(tmp_path):
    """The trainer's path: a new intent, `bot check` fails until it is filled in, then evaluated (one training,
    of a few epochs: the path is checked here, the model's figures in `bot evaluate` on the project itself)."""
    project = copy_project(tmp_path / "projet")
    with_few_epochs(project)
    created = run_bot(project, "intent", "new", NAME, "--description", "school canteen: registration, prices, menus")
    assert created.returncode == 0, created.stderr
    assert f"data/nlu/added/{NAME}.yml" in created.stdout and "domain.yml" in created.stdout
    assert f"- `{NAME}`: school canteen" in (project / "docs/intents.md").read_text(encoding="utf-8")

    blocked = run_bot(project, "check", "--sans-rasa")
    assert blocked.returncode == 1 and "domain.yml:" in blocked.stdout and "(lignes 6 à 35)" in blocked.stdout

    fill_markers(project / f"data/nlu/added/{NAME}.yml", TRAINING)
    fill_markers(project / "tests/data/nlu/set_a/added_intents.yml", HELDOUT)
    fill_markers(project / "domain.yml", [REPLY])
    fill_markers(
        project / "tests/data/conversations/test_added_intents.yml",
        ["comment je fais pour inscrire mon petit a la cantine"],
    )
    check = run_bot(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "rasa data validate : aucun problème" in check.stdout

    evaluated = run_bot(project, "evaluate", timeout=1200)
    assert evaluated.returncode in (0, 1), evaluated.stderr[-3000:]
    assert "entraînement du modèle" in evaluated.stdout and "Entraînement" in evaluated.stderr
    assert list((project / "models").glob("model-*.tar.gz"))
    out = project / "results/evaluation"
    report = (out / "report.html").read_text(encoding="utf-8")
    assert f"<td class=''>{NAME}</td>" in report and "data:image/png;base64," in report
    assert "location" in report and "service_type" in report
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    assert summary.startswith("Messages de test bien compris :") and summary in evaluated.stdout
    [run] = [json.loads(p.read_text()) for p in (out / "history").glob("*.json")]
    assert run["intents"][NAME]["support"] == len(HELDOUT)
    under_floor = [name for name, figures in run["sets"].items() if figures["accuracy"] < FLOORS[name].intents]
    for name in under_floor:
        assert f"SOUS LE PLANCHER {name} : intentions" in evaluated.stdout
    assert (evaluated.returncode == 0) == ("SOUS LE PLANCHER" not in evaluated.stdout)
