"""The answer to « à quoi ai-je droit ? » from a simulation: families, agents, and the engine down."""

from __future__ import annotations

from datetime import date

from bot.rights.engine import Amount, Simulation
from bot.rights.household import Household
from bot.rights.results import (
    agent_reply,
    benefits_to_ask,
    engine_household,
    family_reply,
    plausible_rights,
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
    },
    {"paje_cmg": "needs the childcare cost, which is not known"},
    {"af_taux_modulation": 1.0},
)


def test_families_get_each_positive_right_with_its_amount_why_and_how_to_apply():
    reply = family_reply(FAMILY, SIMULATION, TODAY)
    lines = reply.text.split("\n")
    assert lines[1].startswith("• Allocations familiales") and "environ 423 € par mois" in lines[1]
    assert "3 enfants à charge dont un de 14 ans ou plus ; revenus sous le premier plafond" in lines[1]
    assert any("environ 893 € pour l'année" in line and "rentrée 2026, versé en août" in line for line in lines)
    assert not any("RSA" in line and "•" in line for line in lines)  # nothing to get: not listed
    assert "Non calculé :" in reply.text and "frais de garde" in reply.text
    assert "OpenFisca-France 176.1.8" in reply.text and "Seule la CAF décide" in reply.text
    assert reply.buttons[0]["payload"].startswith('/ask_allocations_familiales{"facet": "demande"}')
    assert reply.custom["type"] == "rights_results" and reply.custom["rights"][0]["period"] == "month"


def test_agents_get_a_card_with_facts_rights_references_documents_and_where_to_send():
    reply = agent_reply(FAMILY, SIMULATION, TODAY)
    card = reply.custom
    assert card["type"] == "rights_card" and "en couple" in card["facts"]
    assert card["rights"][0]["legal"] and card["documents"] and card["send_to"]
    assert "Situation retenue :" in reply.text and "(réf." in reply.text


def test_the_engine_down_gives_an_honest_message_and_the_published_figures():
    reply = unavailable_reply(FAMILY, TODAY)
    assert reply.text.startswith("Le calcul personnalisé est indisponible")
    assert "Allocations familiales" in reply.text and "€" in reply.text
    assert plausible_rights(Household(couple=False, children_ages=(2,), monthly_income=800.0, housing="tenant")) == [
        "ask_asf",
        "ask_allocation_base",
        "ask_aide_logement",
        "ask_prime_activite",
        "ask_rsa",
    ]


def test_what_the_engine_is_asked():
    assert "aide_logement" not in benefits_to_ask(Household(housing="owner", children_ages=(1,)))
    assert "paje_cmg" in benefits_to_ask(Household(children_ages=(1,)))
    assert engine_household(Household(children_ages=(-1, 5))).children_ages == (5,)
