"""The training data follows the contract and the project's rules (the rules of `bot check`)."""

from pathlib import Path

from bot.checks import examples
from bot.checks.examples import added_intents, contract_intents, domain_intents
from bot.checks.project import project_problems
from bot.nlu.examples import read_all, read_examples, strip_markup
from bot.nlu.lookups import LOOKUP_FILE, SERVICE_TYPE_FILE, render_lookup, render_service_types
from bot.paths import NLU_DATA


def test_project_data_has_no_problem():
    problems = project_problems()
    assert not problems, "\n".join(map(str, problems))


def test_domain_intents_are_the_contract_and_the_trainers_list():
    assert sorted(contract_intents() + added_intents()) == sorted(domain_intents())
    assert len(contract_intents()) == 36


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_checks_catch_broken_data(tmp_path: Path):
    training = tmp_path / "train.yml"
    training.write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - Bonjour !\n    - salut\n'
        "- intent: goodbye\n  examples: |\n    - bonjour\n"
        '- intent: find_service\n  examples: |\n    - une [nounou]{"entity": "service_type", "value": "nanny"}\n',
        encoding="utf-8",
    )
    heldout = tmp_path / "heldout.yml"
    heldout.write_text('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - SALUT\n', encoding="utf-8")
    train, test = read_examples(training), read_examples(heldout)

    duplicated = examples.check_no_example_in_two_intents(train)
    assert len(duplicated) == 1 and "greet" in duplicated[0].message and "goodbye" in duplicated[0].message
    assert duplicated[0].where == f"{training}:5"
    leaked = examples.check_heldout_not_trained(train, test)
    assert [p.where for p in leaked] == [f"{heldout}:5"]
    assert f"{training}:6" in leaked[0].message
    assert "nanny" in examples.check_service_type_values(train)[0].message
    benefit = read_examples(
        _write(
            tmp_path / "benefit.yml",
            'version: "3.1"\nnlu:\n- intent: ask_rsa\n  examples: |\n'
            '    - le rsa a [la caf]{"entity": "service_type", "value": "caf"} ?\n',
        )
    )
    assert [p.where for p in examples.check_service_type_intents(benefit + train)] == [f"{tmp_path / 'benefit.yml'}:5"]
    too_few = examples.check_counts(train, ["greet", "deny"], 3, "data/nlu")
    assert [(p.where, p.message) for p in too_few] == [
        (f"{training}:3", "l'intention greet a 2 exemples (minimum 3)"),
        ("domain.yml:9", "l'intention deny a 0 exemples (minimum 3)"),
    ]
    assert "ajoutez 1 exemples variés" in too_few[0].fix
    declared = examples.check_intents_declared(train, ["greet", "ask_x"], ["greet", "thank"], ["ask_y"])
    assert [p.message for p in declared] == [
        "l'intention du contrat thank n'est pas déclarée",
        "l'intention ask_x n'est pas décrite dans docs/intents.md",
        "l'intention goodbye n'est pas déclarée dans domain.yml",
        "l'intention find_service n'est pas déclarée dans domain.yml",
    ]


def test_markup_is_removed_from_examples():
    assert (
        strip_markup('une [crèche]{"entity": "service_type", "value": "creche"} vers [Sanvic](location)')
        == "une crèche vers Sanvic"
    )


def test_lookup_tables_are_up_to_date():
    assert LOOKUP_FILE.read_text(encoding="utf-8") == render_lookup(), "lancez `make lookups`"
    assert SERVICE_TYPE_FILE.read_text(encoding="utf-8") == render_service_types(), "lancez `make lookups`"


def test_every_service_type_spelling_maps_to_a_contract_value():
    table = render_service_types()
    assert "- lookup: service_type" in table and "    - crèches\n" in table
    assert "hotel de ville" not in table  # a landmark (location), not a type of service


def test_a_training_file_holds_only_its_intent_each_block_with_a_register(tmp_path: Path):
    nlu = tmp_path / "nlu"
    (nlu / "benefits").mkdir(parents=True)
    ars = _write(
        nlu / "benefits" / "ask_ars.yml",
        'version: "3.1"\nnlu:\n- intent: ask_ars\n  metadata: {register: general}\n  examples: |\n    - ars ?\n'
        "- intent: ask_asf\n  examples: |\n    - asf ?\n    - asf montant\n",
    )
    asf = _write(
        nlu / "benefits" / "ask_asf.yml",
        'version: "3.1"\nnlu:\n- intent: ask_asf\n  metadata: {register: english}\n  examples: |\n    - asf\n'
        "- intent: ask_asf\n  metadata: {register: Phone SMS}\n  examples: |\n    - asf stp\n",
    )
    loose = _write(
        nlu / "ask_rsa.yml",
        'version: "3.1"\nnlu:\n- intent: ask_rsa\n  metadata: {register: general}\n  examples: |\n    - rsa\n',
    )
    training = [ex for path in (ars, asf, loose) for ex in read_examples(path)]

    misplaced = examples.check_intent_files(training, nlu)
    assert [(p.where, p.message) for p in misplaced] == [
        (f"{ars}:7", "l'intention ask_asf (2 exemples) est dans le fichier de l'intention ask_ars"),
        (f"{loose}:3", f"le fichier de l'intention ask_rsa n'est pas dans un dossier de groupe de {nlu}/"),
    ]
    assert f"déplacez les blocs « - intent: ask_asf » dans {asf}" in misplaced[0].fix
    assert f"dans {nlu}/<groupe>/ask_rsa.yml" in misplaced[1].fix

    unregistered = examples.check_registers(training)
    assert [(p.where, p.message) for p in unregistered] == [
        (f"{ars}:9", "le bloc d'exemples de l'intention ask_asf n'a pas de registre valide (None)"),
        (f"{asf}:10", "le bloc d'exemples de l'intention ask_asf n'a pas de registre valide ('Phone SMS')"),
    ]
    assert "metadata: {register: <registre>}" in unregistered[0].fix


def test_examples_carry_the_register_of_their_block_and_their_own_line_and_a_repeat_is_reported(tmp_path: Path):
    path = _write(
        tmp_path / "greet.yml",
        'version: "3.1"\nnlu:\n- intent: greet\n  metadata: {register: general}\n  examples: |\n    - salut\n'
        "# the same word, written for another register\n"
        "- intent: greet\n  metadata:\n    register: english\n  examples: |\n    - hello\n    - salut\n",
    )
    assert [(ex.text, ex.register, ex.line) for ex in read_examples(path)] == [
        ("salut", "general", 6),
        ("hello", "english", 12),
        ("salut", "english", 13),
    ]
    [repeated] = examples.check_no_repeated_example(read_examples(path))
    assert (repeated.where, repeated.message) == (
        f"{path}:13",
        f"« salut » est deux fois dans l'intention greet (aussi en {path}:6)",
    )
    assert "une seule fois" in repeated.fix


def test_every_training_example_is_in_its_intent_file_with_a_register():
    training = read_all(NLU_DATA)
    assert {ex.path.parent.name for ex in training} == {
        "benefits",
        "childcare",
        "conversation",
        "local_services",
        "other_axes",
    }
    assert {ex.register for ex in training} >= {"general", "english", "situations", "phone_youth_simple"}
    assert examples.check_intent_files(training) == [] and examples.check_registers(training) == []
