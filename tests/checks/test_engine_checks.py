"""Every figure of the knowledge entries against the rules engine's parameters, and statuses that say so."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from bot.checks.engine_checks import disagreements, evaluate, load_checks, names_in
from bot.knowledge.entries import load_entries
from bot.openfisca_api import parameter

ENTRIES = load_entries()
CHECKS = load_checks()
OPENFISCA_ONLY = re.compile(r"— OF\b")  # the reference's tag: read in OpenFisca-France's parameters only


def test_every_figure_is_checked_against_the_engine_or_says_why_not():
    figures = {f.id for entry in ENTRIES.values() for f in entry.figures}
    assert figures == set(CHECKS.figures) | set(CHECKS.not_in_engine)
    assert not set(CHECKS.figures) & set(CHECKS.not_in_engine)
    assert all(why.strip() for why in CHECKS.not_in_engine.values())


def test_formulas_use_named_parameters_and_tolerances_say_why():
    for figure_id, check in CHECKS.figures.items():
        assert names_in(check.formula) <= set(CHECKS.parameters), figure_id
        assert check.tolerance is None or check.why, figure_id


def test_formulas_are_arithmetic_only():
    values = {"a": 100.0, "b": 0.32, "crds": 0.005}.__getitem__
    assert evaluate("net(a * b * 4)", values) == 127.36  # 128,00 € gross, 0,64 € of CRDS
    assert evaluate("cents(a / 3) + 2 * cents(a * b)", values) == pytest.approx(33.33 + 64)
    with pytest.raises(ValueError):
        evaluate("__import__('os').getcwd()", values)
    with pytest.raises(ValueError):
        evaluate("a ** 2", values)


def test_figures_read_only_in_openfisca_are_unconfirmed_and_say_so():
    for intent, entry in ENTRIES.items():
        for figure in entry.figures:
            for row in figure.rows:
                if OPENFISCA_ONLY.search(row.source):
                    assert row.status == "unconfirmed", f"{intent} / {figure.id} {row.effective}"
                    assert row.why.startswith("Lu seulement dans les paramètres d'OpenFisca-France"), figure.id


@pytest.mark.rules
def test_every_parameter_exists_in_the_engine(rules):
    for name, path in CHECKS.parameters.items():
        assert parameter(rules.engine, path), name


@pytest.mark.rules
def test_every_figure_agrees_with_the_engine(rules):
    found = disagreements(rules.engine)
    assert not found, "\n".join(d.line() for d in found)


@pytest.mark.rules
def test_a_wrong_figure_is_reported(rules):
    entry = ENTRIES["ask_ars"]
    figure = next(f for f in entry.figures if f.id == "ars_6_10")
    wrong = replace(
        figure,
        rows=tuple(replace(r, value=r.value + 0.01) if r.effective == date(2025, 4, 1) else r for r in figure.rows),
    )
    entries = {"ask_ars": replace(entry, figures=(wrong,))}
    [found] = disagreements(rules.engine, entries)
    assert found.row.value == 423.49 and found.engine_value == pytest.approx(423.48)
    assert found.line().startswith("- ask_ars / ars_6_10 (depuis le 2025-04-01) : 423,49 €")
