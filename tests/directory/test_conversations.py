"""Conversations about places over the real servers: every path of find_service and ask_horaires."""

from __future__ import annotations

import uuid

import pytest

from tests.rest import say

pytestmark = pytest.mark.servers


def conversation():
    sender = uuid.uuid4().hex
    return lambda text, metadata=None: say(servers_ref[0], text, metadata=metadata, sender=sender)


servers_ref: list = []


@pytest.fixture(autouse=True)
def _servers(servers):
    servers_ref[:] = [servers]


def custom_of(replies, kind):
    return next((r["custom"] for r in replies if r.get("custom", {}).get("type") == kind), None)


def texts(replies):
    return "\n".join(r.get("text", "") for r in replies)


def test_type_and_place_in_one_message():
    replies = conversation()("Où est la crèche la plus proche de Caucriauville ?")
    results = custom_of(replies, "service_results")
    assert results["service_type"] == "creche" and results["place"]["label"] == "Caucriauville"
    assert results["results"] and "monenfant.fr" in texts(replies)


def test_a_type_and_place_given_as_information_start_the_search():
    results = custom_of(
        conversation()('/inform{"service_type": "france_services", "location": "Graville"}'), "service_results"
    )
    assert results["place"]["label"] == "Graville" and results["results"]


def test_information_without_a_type_asks_for_the_question():
    assert "Quelle est votre question" in texts(conversation()('/inform{"location": "Graville"}'))


def test_the_place_is_asked_then_a_typo_is_understood():
    talk = conversation()
    first = talk("je cherche une France services")
    assert custom_of(first, "location_request") is not None and "Me localiser" in texts(first)
    results = custom_of(talk("caucriauvile"), "service_results")
    assert results["place"]["label"] == "Caucriauville" and len(results["results"]) == 3


def test_the_type_is_asked_with_buttons():
    talk = conversation()
    first = talk("qu'est-ce qu'il y a près de Graville ?")
    assert "Quel type de lieu" in texts(first)
    assert any(b["payload"] == '/inform{"service_type": "creche"}' for r in first for b in r.get("buttons", []))
    results = custom_of(talk('/inform{"service_type": "france_services"}'), "service_results")
    assert results["place"]["label"] == "Graville" and results["results"]


def test_near_me_offers_the_position_then_uses_the_device_coordinates():
    talk = conversation()
    first = talk("une france services près de chez moi")
    assert custom_of(first, "location_request") is not None
    replies = talk(
        '/find_service{"location": "49.490600,0.141362"}', metadata={"geo": {"lat": 49.4906, "lon": 0.141362}}
    )
    results = custom_of(replies, "service_results")
    assert results["place"]["precision"] == "device"
    assert results["results"][0]["name"] == "France services du Havre – Brindeau"
    assert results["results"][0]["distance_m"] == 0  # rounded to 100 m: the person stands at the door


def test_me_localiser_from_the_web_page_in_one_message():
    replies = conversation()(
        '/find_service{"location": "49.492468,0.114280"}', metadata={"geo": {"lat": 49.492468, "lon": 0.11428}}
    )
    assert "Quel type de lieu" in texts(replies)


def test_an_unknown_place_is_asked_again_with_close_names():
    talk = conversation()
    talk("je cherche une France services")
    replies = talk("sanvikk")
    request = custom_of(replies, "location_request")
    assert "Je ne connais pas ce lieu" in texts(replies) and request["suggestions"] == ["Sanvic"]
    results = custom_of(talk('/inform{"location": "Sanvic"}'), "service_results")
    assert results["place"]["label"] == "Sanvic"


def test_a_place_outside_le_havre_says_what_the_directory_covers():
    replies = conversation()("une crèche à Rouen")
    assert "seulement la ville du Havre" in texts(replies) and "monenfant.fr" in texts(replies)
    assert custom_of(replies, "service_results")["results"] == []


# The sentences of the issue « Nearby services you can trust », as a new user types them.
def test_a_street_of_le_havre_named_after_paris_is_not_paris():
    replies = conversation()("je cherche la caf la plus proche, j'habite rue de Paris")
    said = texts(replies)
    assert "n'est pas au Havre" not in said and "seulement la ville du Havre" not in said
    results = custom_of(replies, "service_results") or custom_of(replies, "service_details")
    assert results["results"][0]["service_type"] == "caf"


