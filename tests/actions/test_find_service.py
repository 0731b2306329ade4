"""The nearby-services actions over the seeded test directory: given a tracker, the events and the messages."""

from __future__ import annotations

import pytest
from rasa_sdk.events import FollowupAction, SlotSet

from actions.find_service import (
    ActionAskLocation,
    ActionAskServiceType,
    ActionFindService,
    ActionGiveHoraires,
    ActionHandleInform,
    ValidateFindServiceForm,
)
from bot.directory.answers import INFORM_WITHOUT_QUESTION
from bot.directory.finding import UNAVAILABLE
from bot.directory.search_form import FORM, STOPPED, STOPPED_TEXT, WHICH_SERVICE

STOPPED_SLOTS = [SlotSet("service_type", None), SlotSet("location", None), SlotSet(STOPPED, True)]
RESET = [SlotSet("service_type", None), SlotSet("location", None), SlotSet(STOPPED, None)]


pytestmark = pytest.mark.usefixtures("directory_url")


@pytest.fixture
def form_turn(tracker):
    """A message while find_service_form is active."""
    return lambda text, **keywords: tracker(text, active_loop=FORM, **keywords)


@pytest.fixture
def search(form_turn):
    """A find_service question: its entities tagged by the NLU and taken by the slot mappings."""
    return lambda text, **entities: form_turn(text, intent="find_service", entities=entities, extracted=entities)


def custom(messages, kind):
    return next(m["custom"] for m in messages if m["custom"].get("type") == kind)


def payloads(messages):
    return [button["payload"] for message in messages for button in message["buttons"]]


# validate_find_service_form


def test_a_type_and_a_quartier_in_the_question_fill_the_form(search, run_action):
    turn = search("Où est la crèche la plus proche de Caucriauville ?", service_type="creche", location="Caucriauville")
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("service_type", "creche"), SlotSet("location", "Caucriauville")]
    assert messages == []


def test_a_type_alone_leaves_the_place_to_ask(search, run_action):
    turn = search("je cherche une France services", service_type="france_services")
    assert run_action(ValidateFindServiceForm(), turn) == ([SlotSet("service_type", "france_services")], [])


def test_the_single_caf_needs_no_place(search, run_action):
    turn = search("la caf", service_type="caf")
    events, _ = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("service_type", "caf"), SlotSet("requested_slot", None)]


def test_a_type_in_plain_words_is_read_when_the_nlu_tagged_none(form_turn, run_action):
    turn = form_turn("une creche svp", intent="inform", requested_slot="service_type")
    events, _ = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("service_type", "creche")]


def test_the_answer_to_where_is_read_whole_and_a_typo_understood(form_turn, run_action):
    turn = form_turn("caucriauvile", intent="inform", confidence=0.4, requested_slot="location")
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("location", "Caucriauville")] and messages == []


def test_the_device_position_of_the_web_page_is_the_place(form_turn, run_action):
    turn = form_turn(
        '/find_service{"location": "49.490600,0.141362"}',
        metadata={"geo": {"lat": 49.4906, "lon": 0.141362}},
        requested_slot="location",
        slots={"service_type": "france_services"},
    )
    events, _ = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("location", "49.490600,0.141362")]


def test_a_confident_topic_question_is_not_taken_for_the_place(form_turn, run_action):
    turn = form_turn(
        "c'est quoi le RSA",
        intent="ask_rsa",
        confidence=0.95,
        requested_slot="location",
        slots={"service_type": "creche"},
    )
    assert run_action(ValidateFindServiceForm(), turn) == ([], [])


def test_a_place_the_question_names_without_an_entity_is_heard(search, run_action):
    turn = search("une crèche à Rouen", service_type="creche")
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [*STOPPED_SLOTS, SlotSet("requested_slot", None)]
    assert messages[0]["text"].startswith("Rouen n'est pas au Havre : mon annuaire couvre seulement la ville du Havre.")
    assert custom(messages, "service_results")["place"] == {"label": "Rouen", "precision": "outside"}


def test_an_unknown_place_is_asked_again_with_close_names(form_turn, run_action):
    turn = form_turn("sanvikk", intent="inform", requested_slot="location", slots={"service_type": "france_services"})
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("location", None)]
    assert messages[0]["text"] == "Je ne connais pas ce lieu au Havre. Vouliez-vous dire l'un de ces lieux ?"
    assert messages[0]["buttons"] == [{"title": "Sanvic", "payload": '/inform{"location": "Sanvic"}'}]
    assert messages[1]["custom"] == {"type": "location_request", "suggestions": ["Sanvic"]}


def test_an_unknown_street_is_not_said_back(form_turn, run_action):
    turn = form_turn(
        "12 rue Inconnue-des-Lilas", intent="inform", requested_slot="location", slots={"service_type": "creche"}
    )
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [SlotSet("location", None)]
    assert messages[0]["text"].startswith("Je ne trouve pas cette rue dans ma base d'adresses du Havre.")
    assert not any("Inconnue" in (m["text"] or "") for m in messages)


def test_stop_midway_ends_the_search(form_turn, run_action):
    turn = form_turn("laisse tomber", intent="deny", requested_slot="location", slots={"service_type": "creche"})
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [*STOPPED_SLOTS, SlotSet("requested_slot", None)]
    assert [m["text"] for m in messages] == [STOPPED_TEXT]


def test_a_broken_directory_gives_the_contacts_and_ends_the_search(form_turn, run_action, broken_directory):
    turn = form_turn("Graville", intent="inform", requested_slot="location", slots={"service_type": "creche"})
    events, messages = run_action(ValidateFindServiceForm(), turn)
    assert events == [*STOPPED_SLOTS, SlotSet("requested_slot", None)]
    assert [m["text"] for m in messages] == [UNAVAILABLE]


