"""The training data follows the contract and the project's rules."""
from pathlib import Path

from bot import data_checks
from bot.data_checks import all_problems, contract_intents, domain_intents
from bot.lookups import LOOKUP_FILE, render_lookup
from bot.nlu_data import read_examples, strip_markup


def test_project_data_has_no_problem():
    problems = all_problems()
    assert not problems, "\n".join(map(str, problems))


def test_contract_copy_lists_every_intent_of_the_domain():
    assert sorted(contract_intents()) == sorted(domain_intents())
    assert len(contract_intents()) == 36


def test_checks_catch_broken_data(tmp_path: Path):
    training = tmp_path / "train.yml"
    training.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - Bonjour !\n    - salut\n'
        '- intent: goodbye\n  examples: |\n    - bonjour\n'
        '- intent: find_service\n  examples: |\n    - une [nounou]{"entity": "service_type", "value": "nanny"}\n',
        encoding="utf-8")
    heldout = tmp_path / "heldout.yml"
    heldout.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - SALUT\n', encoding="utf-8")
    train, test = read_examples(training), read_examples(heldout)

    duplicated = data_checks.check_no_example_in_two_intents(train)
    assert len(duplicated) == 1 and "greet" in duplicated[0].message and "goodbye" in duplicated[0].message
    leaked = data_checks.check_heldout_not_trained(train, test)
    assert [p.where for p in leaked] == [f"{heldout}:5"]
    assert "nanny" in data_checks.check_service_type_values(train)[0].message
    too_few = data_checks.check_counts(train, ["greet", "deny"], 2, "data/nlu")
    assert [p.message for p in too_few] == ["l'intention deny a 0 exemples (minimum 2)"]
    assert data_checks.check_intents_declared(train, ["greet"], ["greet", "thank"])[0].message.startswith(
        "l'intention du contrat thank")


def test_markup_is_removed_from_examples():
    assert strip_markup('une [crèche]{"entity": "service_type", "value": "creche"} vers [Sanvic](location)') \
        == "une crèche vers Sanvic"


def test_location_lookup_is_up_to_date():
    assert LOOKUP_FILE.read_text(encoding="utf-8") == render_lookup(), "lancez `make lookups`"
