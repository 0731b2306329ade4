"""Households computed by the real rules engine (OpenFisca-France 176.1.8), against its own answers and the CAF's.

The expected amounts were computed once by the engine for November 2026 and written here; the month
is fixed, so the test does not change next month. They are amounts as the CAF pays them (after CRDS).
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.knowledge.entries import load_entries
from bot.rights.benefits import benefits
from bot.rights.engine import simulate
from bot.rights.household import Household as H

pytestmark = pytest.mark.rules

NOV_2026 = date(2026, 11, 1)
ALL = tuple(benefits())
NOTHING_FAMILY = {"af": 0.0, "cf": 0.0, "ars": 0.0, "asf": 0.0, "paje_base": 0.0, "paje_naissance": 0.0}

# name: (household, amounts the engine gave for November 2026, benefits not computed)
HOUSEHOLDS = {
    "couple, no child, low income, tenant": (
        H(couple=True, children_ages=(), monthly_income=1500, working=True, housing="tenant", rent=500),
        {**NOTHING_FAMILY, "ppa": 543.88, "aide_logement": 54.0},
        {"paje_cmg", "rsa"},
    ),
    "couple, a baby, no income, tenant": (
        H(couple=True, children_ages=(1,), monthly_income=0, working=False, housing="tenant", rent=550),
        {**NOTHING_FAMILY, "paje_base": 198.16, "rsa": 780.34, "aide_logement": 431.0},
        {"paje_cmg", "ppa"},
    ),
    "single parent, 2 children, no child support, tenant": (
        H(
            couple=False,
            children_ages=(4, 9),
            monthly_income=1100,
            working=True,
            housing="tenant",
            rent=500,
            pension_received=False,
        ),
        {
            **NOTHING_FAMILY,
            "af": 152.25,
            "ars": 426.87,
            "asf": 401.56,
            "rsa": 0.0,
            "ppa": 429.39,
            "aide_logement": 411.0,
        },
        {"paje_cmg"},
    ),
    "couple, 3 children, middle income, tenant": (
        H(couple=True, children_ages=(4, 9, 15), monthly_income=2500, working=True, housing="tenant", rent=650),
        {**NOTHING_FAMILY, "af": 423.45, "cf": 198.16, "ars": 892.88, "ppa": 282.95, "aide_logement": 138.0},
        {"paje_cmg", "rsa"},
    ),
    "couple expecting a first child, tenant": (
        H(couple=True, children_ages=(), pregnancy=True, monthly_income=1800, working=True, housing="tenant", rent=600),
        {**NOTHING_FAMILY, "paje_naissance": 1093.08, "ppa": 472.98, "aide_logement": 0.0},
        {"paje_cmg", "rsa"},
    ),
    "single pregnant woman, no income, housed free": (
        H(
            couple=False,
            children_ages=(),
            pregnancy=True,
            monthly_income=0,
            working=False,
            housing="hosted",
            pension_received=False,
        ),
        {**NOTHING_FAMILY, "paje_naissance": 1093.08, "rsa": 758.65},
        {"aide_logement", "paje_cmg", "ppa"},
    ),
    "couple, 5 children, middle income, tenant": (
        H(couple=True, children_ages=(1, 3, 6, 10, 14), monthly_income=3200, working=True, housing="tenant", rent=800),
        {**NOTHING_FAMILY, "af": 737.45, "ars": 1304.13, "paje_base": 198.16, "ppa": 121.25, "aide_logement": 161.0},
        {"paje_cmg", "rsa"},
    ),
    "couple, 2 teenagers, middle income, owners": (
        H(couple=True, children_ages=(12, 16), monthly_income=4500, working=True, housing="owner"),
        {**NOTHING_FAMILY, "af": 152.25, "ppa": 0.0},
        {"aide_logement", "paje_cmg", "rsa"},
    ),
    "single parent receiving child support, a toddler, no work, tenant": (
        H(
            couple=False,
            children_ages=(2,),
            monthly_income=0,
            working=False,
            housing="tenant",
            rent=450,
            pension_received=True,
        ),
        {
            "af": 0.0,
            "cf": 0.0,
            "ars": 0.0,
            "paje_base": 198.16,
            "paje_naissance": 0.0,
            "rsa": 652.65,
            "aide_logement": 431.0,
        },
        {"asf", "paje_cmg", "ppa"},
    ),
    "couple, 4 children, low income, tenant": (
        H(couple=True, children_ages=(3, 5, 8, 11), monthly_income=1400, working=True, housing="tenant", rent=700),
        {
            **NOTHING_FAMILY,
            "af": 542.38,
            "cf": 297.26,
            "ars": 877.28,
            "rsa": 0.0,
            "ppa": 707.81,
            "aide_logement": 505.0,
        },
        {"paje_cmg"},
    ),
    "young person alone, part time, tenant": (
        H(
            couple=False,
            children_ages=(),
            monthly_income=900,
            working=True,
            housing="tenant",
            rent=450,
            adult_age=22,
            pension_received=False,
        ),
        {**NOTHING_FAMILY, "rsa": 0.0, "ppa": 318.32, "aide_logement": 156.0},
        {"paje_cmg"},
    ),
    "couple, a baby and a toddler, housed free": (
        H(couple=True, children_ages=(0, 2), monthly_income=2200, working=True, housing="hosted"),
        {**NOTHING_FAMILY, "af": 152.25, "paje_base": 198.16, "ppa": 343.83},
        {"aide_logement", "paje_cmg", "rsa"},
    ),
    "single parent, 3 children, owner": (
        H(
            couple=False,
            children_ages=(6, 9, 13),
            monthly_income=1300,
            working=True,
            housing="owner",
            pension_received=False,
        ),
        {**NOTHING_FAMILY, "af": 347.32, "cf": 297.26, "ars": 1304.13, "asf": 602.33, "rsa": 0.0, "ppa": 152.49},
        {"aide_logement", "paje_cmg"},
    ),
}


@pytest.mark.parametrize("name", HOUSEHOLDS)
def test_household_amounts_are_the_engines(rules, name):
    household, expected, not_computed = HOUSEHOLDS[name]
    simulation = simulate(household, NOV_2026, ALL, engine=rules.engine)
    assert {b: a.value for b, a in simulation.amounts.items()} == pytest.approx(expected, abs=0.005)
    assert set(simulation.not_computed) == not_computed
    assert simulation.engine == "openfisca-france" and simulation.version == "176.1.8"
    assert simulation.month == NOV_2026 and simulation.amounts["ars"].period == "2026"


def test_only_the_benefits_asked_are_computed(rules):
    household = HOUSEHOLDS["couple, 3 children, middle income, tenant"][0]
    simulation = simulate(household, date(2026, 11, 17), ("af",), engine=rules.engine)
    assert set(simulation.amounts) == {"af"} and simulation.amounts["af"].period == "2026-11"
    assert simulation.details == pytest.approx(
        {"af_taux_modulation": 1.0, "af_complement_degressif": 0.0, "af_majoration": 76.5056}  # tranche 1, one of 15
    )


def test_amounts_are_net_of_crds_except_rsa_and_housing_aid(rules):
    household = HOUSEHOLDS["couple, 3 children, middle income, tenant"][0]
    amounts = simulate(household, NOV_2026, ("af", "aide_logement"), engine=rules.engine).amounts
    assert amounts["af"].gross == pytest.approx(425.5656) and amounts["af"].value == 423.45
    assert amounts["aide_logement"].value == amounts["aide_logement"].gross == 138.0
    rsa = simulate(HOUSEHOLDS["couple, a baby, no income, tenant"][0], NOV_2026, ("rsa",), engine=rules.engine)
    assert rsa.amounts["rsa"].value == round(rsa.amounts["rsa"].gross, 2)


def _published(intent: str, figure_id: str, day: date) -> float:
    figure = next(f for f in load_entries()[intent].figures if f.id == figure_id)
    row = figure.row_in_force(day)
    assert row.status == "confirmed", f"{figure_id}: compare only with a confirmed published amount"
    return row.value


JUNE_2025 = date(2025, 6, 1)


@pytest.mark.parametrize(
    "household,benefit,published",
    [
        (
            H(couple=True, children_ages=(5, 8, 11), monthly_income=2000, working=True, housing="tenant", rent=600),
            "af",
            ("ask_allocations_familiales", "af_3_enfants_t1"),
        ),
        (
            H(
                couple=False,
                children_ages=(7,),
                monthly_income=1200,
                working=True,
                housing="tenant",
                rent=450,
                pension_received=False,
            ),
            "ars",
            ("ask_ars", "ars_6_10"),
        ),
        (
            H(
                couple=True,
                children_ages=(4,),
                pregnancy=True,
                monthly_income=2000,
                working=True,
                housing="tenant",
                rent=600,
            ),
            "paje_naissance",
            ("ask_prime_naissance", "prime_naissance"),
        ),
    ],
    ids=["af-3-children", "ars-one-child", "birth-grant"],
)
def test_households_get_the_published_caf_amounts_of_2025(rules, household, benefit, published):
    simulation = simulate(household, JUNE_2025, (benefit,), engine=rules.engine)
    assert simulation.amounts[benefit].value == _published(*published, JUNE_2025)