def test_a_town_outside_le_havre_is_answered_as_such():
    replies = conversation()("une crèche à Rouen svp")
    said = texts(replies)
    assert "Rouen n'est pas au Havre" in said and "Pour trouver des crèches à Rouen" in said
    assert "monenfant.fr" in said and "Dans quel quartier" not in said


def test_the_mairie_of_a_quartier_is_the_quartier():
    results = custom_of(conversation()("la mairie de Sanvic"), "service_results")
    assert results["service_type"] == "mairie" and results["place"]["label"] == "Sanvic"


def test_a_street_and_number_are_located_without_the_online_geocoder():
    replies = conversation()("une crèche près du 45 rue Gustave Brindeau")
    results = custom_of(replies, "service_results")
    assert results["place"] == {"label": "rue Gustave Brindeau", "precision": "address"} and results["results"]
    assert "45" not in texts(replies).split("\n")[0]  # the house number is never said back


def test_a_type_without_data_gets_its_official_pointer_and_no_button():
    replies = conversation()("un relais petite enfance vers Graville")
    assert "monenfant.fr/web/guest/les-relais-petite-enfance" in texts(replies)
    first = conversation()("qu'est-ce qu'il y a près de Graville ?")
    payloads = [b["payload"] for r in first for b in r.get("buttons", [])]
    assert '/inform{"service_type": "creche"}' in payloads and '/inform{"service_type": "rpe"}' not in payloads


def test_a_landmark_without_a_known_position_says_so():
    replies = conversation()("une France services près de la plage")
    assert "Je connais « Plage du Havre » mais pas encore sa position" in texts(replies)
    assert custom_of(replies, "service_results")["results"]


def test_sql_like_place_is_just_an_unknown_place():
    talk = conversation()
    talk("je cherche une France services")
    replies = talk("'; DROP TABLE service_points; --")
    assert "Je ne connais pas" in texts(replies)
    assert custom_of(talk("Graville"), "service_results")["results"]


@pytest.mark.parametrize(
    "answer",
    [
        "marie.dupont@example.fr 0612345678",
        "chez Mme Fatima Benali à Rouen",
        "12 rue Inconnue-des-Lilas",
        "j'habite 12 rue Jules Lecesne",
    ],
)
def test_what_the_person_typed_is_never_said_back(answer):
    talk = conversation()
    talk("je cherche une crèche")
    said = texts(talk(answer))
    assert said and not any(
        piece in said for piece in ("marie", "0612345678", "Fatima", "Benali", "12 rue", "Inconnue", "12 Rue")
    )


def test_stop_midway_ends_the_search_politely():
    talk = conversation()
    talk("je cherche une crèche")
    assert "j'arrête la recherche" in texts(talk("laisse tomber"))
    assert "Bonjour" in texts(talk("bonjour"))


def test_no_result_says_so_and_gives_the_next_step():
    replies = conversation()("le point information jeunesse le plus proche de Graville")
    assert custom_of(replies, "service_results")["results"] == []
    assert "02 35 19 45 45" in texts(replies) and "lannuaire.service-public.fr" in texts(replies)


def test_a_place_known_without_position_is_listed_without_distance():
    replies = conversation()("la mission locale la plus proche de Graville")
    results = custom_of(replies, "service_results")["results"]
    assert results[0]["name"] == "Mission Locale Le Havre Estuaire Littoral" and results[0]["distance_m"] is None


@pytest.mark.parametrize(
    "question, name",
    [
        ("horaires de la CAF", "Caf de la Seine-Maritime – accueil du Havre"),
        ("le CCAS il ferme à quelle heure", "CCAS du Havre (Centre communal d'action sociale)"),
        ("la caf c'est où et c'est ouvert quand ?", "Caf de la Seine-Maritime – accueil du Havre"),
    ],
)
def test_opening_hours_of_a_named_service(question, name):
    replies = conversation()(question)
    details = custom_of(replies, "service_details") or custom_of(replies, "service_results")
    assert details["results"][0]["name"] == name