# The form's questions


def test_the_type_is_asked_with_a_button_per_type_the_directory_has(tracker, run_action):
    events, messages = run_action(ActionAskServiceType(), tracker("qu'est-ce qu'il y a près de Graville ?"))
    assert events == [] and messages[0]["text"].startswith("Quel type de lieu cherchez-vous ?")
    assert '/inform{"service_type": "creche"}' in payloads(messages)
    assert '/inform{"service_type": "rpe"}' not in payloads(messages)  # no RPE in the directory


def test_a_broken_directory_still_offers_every_type(tracker, run_action, broken_directory):
    _, messages = run_action(ActionAskServiceType(), tracker("qu'est-ce qu'il y a près de Graville ?"))
    assert '/inform{"service_type": "rpe"}' in payloads(messages)


def test_the_place_is_asked_with_the_offer_to_share_the_position(tracker, run_action):
    events, messages = run_action(ActionAskLocation(), tracker("je cherche une France services"))
    assert events == [] and "« Me localiser »" in messages[0]["text"]
    assert custom(messages, "location_request") == {"type": "location_request", "suggestions": []}


# action_find_service


def test_the_nearest_places_then_the_slots_emptied(tracker, run_action):
    turn = tracker("Eure", slots={"service_type": "france_services", "location": "Eure"})
    events, messages = run_action(ActionFindService(), turn)
    assert events == RESET
    results = custom(messages, "service_results")
    assert results["service_type"] == "france_services" and len(results["results"]) == 3
    assert results["results"][0]["name"] == "France services du Havre – Brindeau"
    assert messages[0]["text"].startswith("Voici les France services les plus proches de Eure")


def test_the_caf_without_a_place_is_the_city_s(tracker, run_action):
    events, messages = run_action(ActionFindService(), tracker("la caf", slots={"service_type": "caf"}))
    assert events == RESET and messages[0]["text"].startswith("Voici la CAF au Havre :")
    assert custom(messages, "service_details")["results"][0]["name"] == "Caf de la Seine-Maritime – accueil du Havre"


@pytest.mark.parametrize(
    "slots", [{"service_type": "creche", "location": "Graville", STOPPED: True}, {"service_type": None}]
)
def test_nothing_is_said_after_a_stop_or_without_a_type(tracker, run_action, slots):
    assert run_action(ActionFindService(), tracker("stop", slots=slots)) == (RESET, [])


def test_a_broken_directory_gives_the_contacts(tracker, run_action, broken_directory):
    turn = tracker("Eure", slots={"service_type": "france_services", "location": "Eure"})
    events, messages = run_action(ActionFindService(), turn)
    assert events == RESET and [m["text"] for m in messages] == [UNAVAILABLE]


# action_give_horaires


def test_the_hours_of_a_named_service(tracker, run_action):
    turn = tracker(
        "horaires de la France services Brindeau", intent="ask_horaires", entities={"service_type": "france_services"}
    )
    events, messages = run_action(ActionGiveHoraires(), turn)
    assert events == [SlotSet("service_type", None)]
    details = custom(messages, "service_details")["results"][0]
    assert details["name"] == "France services du Havre – Brindeau"
    assert details["hours_week"][0] == {"day": "lundi", "hours": "08:30–16:30"}
    assert "Horaires de la semaine : lundi 08:30–16:30" in messages[0]["text"]


def test_hours_the_sources_lack_are_said_missing(tracker, run_action):
    _, messages = run_action(ActionGiveHoraires(), tracker("horaires de la CAF", entities={"service_type": "caf"}))
    details = custom(messages, "service_details")["results"][0]
    assert details["name"] == "Caf de la Seine-Maritime – accueil du Havre" and details["hours_week"] == []
    assert "Horaires non trouvés dans nos sources" in messages[0]["text"]


def test_the_type_in_plain_words_names_the_service(tracker, run_action):
    _, messages = run_action(ActionGiveHoraires(), tracker("le CCAS il ferme à quelle heure", intent="ask_horaires"))
    assert custom(messages, "service_details")["results"][0]["name"].startswith("CCAS du Havre")


def test_no_service_named_asks_which_with_buttons(tracker, run_action):
    events, messages = run_action(ActionGiveHoraires(), tracker("c'est ouvert quand ?", intent="ask_horaires"))
    assert events == []
    assert messages[0]["text"] == WHICH_SERVICE and messages[0]["buttons"] == []
    assert '/ask_horaires{"service_type": "caf"}' in payloads(messages[1:])


def test_a_broken_directory_gives_the_contacts_for_the_hours(tracker, run_action, broken_directory):
    events, messages = run_action(ActionGiveHoraires(), tracker("horaires de la CAF", entities={"service_type": "caf"}))
    assert events == [SlotSet("service_type", None)] and [m["text"] for m in messages] == [UNAVAILABLE]


# action_handle_inform


@pytest.mark.parametrize(
    "text, keywords",
    [
        ('/inform{"service_type": "creche"}', {}),
        ("creche dans le 76620", {"intent": "inform", "entities": {"location": "76620"}}),
    ],
)
def test_information_naming_a_type_starts_the_search(tracker, run_action, text, keywords):
    events, messages = run_action(ActionHandleInform(), tracker(text, **keywords))
    assert events == [SlotSet("service_type", "creche"), FollowupAction(FORM)] and messages == []


def test_information_without_a_type_asks_for_the_question(tracker, run_action):
    events, messages = run_action(ActionHandleInform(), tracker('/inform{"location": "Graville"}'))
    assert events == [] and [m["text"] for m in messages] == [INFORM_WITHOUT_QUESTION]
