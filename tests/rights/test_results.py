"""The answer to « à quoi ai-je droit ? » from a simulation: families, agents, and the engine down."""

from __future__ import annotations

from datetime import date

from bot.formatting import number
from bot.rights.engine import Amount, NotComputed, Simulation
from bot.rights.household import Household
from bot.rights.results import (
    agent_reply,
    engine_household,
    family_reply,
    not_computed_lines,
    plausible_rights,
    rights_to_compute,
    unavailable_reply,
)

TODAY = date(2026, 11, 30)
FAMILY = Household(couple=True, children_ages=(4, 9, 15), monthly_income=2500.0, housing="tenant", rent=650.0)
SIMULATION = Simulation(
    date(2026, 11, 1),
    "openfisca-france",
    "176.1.8",
    {
        "af": Amount("af", 423.45, 425.57, "2026-11"),
        "cf": Amount("cf", 198.15, 199.15, "2026-11"),
        "ars": Amount("ars", 892.87, 897.36, "2026"),
        "ppa": Amount("ppa", 282.94, 284.37, "2026-11"),
        "aide_logement": Amount("aide_logement", 138.0, 138.0, "2026-11"),
        "rsa": Amount("rsa", 0.0, 0.0, "2026-11"),
        "paje_naissance": Amount("paje_naissance", 1093.08, 1098.57, "2026-11"),
    },
    {"paje_cmg": NotComputed(reason="never computed", shown="il dépend de vos frais de garde.")},
    {"af_taux_modulation": 1.0, "af_majoration": 76.13},
)


def test_families_get_each_positive_right_with_its_amount_why_and_how_to_apply():
    reply = family_reply(FAMILY, SIMULATION, TODAY)
    lines = reply.text.split("\n")
    assert lines[1].startswith("• Allocations familiales") and "environ 423 € par mois" in lines[1]
    assert "3 enfants à charge ; revenus sous le premier plafond : montant plein ; avec la majoration" in lines[1]
    assert any(
        "• Prime à la naissance" in line and f"environ {number(1093)} € une fois, avant la naissance" in line
        for line in lines
    )  # paid once: not « par mois »
    assert any("environ 893 € pour la rentrée 2026 (versée une fois, en août 2026)" in line for line in lines)
    assert any("2 enfants d'âge scolaire (6 à 18 ans)" in line for line in lines)
    assert not any("RSA" in line and "•" in line for line in lines)  # nothing to get: not listed
    assert "Non calculé :" in reply.text and "frais de garde" in reply.text
    assert "OpenFisca-France 176.1.8" in reply.text and "Seule la CAF décide" in reply.text
    assert reply.buttons[0]["payload"].startswith('/ask_allocations_familiales{"facet": "demande"}')
    assert reply.buttons[0]["title"] == "Demander : Allocations familiales"
    periods = {r["intent"]: (r["period"], r["when"]) for r in reply.custom["rights"]}
    assert periods["ask_prime_naissance"] == ("once", "une fois, avant la naissance")
    assert periods["ask_allocations_familiales"] == ("month", "par mois")


def test_agents_get_a_card_with_facts_rights_references_documents_and_where_to_send():
    reply = agent_reply(FAMILY, SIMULATION, TODAY)
    card = reply.custom
    assert card["type"] == "rights_card" and "en couple" in card["facts"]
    assert card["rights"][0]["legal"] and card["documents"] and card["send_to"]
    assert "Situation retenue :" in reply.text and "(réf." in reply.text
    assert f"Prime à la naissance et prime à l'adoption (PAJE) : environ {number(1093)} € une fois" in reply.text


def test_the_engine_down_gives_an_honest_message_and_the_published_figures():
    reply = unavailable_reply(FAMILY, TODAY)
    assert reply.text.startswith("Le calcul personnalisé est indisponible")
    assert "Allocations familiales" in reply.text and "€" in reply.text
    assert plausible_rights(Household(couple=False, children_ages=(2,), monthly_income=800.0, housing="tenant")) == [
        "ask_asf",
        "ask_allocation_base",
        "ask_rsa",
        "ask_prime_activite",
        "ask_aide_logement",
    ]


def test_what_the_engine_is_asked():
    assert "aide_logement" not in rights_to_compute(Household(housing="owner", children_ages=(1,)))
    assert "paje_cmg" in rights_to_compute(Household(children_ages=(1,)))
    assert "af" not in rights_to_compute(Household(children_ages=()))
    assert "af" in rights_to_compute(Household(children_ages=(), pregnancy=True))
    assert engine_household(Household(children_ages=(-1, 5))).children_ages == (5,)


def test_rights_not_computed_say_which_fact_is_missing_or_why():
    simulation = Simulation(
        date(2026, 11, 1),
        "",
        "",
        {},
        {"asf": NotComputed(missing=("child_support",)), "ppa": NotComputed(reason="no income from work")},
    )
    lines = not_computed_lines(simulation)
    assert lines == ["Allocation de soutien familial (ASF) : non calculé, il manque la pension alimentaire."]
