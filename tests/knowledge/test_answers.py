"""Answers from knowledge entries: families first, script cards for agents."""

from datetime import date

from bot.audience import AGENT, FAMILY, audience_of
from bot.formatting import euros, long_date
from bot.knowledge.answers import agent_card
from bot.knowledge.entries import load_entries
from bot.knowledge.facets import detect_facet
from bot.knowledge.topic_answer import answer_topic

DAY = date(2026, 11, 28)


def test_amount_question_gets_the_amount_in_force_with_its_date_and_source():
    reply = answer_topic("ask_allocations_familiales", "combien on touche avec 2 enfants ?", None, FAMILY, DAY)
    first_lines = reply.text.splitlines()[:3]
    assert any("152,25" in line for line in first_lines)
    assert "En vigueur depuis le 1er avril 2026" in reply.text
    assert "à vérifier auprès de la CAF" in reply.text  # 2026 amounts are computed
    assert reply.text.splitlines()[-1].startswith("Source : ") and "vérifié le 28/11/2026" in reply.text


def test_before_april_the_previous_amount_is_given_without_caveat():
    reply = answer_topic("ask_allocations_familiales", "montant af", None, FAMILY, date(2026, 1, 15))
    assert "151,05" in reply.text and "152,25" not in reply.text


def test_follow_up_buttons_offer_the_other_facets():
    reply = answer_topic("ask_ars", "combien pour l'ars", None, FAMILY, DAY)
    titles = [b["title"] for b in reply.buttons]
    assert titles == ["Conditions", "Faire la demande", "Pièces à fournir", "Trouver un lieu d'accueil", "Simuler"]
    assert reply.buttons[0]["payload"] == '/ask_ars{"facet": "conditions"}'


def test_a_button_facet_wins_over_the_words():
    reply = answer_topic("ask_ars", "/ask_ars", "conditions", FAMILY, DAY)
    assert "Plafonds de revenus" in reply.text and "(revenus 2024)" in reply.text


def test_how_to_apply_and_documents():
    demande = answer_topic("ask_prime_naissance", "comment faire la demande", None, FAMILY, DAY)
    assert "1. " in demande.text
    pieces = answer_topic("ask_compte_caf", "quels papiers", None, FAMILY, DAY)
    assert "Pièces à fournir" in pieces.text


def test_agent_gets_a_script_card_as_text_and_data():
    reply = answer_topic("ask_ars", "une dame me demande pour l'ars", None, AGENT, DAY)
    for section in ("À dire :", "À demander :", "Pièces à préparer :", "Orienter vers :", "Référence :"):
        assert section in reply.text
    card = reply.custom
    assert card["type"] == "script_card" and card["intent"] == "ask_ars"
    assert card["say"] and card["ask"] and card["send_to"] and card["sources"]
    assert {f["id"] for f in card["figures"]} >= {"ars_6_10", "ars_plafond_1_enfant"}


def test_stale_figures_are_flagged_in_the_card():
    card = agent_card(load_entries()["ask_aeeh"], DAY)
    stale = [f["id"] for f in card["figures"] if f["stale"]]
    assert stale == ["aeeh_complement_cat6"]


def test_the_place_facet_offers_the_nearest_place_of_the_body():
    reply = answer_topic("ask_ars", "où aller", None, FAMILY, DAY)
    assert reply.buttons[0] == {"title": "Le lieu le plus proche", "payload": '/find_service{"service_type": "caf"}'}


def test_audience_from_metadata_then_memory():
    assert audience_of({"audience": "agent"}, None) == AGENT
    assert audience_of({}, AGENT) == AGENT
    assert audience_of({"audience": "family"}, AGENT) == FAMILY
    assert audience_of({"audience": "<script>"}, None) == FAMILY
    assert audience_of(None, None) == FAMILY


def test_facets_from_words():
    assert detect_facet("combien pour 3 enfants") == "montants"
    assert detect_facet("une usagère me demande combien elle touchera") == "montants"
    assert detect_facet("est-ce que j'y ai droit") == "conditions"
    assert detect_facet("comment faire la demande") == "demande"
    assert detect_facet("quels papiers") == "pieces"
    assert detect_facet("simulation") == "simuler"
    assert detect_facet("ars") == "resume"
    assert detect_facet("un agent d'accueil") == "resume"


def test_french_formats():
    assert euros(1084.43) == "1\u202f084,43\u202f€" and euros(28444) == "28\u202f444\u202f€"
    assert long_date(date(2026, 4, 1)) == "1er avril 2026" and long_date(date(2026, 1, 15)) == "15 janvier 2026"


def test_families_get_the_headline_amounts_agents_get_every_detail():
    family = answer_topic("ask_allocations_familiales", "combien avec 3 enfants", None, FAMILY, DAY).text
    assert "347,32" in family and "173,66" not in family  # tranche 2 detail left to the note
    assert "la moitié (tranche 2)" in family
    agent = answer_topic("ask_allocations_familiales", "combien avec 3 enfants", None, AGENT, DAY).text
    assert "173,66" in agent and "86,83" in agent
