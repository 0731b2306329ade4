"""Estimates computed by the rules engine: published amounts, band edges, the 2026 age reform, the text shown,
and the published figures when the engine does not answer. Answers parsed from what people type."""

from datetime import date

import pytest

from bot.knowledge.entries import load_entries
from bot.rights.engine import Engine
from bot.rights.estimates import Answers, estimate, estimate_text, render_unavailable
from bot.rights.parsing import Children, DontKnow, parse_children, parse_income
from bot.runtime.servers import free_port

IN_2025 = date(2025, 6, 1)  # amounts of 1 April 2025, ceilings of 1 January 2025 (income 2023)
IN_2026 = date(2026, 11, 28)  # amounts of 1 April 2026, ceilings of 1 January 2026 (income 2024)
VARIABLE = {"ask_allocations_familiales": "af", "ask_ars": "ars", "ask_complement_familial": "cf"}


def amount(rules, benefit: str, ages: tuple, income: float, day: date, household: str | None = None) -> float:
    simulation = estimate(benefit, Answers(ages, income, household), day, rules.engine)
    return simulation.amounts[VARIABLE[benefit]].value


def af(rules, ages, income, day=IN_2026):
    return amount(rules, "ask_allocations_familiales", ages, income, day)


@pytest.mark.rules
@pytest.mark.parametrize(
    "ages,published",
    [((5, 8), 151.05), ((5, 8, 11), 344.56), ((1, 5, 8, 11), 538.08), ((1, 3, 5, 8, 11), 538.08 + 193.52)],
)
def test_af_2025_full_rate_reproduces_published_amounts(rules, ages, published):
    assert af(rules, ages, 30_000, IN_2025) == pytest.approx(published)


@pytest.mark.rules
def test_af_tranche_edges_2026_with_the_complement_degressif(rules):
    assert af(rules, (5, 8), 79_980) == 152.25  # at the T1 ceiling
    assert af(rules, (5, 8), 79_981) == 152.17  # just above: T2 plus the complément dégressif
    assert af(rules, (5, 8), 80_500) == 109.14
    assert af(rules, (5, 8), 106_604) == 76.13  # at the T2 ceiling: half
    assert af(rules, (5, 8), 106_605) == 76.04  # just above: T3 plus the complément dégressif
    assert af(rules, (5, 8), 107_000) == 43.29


@pytest.mark.rules
def test_af_age_supplement_follows_the_2026_reform(rules):
    assert af(rules, (5, 8, 15), 30_000) == pytest.approx(347.32 + 76.13)  # born before 1 March 2012: from 14
    assert af(rules, (8, 16, 17), 30_000) == pytest.approx(347.32 + 2 * 76.13, abs=0.02)  # CRDS on the total
    assert af(rules, (8, 16), 30_000) == 152.25  # the eldest of two children: no supplement
    assert af(rules, (5, 8, 13), 30_000) == 347.32  # born after 1 March 2012: only from 18
    assert af(rules, (3,), 10_000) == 0


@pytest.mark.rules
def test_ars_2025_ceiling_and_differential(rules):
    ars = lambda income, ages=(7, 12, 16): amount(rules, "ask_ars", ages, income, IN_2025)  # noqa: E731
    # Published 423,48 + 446,85 + 462,33: the engine takes CRDS on the total, a cent less.
    assert ars(41_572) == pytest.approx(423.48 + 446.85 + 462.33, abs=0.01)
    assert ars(41_573) == 1331.65  # just above the ceiling: the ARS différentielle
    assert ars(45_000) == 0
    assert ars(10_000, (2, 4)) == 0


@pytest.mark.rules
def test_cf_majore_base_and_differential_2026(rules):
    cf = lambda income, household, ages=(4, 7, 15): amount(  # noqa: E731
        rules, "ask_complement_familial", ages, income, IN_2026, household
    )
    assert cf(22_000, "one_income") == 297.26  # under the majoré ceiling (half of 44 735,4 €)
    assert cf(22_368, "one_income") == 198.16  # the entry's rounded 22 368 € is 0,30 € above it
    assert cf(54_724, "two_incomes") == 198.16
    assert cf(54_725, "two_incomes") == 198.11  # just above the ceiling: the allocation différentielle
    assert cf(54_724, "single") == 198.16
    assert cf(10_000, "one_income", (2, 7, 15)) == 0  # a child under 3


@pytest.mark.rules
def test_the_estimate_says_engine_version_month_tranche_and_who_decides(rules):
    entry = load_entries()["ask_allocations_familiales"]
    text = estimate_text(entry, Answers((5, 8, 14), 30_000, None), IN_2026, rules.engine)
    assert "Estimation indicative" in text and "347,32" in text and "par mois" in text and "tranche 1" in text
    assert "OpenFisca-France (version 176.1.8)" in text and "novembre 2026" in text and "après la CRDS" in text
    assert "revenu net catégoriel 2024" in text and "Seule la CAF décide" in text
    assert "1er mars 2012" in text  # a child of 14: the age supplement depends on the birth date
    degressif = estimate_text(entry, Answers((5, 8), 79_981, None), IN_2026, rules.engine)
    assert "tranche 2 (moitié), avec un complément dégressif" in degressif


@pytest.mark.rules
def test_the_ars_estimate_names_its_rentree(rules):
    entry = load_entries()["ask_ars"]
    november = estimate_text(entry, Answers((7, 16), 20_000, None), IN_2026, rules.engine)
    assert "pour la rentrée 2026" in november and "La rentrée 2026 est passée" in november
    assert "confirmez la scolarité" in november
    june = estimate_text(entry, Answers((7,), 20_000, None), date(2026, 6, 15), rules.engine)
    assert "pour la rentrée 2026 (versée une fois, en août 2026)" in june and "est passée" not in june


def test_no_engine_gives_the_published_figures_not_an_estimate():
    entry = load_entries()["ask_ars"]
    down = Engine(f"http://127.0.0.1:{free_port()}", timeout=1)
    text = estimate_text(entry, Answers((7, 12), 20_000, None), IN_2026, down)
    assert text == render_unavailable(entry, IN_2026)
    assert text.startswith("Le moteur de calcul ne répond pas") and "Estimation" not in text
    assert "426,87 € par enfant de 6 à 10 ans" in text and "Seule la CAF décide" in text


@pytest.mark.parametrize(
    "text,expected",
    [
        ("3 enfants de 2, 7 et 15 ans", Children((2, 7, 15), 3)),
        ("trois enfants de deux, sept et quinze ans", Children((2, 7, 15), 3)),
        ("un bébé de 6 mois et une fille de 4 ans", Children((0, 4), 2)),
        ("4, 9, 13", Children((4, 9, 13), 3)),
        ("deux enfants", Children(None, 2)),
        ("aucun", Children((), 0)),
        ("bla bla", None),
    ],
)
def test_parse_children(text, expected):
    assert parse_children(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("25 000", 25_000),
        ("25000€", 25_000),
        ("25k", 25_000),
        ("2 500 par mois", 30_000),
        ("environ 31.500 euros", 31_500),
        ("aucun", 0),
        ("rien", 0),
        ("aucun revenu", 0),
        ("0 €", 0),
        ("pas de revenus", 0),
        ("bonjour", None),
    ],
)
def test_parse_income(text, expected):
    assert parse_income(text) == expected


@pytest.mark.parametrize("text", ["je ne sais pas", "jsp", "aucune idée"])
def test_dont_know_is_recognised(text):
    with pytest.raises(DontKnow):
        parse_income(text)
    with pytest.raises(DontKnow):
        parse_children(text)
