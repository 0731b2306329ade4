"""Estimates computed by the rules engine: published amounts, band edges, the 2026 age reform, the text shown,
and the published figures when the engine does not answer or a fact is missing."""

from datetime import date

import pytest

from bot.formatting import number
from bot.rights.engine import Engine, EngineUnavailable, simulate
from bot.rights.estimates import estimate_reply_text
from bot.rights.household import Household
from bot.runtime.servers import free_port

IN_2025 = date(2025, 6, 1)  # amounts of 1 April 2025, ceilings of 1 January 2025 (income 2023)
IN_2026 = date(2026, 11, 28)  # amounts of 1 April 2026, ceilings of 1 January 2026 (income 2024)
HOUSEHOLDS = {
    "one_income": {"couple": True, "earners": 1},
    "two_incomes": {"couple": True, "earners": 2},
    "single": {"couple": False},
}


def declared(ages: tuple, income: float, household: str = "one_income") -> Household:
    """The household of a tax notice: its revenu net catégoriel N-2, and who earns it."""
    return Household(children_ages=ages, declared_income=income, **HOUSEHOLDS[household])


def amount(rules, name: str, household: Household, day: date) -> float:
    return simulate(household, day, (name,), engine=rules.engine).amounts[name].value


def af(rules, ages, income, day=IN_2026):
    return amount(rules, "af", declared(ages, income), day)


def estimate(rules, name: str, household: Household, day: date = IN_2026) -> str:
    return estimate_reply_text(name, household, simulate(household, day, (name,), engine=rules.engine), day)


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
    ars = lambda income, ages=(7, 12, 16): amount(rules, "ars", declared(ages, income), IN_2025)  # noqa: E731
    # Published 423,48 + 446,85 + 462,33: the engine takes CRDS on the total, a cent less.
    assert ars(41_572) == pytest.approx(423.48 + 446.85 + 462.33, abs=0.01)
    assert ars(41_573) == 1331.65  # just above the ceiling: the ARS différentielle
    assert ars(45_000) == 0
    assert ars(10_000, (2, 4)) == 0


@pytest.mark.rules
def test_cf_majore_base_and_differential_2026(rules):
    cf = lambda income, household, ages=(4, 7, 15): amount(  # noqa: E731
        rules, "cf", declared(ages, income, household), IN_2026
    )
    assert cf(22_000, "one_income") == 297.26  # under the majoré ceiling (half of 44 735,4 €)
    assert cf(22_368, "one_income") == 198.16  # the entry's rounded 22 368 € is 0,30 € above it
    assert cf(54_724, "two_incomes") == 198.16
    assert cf(54_725, "two_incomes") == 198.11  # just above the ceiling: the allocation différentielle
    assert cf(54_724, "single") == 198.16
    assert cf(10_000, "one_income", (2, 7, 15)) == 0  # a child under 3


@pytest.mark.rules
def test_the_estimate_says_engine_version_month_tranche_and_who_decides(rules):
    text = estimate(rules, "af", declared((5, 8, 14), 30_000))
    assert "Estimation indicative" in text and "347,32" in text and "par mois" in text
    assert "revenus sous le premier plafond : montant plein" in text
    assert "OpenFisca-France (version 176.1.8)" in text and "novembre 2026" in text and "après la CRDS" in text
    assert f"revenu net catégoriel de l'avis d'impôt : {number(30_000)} € par an" in text
    assert "Seule la CAF décide" in text
    assert "1er mars 2012" in text  # a child of 14: the age supplement depends on the birth date
    degressif = estimate(rules, "af", declared((5, 8), 79_981))
    assert "revenus entre les deux plafonds" in degressif and "avec un complément dégressif" in degressif


@pytest.mark.rules
def test_the_estimate_reads_the_monthly_income_of_the_screening(rules):
    text = estimate(rules, "af", Household(children_ages=(5, 8, 14), monthly_income=2500.0))
    assert f"revenus du foyer : {number(2500)} € nets par mois" in text and "par mois" in text


@pytest.mark.rules
def test_the_ars_estimate_names_its_rentree(rules):
    november = estimate(rules, "ars", declared((7, 16), 20_000))
    assert "pour la rentrée 2026" in november and "La rentrée 2026 est passée" in november
    assert "confirmez la scolarité" in november
    june = estimate(rules, "ars", declared((7,), 20_000), date(2026, 6, 15))
    assert "pour la rentrée 2026 (versée une fois, en août 2026)" in june and "est passée" not in june


def test_no_engine_gives_the_published_figures_not_an_estimate():
    down = Engine(f"http://127.0.0.1:{free_port()}", timeout=1)
    household = declared((7, 12), 20_000)
    with pytest.raises(EngineUnavailable):
        simulate(household, IN_2026, ("ars",), engine=down)
    text = estimate_reply_text("ars", household, None, IN_2026)
    assert text.startswith("Le moteur de calcul ne répond pas") and "Estimation" not in text
    assert "426,87 € par enfant de 6 à 10 ans" in text and "Seule la CAF décide" in text
    assert text.split("\n")[-1].startswith("Source")


@pytest.mark.rules
def test_a_fact_answered_je_ne_sais_pas_gives_the_published_figures(rules):
    text = estimate(rules, "af", Household(children_ages=(5, 8)))
    assert (
        text.startswith("Sans les revenus, je ne peux pas faire l'estimation.") and "Voici les montants publiés" in text
    )
