"""The /calculate request built from a household: numbers and choices only, periods the engine reads."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from bot.rights.engine_payload import (
    HOUSING_STATUS,
    birth_date,
    household_payload,
    months_since_january,
)
from bot.rights.household import Household
from bot.territory import LE_HAVRE_INSEE

NOV_2026 = date(2026, 11, 1)
FAMILY = Household(
    couple=True,
    children_ages=(0, 4, 15),
    pregnancy=True,
    monthly_income=2500.0,
    working=True,
    housing="tenant",
    rent=650.0,
    pension_received=None,
    adult_age=31,
)


def leaves(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from leaves(value)
    else:
        yield node


def test_the_payload_holds_numbers_dates_and_the_engines_names_only():
    payload = household_payload(
        replace(FAMILY, declared_income=30_000, earners=2), NOV_2026, ["af", "ars", "rsa"], unborn=True
    )
    allowed_text = {LE_HAVRE_INSEE, "ETERNITY", *HOUSING_STATUS.values()}
    for leaf in leaves(payload):
        if isinstance(leaf, str) and leaf not in allowed_text:
            # entity and variable names, periods and ISO dates: lower-case identifiers and digits only
            assert leaf.replace("_", "").replace("-", "").replace(":", "").isalnum(), leaf
            assert leaf == leaf.lower() and " " not in leaf, leaf
        else:
            assert leaf is None or isinstance(leaf, (int, float, bool, str)), leaf
    assert "enfant_a_naitre" in json.dumps(payload)


def test_everybody_is_in_one_famille_foyer_and_menage():
    payload = household_payload(FAMILY, NOV_2026, ["af"])
    people = set(payload["individus"])
    assert people == {"parent_1", "parent_2", "enfant_1", "enfant_2", "enfant_3"}
    famille = payload["familles"]["famille_1"]
    assert set(famille["parents"]) | set(famille["enfants"]) == people
    foyer = payload["foyers_fiscaux"]["foyer_fiscal_1"]
    assert set(foyer["declarants"]) | set(foyer["personnes_a_charge"]) == people
    menage = payload["menages"]["menage_1"]
    assert set(menage["personne_de_reference"] + menage["conjoint"] + menage["enfants"]) == people
    assert menage["depcom"] == {"2026-11": "76351"} and menage["statut_occupation_logement"] == {
        "2026-11": "locataire_vide"
    }
    assert menage["loyer"] == {"2026-11": 650.0}


def test_income_is_given_as_salaries_over_every_month_since_january_n_2():
    parent = household_payload(FAMILY, NOV_2026, ["rsa"])["individus"]["parent_1"]
    assert months_since_january(2, NOV_2026) == 35
    assert parent["salaire_net"] == {"month:2024-01:35": 87_500.0}  # the total over the 35 months
    assert parent["salaire_imposable"] == {"month:2024-01:35": 90_650.0}
    assert parent["enceinte"] == {"2026-11": True}


def test_other_incomes_are_zero_for_everyone_since_january_n_5():
    individus = household_payload(FAMILY, NOV_2026, ["rsa"])["individus"]
    for person in individus.values():
        assert person["chomage_brut"] == person["retraite_brute"] == {"month:2021-01:71": 0}


def test_declared_n_2_income_is_shared_by_the_earners_and_set_for_every_adult():
    two = replace(FAMILY, declared_income=30_000.0, earners=2)
    individus = household_payload(two, NOV_2026, ["cf"])["individus"]
    assert individus["parent_1"]["revenu_assimile_salaire_apres_abattements"] == {"2024": 15_000}
    assert individus["parent_2"]["revenu_assimile_salaire_apres_abattements"] == {"2024": 15_000}
    one_earner = household_payload(replace(two, earners=1), NOV_2026, ["cf"])["individus"]
    assert one_earner["parent_2"]["revenu_assimile_salaire_apres_abattements"] == {"2024": 0}


def test_two_earners_share_the_monthly_salaries():
    individus = household_payload(replace(FAMILY, earners=2), NOV_2026, ["ppa"])["individus"]
    assert (
        individus["parent_1"]["salaire_net"] == individus["parent_2"]["salaire_net"] == {"month:2024-01:35": 43_750.0}
    )
    alone = household_payload(FAMILY, NOV_2026, ["ppa"])["individus"]
    assert "salaire_net" not in alone["parent_2"]  # one salary when the split is not said


def test_birth_dates_give_the_age_all_through_the_month():
    assert birth_date(15, NOV_2026) == date(2011, 5, 1)  # 15 years and 6 months on 1 November 2026
    assert birth_date(0, NOV_2026) == date(2026, 5, 1)
    assert birth_date(4, date(2026, 3, 1)) == date(2021, 9, 1)
    for age in range(0, 26):
        born = birth_date(age, NOV_2026)
        for day in (date(2026, 11, 1), date(2026, 11, 30)):
            completed = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            assert completed == age


def test_the_expected_child_is_born_two_months_later_and_only_in_the_birth_grant_request():
    plain = household_payload(FAMILY, NOV_2026, ["af", "rsa"])
    assert "enfant_a_naitre" not in plain["individus"]
    grant = household_payload(FAMILY, NOV_2026, ["paje_naissance"], unborn=True)
    assert grant["individus"]["enfant_a_naitre"]["date_naissance"] == {"ETERNITY": "2027-01-01"}
    assert grant["familles"]["famille_1"]["paje_naissance"] == {"2026-11": None}


def test_the_ars_is_asked_for_its_calendar_year_and_a_single_parent_without_support():
    single = Household(couple=False, children_ages=(7,), monthly_income=1000.0, pension_received=False)
    payload = household_payload(single, NOV_2026, ["ars", "asf"])
    assert payload["familles"]["famille_1"]["ars"] == {"2026": None}
    assert payload["individus"]["parent_1"]["pensions_alimentaires_percues"] == {"2026-11": 0.0}
    assert list(payload["individus"]) == ["parent_1", "enfant_1"]
