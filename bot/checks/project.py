"""`bot check`: `rasa data validate` plus the project's own rules, each problem with file, line and fix."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass

import yaml

from bot.checks import benefits_table, coverage, examples, facts, markers
from bot.checks.problems import Problem, unreadable_yaml
from bot.nlu.examples import read_all
from bot.paths import DOMAIN, HELDOUT_NLU, NLU_DATA, ROOT, TRAINING_DIRS, VENV_BIN, relative

# Rasa's own warnings and errors (not the libraries' deprecation notices), and its colour codes.
RASA_PROBLEM = re.compile(
    r"UserWarning: (?P<warning>.*)|\bERROR\b.*? - (?P<error>.*)|(?P<verdict>.*completed with errors.*)"
)
COLOURS = re.compile(r"\x1b\[[0-9;]*m")


def syntax_problems() -> list[Problem]:
    """YAML files that do not parse: nothing else can be checked until they do."""
    problems = []
    for path in markers.scanned_files():
        if path.suffix != ".yml":
            continue
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError) as error:
            problems.append(unreadable_yaml(path, error))
    return problems


def project_problems() -> list[Problem]:
    """Every rule of the project on its data (fast: no model, no Rasa)."""
    broken = syntax_problems()
    if broken:
        return broken
    training, heldout = read_all(NLU_DATA), read_all(HELDOUT_NLU)
    declared = examples.domain_intents()
    return (
        markers.check_markers()
        + examples.check_intents_declared(training, declared, examples.contract_intents(), examples.added_intents())
        + examples.check_intent_files(training)
        + examples.check_registers(training)
        + examples.check_counts(training, declared, examples.MIN_TRAINING_EXAMPLES, relative(NLU_DATA))
        + examples.check_counts(heldout, declared, examples.MIN_HELDOUT_EXAMPLES, relative(HELDOUT_NLU))
        + examples.check_no_example_in_two_intents(training)
        + examples.check_no_repeated_example(training)
        + examples.check_heldout_not_trained(training, heldout)
        + examples.check_service_type_values(training + heldout)
        + examples.check_service_type_intents(training)
        + coverage.check_intents_covered(declared)
        + facts.check_facts()
        + benefits_table.check_benefits_table()
    )


def validate_command() -> list[str]:
    return [
        str(VENV_BIN / "rasa"),
        "data",
        "validate",
        "--fail-on-warnings",
        "--data",
        *map(str, TRAINING_DIRS),
        "--domain",
        str(DOMAIN),
        "--config",
        str(ROOT / "config.yml"),
    ]


@dataclass
class RasaValidation:
    passed: bool
    messages: list[str]


def rasa_validate() -> RasaValidation:
    """`rasa data validate` with warnings as failures; its warnings and errors when it fails."""
    result = subprocess.run(validate_command(), cwd=ROOT, capture_output=True, text=True, check=False)
    return RasaValidation(result.returncode == 0, rasa_messages(result.stdout + result.stderr))


def rasa_messages(output: str) -> list[str]:
    """Rasa's warnings and errors in its output, without colours, paths or repeats."""
    messages = []
    for line in COLOURS.sub("", output).splitlines():
        match = RASA_PROBLEM.search(line)
        if match:
            messages.append(next(text for text in match.groups() if text is not None).strip())
    return list(dict.fromkeys(messages))
