"""The nearby-services conversation's decisions (bot/directory/search_form.py), from plain messages and slots."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.directory import search_form
from bot.directory.answers import INFORM_WITHOUT_QUESTION
from bot.directory.finding import UNAVAILABLE
from bot.directory.search_form import FORM, STOPPED, STOPPED_TEXT, TOPIC_CONFIDENCE, WHICH_SERVICE

MONDAY_10H = datetime(2026, 11, 30, 10, 0)


pytestmark = pytest.mark.usefixtures("directory_url")


def message(text="", intent=None, confidence=1.0, metadata=None, **entities):
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence} if intent else {},
        "entities": [{"entity": name, "value": value} for name, value in entities.items()],
        "metadata": metadata or {},
    }


def texts(outcome):
    return [reply.text for reply in outcome.replies]


@pytest.mark.parametrize(
    "metadata, position",
    [
        ({"geo": {"lat": 49.4906, "lon": 0.141362}}, "49.490600,0.141362"),
        ({"geo": {"lat": "49.4906", "lon": "0.141362"}}, "49.490600,0.141362"),
        ({"geo": {"lat": 49.4906}}, None),
        ({"geo": {"lat": "nord", "lon": 0.1}}, None),
        ({"geo": {"lat": None, "lon": 0.1}}, None),
        ({"geo": "49.49,0.14"}, None),
        ({}, None),
        (None, None),
    ],
)
def test_the_device_position_is_read_only_when_well_formed(metadata, position):
    assert search_form.device_position(metadata) == position


@pytest.mark.parametrize(
    "intent, confidence, another",
    [
        ("ask_rsa", TOPIC_CONFIDENCE, True),
        ("ask_rsa", 0.79, False),
        ("inform", 0.99, False),  # not a topic
        ("find_service", 0.99, False),  # answered by the directory, not a topic entry
        ("ask_rsa", None, False),
    ],
)
def test_only_a_confident_topic_question_is_another_question(intent, confidence, another):
    assert search_form.clearly_another_question(message("c'est quoi le RSA", intent, confidence)) is another


def test_an_entity_with_a_role_or_group_is_not_the_plain_entity():
    roled = {
        "entities": [{"entity": "location", "value": "Rouen", "role": "from"}, {"entity": "location", "value": "Eure"}]
    }
    assert search_form.entity_value(roled, "location") == "Eure"
    assert search_form.entity_value({"entities": None}, "location") is None


def test_stop_ends_the_search_only_while_the_form_asks():
    stop = search_form.stop_request(message("laisse tomber"), {"requested_slot": "location"})
    assert texts(stop) == [STOPPED_TEXT]
    assert stop.slots == {"service_type": None, "location": None, STOPPED: True, "requested_slot": None}
    assert search_form.stop_request(message("laisse tomber"), {"requested_slot": None}) is None
    assert search_form.stop_request(message("Graville"), {"requested_slot": "location"}) is None


def test_unavailable_gives_the_contacts_and_ends_the_search():
    outcome = search_form.unavailable()
    assert texts(outcome) == [UNAVAILABLE] and outcome.slots[STOPPED] is True


@pytest.mark.parametrize(
    "slots, required",
    [
        ({}, ["service_type", "location"]),
        ({"service_type": "creche"}, ["service_type", "location"]),
        ({"service_type": "caf"}, ["service_type"]),  # a single point: no place to ask
        ({"service_type": "caf", "location": "Graville"}, ["service_type", "location"]),
        ({"service_type": "creche", STOPPED: True}, []),
    ],
)
def test_the_required_slots(slots, required):
    assert search_form.required_slots(slots) == required


@pytest.mark.parametrize(
    "latest, slots, extracted",
    [
        (
            message("/find_service", metadata={"geo": {"lat": 49.49, "lon": 0.11}}),
            {},
            {"location": "49.490000,0.110000"},
        ),
        (message("caucriauvile", "inform", 0.4), {"requested_slot": "location"}, {"location": "caucriauvile"}),
        (message("  Graville  ", "inform"), {"requested_slot": "location"}, {"location": "Graville"}),
        (message("c'est quoi le RSA", "ask_rsa", 0.95), {"requested_slot": "location"}, {}),
        (message("une crèche à Rouen", "find_service"), {}, {"location": "une crèche à Rouen"}),
        (message("une crèche", "find_service"), {}, {}),  # names no place
        (message("une crèche à Rouen", "ask_modes_garde"), {}, {}),  # not a search
        (message("une crèche vers Sanvic", "find_service", location="Sanvic"), {}, {}),  # the entity maps it
        (message('/inform{"location": "Sanvic"}', "inform"), {"requested_slot": "location"}, {}),
        (message("   ", "inform"), {"requested_slot": "location"}, {}),
    ],
)
def test_what_the_message_gives_as_the_place(latest, slots, extracted):
    assert search_form.extract_location(latest, slots) == extracted


@pytest.mark.parametrize(
    "latest, slots, extracted",
    [
        (message("une creche svp", "inform"), {"requested_slot": "service_type"}, {"service_type": "creche"}),
        (message("la sécu vers Graville", "find_service"), {}, {"service_type": "cpam"}),
        (message("une creche svp", "inform"), {"requested_slot": "location"}, {}),  # not asked
        (message("une crèche", "find_service", service_type="creche"), {}, {}),  # the entity maps it
        (message("n'importe quoi", "inform"), {"requested_slot": "service_type"}, {}),
    ],
)
def test_what_the_message_gives_as_the_type(latest, slots, extracted):
    assert search_form.extract_service_type(latest, slots) == extracted


@pytest.mark.parametrize(
    "value, kept",
    [("creche", "creche"), ("crèches", "creche"), ("la mairie", "mairie"), ("piscine", None), (None, None)],
)
def test_a_type_is_a_contract_value(value, kept):
    assert search_form.validate_service_type(value) == {"service_type": kept}


def test_a_found_place_is_kept_as_what_finds_it_again():
    outcome = search_form.validate_location("Paris", message("j'habite rue de Paris"), {"service_type": "caf"})
    assert outcome.slots == {"location": "Rue de Paris"} and outcome.replies == []


def test_a_town_outside_ends_the_search_with_where_to_look():
    outcome = search_form.validate_location("Rouen", message("une crèche à Rouen"), {"service_type": "creche"})
    assert outcome.slots == {"location": None, "service_type": None, STOPPED: True}
    assert outcome.replies[0].custom["place"] == {"label": "Rouen", "precision": "outside"}


def test_an_unknown_street_is_asked_again_only_when_a_place_is_needed():
    street = message("12 rue Inconnue-des-Lilas")
    asked = search_form.validate_location(street["text"], street, {"service_type": "creche"})
    assert asked.slots == {"location": None}
    assert texts(asked)[0].startswith("Je ne trouve pas cette rue dans ma base d'adresses du Havre.")
    single = search_form.validate_location(street["text"], street, {"service_type": "caf"})
    assert single.slots == {"location": None} and single.replies == []  # the form ends without the place


def test_an_unknown_place_suggests_close_names():
    outcome = search_form.validate_location("sanvikk", message("sanvikk"), {"service_type": "creche"})
    assert outcome.slots == {"location": None} and outcome.replies[0].custom["suggestions"] == ["Sanvic"]


def test_the_type_question_offers_the_types_the_directory_has():
    buttons = [button["payload"] for button in search_form.service_type_question("ask_horaires").buttons]
    assert (
        '/ask_horaires{"service_type": "creche"}' in buttons and '/ask_horaires{"service_type": "rpe"}' not in buttons
    )


def test_the_type_question_offers_every_type_when_the_directory_fails(broken_directory):
    buttons = [button["payload"] for button in search_form.service_type_question().buttons]
    assert '/inform{"service_type": "rpe"}' in buttons


def test_the_results_then_the_search_emptied():
    outcome = search_form.results({"service_type": "france_services", "location": "Eure"}, MONDAY_10H)
    assert outcome.slots == {"service_type": None, "location": None, STOPPED: None}
    assert outcome.replies[0].custom["results"][0]["name"] == "France services du Havre – Brindeau"
    assert outcome.replies[0].custom["results"][0]["open_now"] is True


@pytest.mark.parametrize(
    "slots", [{"service_type": "creche", "location": "Graville", STOPPED: True}, {}, {"service_type": "x"}]
)
def test_no_results_after_a_stop_or_without_a_type(slots):
    outcome = search_form.results(slots, MONDAY_10H)
    assert outcome.replies == [] and outcome.slots[STOPPED] is None


def test_the_results_when_the_directory_fails(broken_directory):
    outcome = search_form.results({"service_type": "creche", "location": "Graville"}, MONDAY_10H)
    assert texts(outcome) == [UNAVAILABLE]


def test_the_hours_of_the_service_named_by_its_type_in_words():
    outcome = search_form.opening_hours(message("le CCAS il ferme à quelle heure", "ask_horaires"), MONDAY_10H)
    assert outcome.slots == {"service_type": None}
    assert outcome.replies[0].custom["results"][0]["name"] == "CCAS du Havre (Centre communal d'action sociale)"


def test_no_service_named_asks_which():
    outcome = search_form.opening_hours(message("c'est ouvert quand ?", "ask_horaires"), MONDAY_10H)
    assert outcome.slots == {} and texts(outcome)[0] == WHICH_SERVICE
    assert outcome.replies[1].buttons[0]["payload"].startswith("/ask_horaires{")


def test_the_hours_when_the_directory_fails(broken_directory):
    outcome = search_form.opening_hours(message("horaires de la CAF", service_type="caf"), MONDAY_10H)
    assert texts(outcome) == [UNAVAILABLE] and outcome.slots == {"service_type": None}


@pytest.mark.parametrize(
    "latest, service_type",
    [
        (message('/inform{"service_type": "ccas"}', "inform", service_type="ccas"), "ccas"),
        (message("creche dans le 76620", "inform", location="76620"), "creche"),
    ],
)
def test_information_with_a_type_starts_the_search(latest, service_type):
    outcome = search_form.inform(latest)
    assert (outcome.slots, outcome.followup, outcome.replies) == ({"service_type": service_type}, FORM, [])


def test_information_without_a_known_type_asks_the_question():
    outcome = search_form.inform(message("piscine", "inform", service_type="piscine"))
    assert texts(outcome) == [INFORM_WITHOUT_QUESTION] and outcome.slots == {} and outcome.followup is None
