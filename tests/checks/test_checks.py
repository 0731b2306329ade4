"""The rules of `bot check` on small broken inputs: each problem says file, line and fix."""

from pathlib import Path

import yaml

from bot.checks.benefits_table import check_benefits_table
from bot.checks.coverage import check_intents_covered, reply_problem
from bot.checks.facts import check_directory_file, check_entry, check_facts
from bot.checks.markers import MARKER, check_markers, marker_runs
from bot.checks.project import rasa_messages
from bot.checks.yaml_text import append_to_block
from bot.paths import KNOWLEDGE
from bot.rights.benefits import BENEFITS_FILE

ENTRY = """intent: ask_x
title: X
body: CAF
checked: 2026-11-28
summary: x
figures:
  - id: x_montant
    kind: amount
    rows:
      - value: 10
        effective: 2026-04-01
        status: confirmed
        source: "arrêté du 1er avril"
      - value: 11
        effective: "avril 2026"
        status: confirmed
        source: ""
"""


def test_a_figure_row_without_source_or_with_a_bad_date_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "ask_x.yml"
    path.write_text(ENTRY, encoding="utf-8")
    problems = check_entry(path)
    assert [(p.where, p.message.split(" :")[0]) for p in problems] == [
        (f"{path}:17", "le chiffre x_montant (ligne de avril 2026) n'a pas de source"),
        (f"{path}:15", "le chiffre x_montant (ligne de avril 2026)"),
    ]
    assert "AAAA-MM-JJ" in problems[1].fix


def test_a_figure_not_compared_with_the_rules_engine_is_reported_at_its_line(tmp_path: Path):
    path = tmp_path / "ask_x.yml"
    path.write_text(ENTRY, encoding="utf-8")
    [problem] = [p for p in check_entry(path, checked={"y_montant"}) if "moteur" in p.message]
    assert problem.where == f"{path}:7" and "x_montant" in problem.message
    assert "engine_checks.yml" in problem.fix and "not_in_engine" in problem.fix
    assert not [p for p in check_entry(path, checked={"x_montant"}) if "moteur" in p.message]


def test_directory_records_need_a_source_and_a_checked_date(tmp_path: Path):
    path = tmp_path / "services.yml"
    path.write_text(
        "# seed\nservices:\n  - key: a\n    source: Océanes n°86\n    checked: 2026-11-28\n"
        "  - key: b\n    name: B\n    checked: hier\ncommunes:\n  - Harfleur\n",
        encoding="utf-8",
    )
    problems = check_directory_file(path)
    assert [(p.where, p.message) for p in problems] == [
        (f"{path}:6", "« b » n'a pas de source"),
        (f"{path}:8", "« b » : « checked » n'est pas une date ('hier')"),
    ]


def test_a_yaml_syntax_error_or_an_impossible_date_is_a_problem_not_a_crash(tmp_path: Path):
    directory = tmp_path / "directory"
    directory.mkdir()
    (directory / "places.yml").write_text("places:\n  - name: a: b\n", encoding="utf-8")
    (directory / "services.yml").write_text("services:\n  - key: a\n    checked: 2026-13-01\n", encoding="utf-8")
    knowledge = KNOWLEDGE
    places, services = check_facts(knowledge, directory)
    assert places.where.endswith("places.yml:2") and "YAML" in places.message
    assert services.where.endswith("services.yml:3") and "date impossible" in services.message


def test_project_facts_are_all_sourced_and_dated():
    assert check_facts() == []


def test_marker_lines_are_grouped_in_runs(tmp_path: Path):
    path = tmp_path / "nlu.yml"
    path.write_text(f"a\n- {MARKER} 1\n- à compléter 2\nb\n- {MARKER} 3\n", encoding="utf-8")
    assert marker_runs(path) == [(2, 3), (5, 5)]
    assert [p.message for p in check_markers([path])] == [
        f"« {MARKER} » reste à remplacer (lignes 2 à 3)",
        f"« {MARKER} » reste à remplacer (ligne 5)",
    ]


def test_an_intent_without_rule_or_test_conversation_is_reported():
    problems = check_intents_covered(["ask_nothing"])
    assert [p.message for p in problems] == [
        "aucune règle ni histoire ne répond à l'intention ask_nothing",
        "aucune conversation de test pour l'intention ask_nothing",
    ]
    assert check_intents_covered(["greet", "ask_ars", "find_service"]) == []


def test_a_reply_is_a_known_response_action_or_form():
    domain = {"responses": {"utter_greet": []}, "actions": ["action_x"], "forms": {"find_service_form": {}}}
    assert reply_problem("greet", "utter_greet", domain) is None
    assert reply_problem("find_service", "find_service_form", domain) is None
    assert reply_problem("ask_x", "action_x", domain) is None
    assert reply_problem("greet", "utter_hello", domain) == "la réponse utter_hello n'existe pas dans domain.yml"
    assert "ni dans « actions: »" in reply_problem("ask_x", "action_y", domain)
    assert "ni fiche" in reply_problem("ask_x", "action_answer_topic", {"actions": ["action_answer_topic"]})


def test_blocks_are_appended_where_they_belong_and_comments_survive():
    text = (
        "# intents\nintents:\n  - greet\n  # a comment inside\n  - thank\n\n# responses\n"
        "responses:\n  utter_greet:\n    - text: hi\n\nsession_config:\n  x: 1\n"
    )
    text = append_to_block(text, "intents", "  - ask_x\n")
    text = append_to_block(text, "responses", "  utter_ask_x:\n    - text: x\n")
    assert text == (
        "# intents\nintents:\n  - greet\n  # a comment inside\n  - thank\n  - ask_x\n\n# responses\n"
        "responses:\n  utter_greet:\n    - text: hi\n  utter_ask_x:\n    - text: x\n\n"
        "session_config:\n  x: 1\n"
    )


def test_only_rasa_warnings_and_errors_are_shown():
    output = (
        "\x1b[91mProject validation completed with errors.\x1b[0m\n"
        "/x/pkg_resources/__init__.py:3117: DeprecationWarning: Deprecated call\n"
        "\x1b[93m/x/rasa/shared/utils/io.py:100: UserWarning: The action 'utter_x' is used in the stories\n"
        "2026-11-28 04:20:46 ERROR    rasa.validator  - Duplicated intent 'greet'\n"
        "/x/rasa/shared/utils/io.py:100: UserWarning: The action 'utter_x' is used in the stories\n"
    )
    assert rasa_messages(output) == [
        "Project validation completed with errors.",
        "The action 'utter_x' is used in the stories",
        "Duplicated intent 'greet'",
    ]


def test_the_table_of_rights_is_checked_row_and_entry(tmp_path):
    assert check_benefits_table() == []
    rows = yaml.safe_load(BENEFITS_FILE.read_text(encoding="utf-8"))
    rows["benefits"][0]["intent"] = "ask_nothing_here"
    broken = tmp_path / "benefits.yml"
    broken.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    [problem] = check_benefits_table(broken)
    engine_line = broken.read_text(encoding="utf-8").splitlines().index("  engine: af") + 1
    assert "ask_nothing_here, qui n'existe pas" in problem.message and problem.where.endswith(f":{engine_line}")
    rows["benefits"][0]["period"] = "weekly"
    broken.write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    assert "période « weekly »" in check_benefits_table(broken)[0].message
