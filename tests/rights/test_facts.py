"""The household facts people state in their own words, read into numbers and choices."""

from __future__ import annotations

from datetime import date

import pytest

from bot.rights.facts import fact_entities, facts_from_entities, read_facts
from bot.rights.household import Household

TODAY = date(2026, 11, 30)

CASES = [
    (
        "bonjour j'ai 3 enfants de 4, 9 et 15 ans, on gagne 2500 euros par mois, a quoi j'ai droit ?",
        dict(children_ages=(4, 9, 15), monthly_income=2500.0),
    ),
    ("je suis enceinte de mon deuxième, quelles aides ?", dict(pregnancy=True, children_ages=(-1,))),
    (
        "je suis seule avec 2 enfants, le pere paye pas, locataire 600 € de loyer",
        dict(couple=False, children_ages=(-1, -1), housing="tenant", rent=600.0, pension_received=False),
    ),
    (
        "moi 3 enfant, mari travail usine, salaire 1700, quelles aides pour famille ?",
        dict(couple=True, children_ages=(-1, -1, -1), monthly_income=1700.0, working=True),
    ),
    (
        "We are a couple with 2 kids aged 1 and 4, my husband earns 2300 euros, what can we claim?",
        dict(couple=True, children_ages=(1, 4), monthly_income=2300.0),
    ),
    ("jai 22 ans je bosse a mi temps 900 euros par mois", dict(adult_age=22, working=True, monthly_income=900.0)),
    (
        "couple sans enfant, on gagne 30000 par an, proprio",
        dict(couple=True, children_ages=(), monthly_income=2500.0, housing="owner"),
    ),
    (
        "un bébé de 6 mois et un de 3 ans, au chomage, hébergée chez ma mère",
        dict(children_ages=(0, 3), working=False, housing="hosted"),
    ),
    (
        "enceinte de 5 mois, en couple, 1800 net",
        dict(pregnancy=True, expected_birth=date(2027, 3, 1), couple=True, monthly_income=1800.0),
    ),
    ("j'habite au 76600, 2 enfants", dict(children_ages=(-1, -1))),
    ("mon loyer est de 650 et je gagne 1200", dict(rent=650.0, housing="tenant", monthly_income=1200.0)),
    ("aucun revenu, 1 enfant de 2 ans", dict(monthly_income=0.0, children_ages=(2,))),
    ("famille de 5, propriétaires, un seul salaire de 2100", dict(housing="owner", monthly_income=2100.0, earners=1)),
    ("En couple, deux revenus", dict(couple=True, earners=2)),
    ("on travaille tous les deux, 3 enfants", dict(couple=True, children_ages=(-1, -1, -1), working=True, earners=2)),
    ("revenu net catégoriel 2024 : 30 000 €", dict(declared_income=30000.0)),
    ("sur mon avis d'impôt 25000, et on gagne 2000 par mois", dict(declared_income=25000.0, monthly_income=2000.0)),
    ("j'ai 2 filles de 8 et 12 ans et mon fils a 16 ans", dict(children_ages=(8, 12, 16))),
    (
        "mon ex mari ne paie pas la pension, 3 enfants",
        dict(couple=False, children_ages=(-1, -1, -1), pension_received=False),
    ),
    ("25k par an", dict(monthly_income=2083.33)),
    ("bonjour", {}),
    ("je suis seule et mariée", {}),  # contradictory: not taken, the screening asks
    ("40 enfants", {}),  # out of range: asked again, never computed
    ("mon enfant a 45 ans", dict(children_ages=(-1,))),  # an age out of range is not taken: asked again
    ("seule avec mon fils", dict(couple=False, children_ages=(-1,))),
    ("la caf de Graville ouvre à quelle heure ?", {}),
]


@pytest.mark.parametrize("text, facts", CASES)
def test_facts_are_read_from_what_people_write(text, facts):
    assert read_facts(text, TODAY).known() == facts


def test_facts_go_through_the_nlu_as_entities_and_come_back_the_same():
    household = read_facts("seule avec 3 enfants de 2, 5 et 9 ans, 1200 par mois, locataire 550 de loyer", TODAY)
    entities = fact_entities(household)
    assert {"entity": "children", "value": 3} in entities and {"entity": "child_age", "value": 5} in entities
    assert all(isinstance(e["value"], (int, float, bool, str)) for e in entities)
    assert facts_from_entities(entities) == household


def test_a_later_fact_corrects_an_earlier_one():
    first = read_facts("3 enfants, en couple", TODAY)
    assert first.merged(read_facts("en fait je suis seule", TODAY)).couple is False
    assert first.merged(Household()).couple is True
