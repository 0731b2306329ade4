"""Answers about places: nearest three with hours and caveats, details, no result, outside, unavailable."""
from datetime import datetime

import pytest

from bot.directory.answers import ask_location, outside_reply
from bot.directory.finding import DirectoryError, find_nearest, location_needed, resolve_location, service_details
from bot.directory.locating import Location

MONDAY_10H = datetime(2026, 11, 30, 10, 0)
SUNDAY = datetime(2026, 11, 29, 10, 0)


@pytest.fixture(autouse=True)
def seeded(directory_url):
    return directory_url


def test_nearest_france_services_with_distance_hours_open_now_and_map():
    reply = find_nearest("france_services", "Eure", MONDAY_10H)
    results = reply.custom["results"]
    assert reply.custom["type"] == "service_results" and len(results) == 3
    assert results[0]["name"] == "France services du Havre – Brindeau"
    assert [r["distance_m"] for r in results] == sorted(r["distance_m"] for r in results)
    assert results[0]["hours_today"] == "08:30–16:30" and results[0]["open_now"] is True
    assert results[0]["map_url"].startswith("https://www.openstreetmap.org/?mlat=49.49")
    assert "Brindeau" in reply.text and "Tél. 02 35 19 69 60" in reply.text
    assert find_nearest("france_services", "Eure", SUNDAY).custom["results"][0]["open_now"] is False


def test_unverified_rows_say_a_verifier_with_a_way_to_check():
    reply = find_nearest("centre_social", "Bois-de-Bléville", MONDAY_10H)
    hamet = next(r for r in reply.custom["results"] if r["name"] == "Centre social Pierre Hamet")
    assert hamet["verified"] is False and hamet["caveat"].startswith("À vérifier")
    assert "02 35 46 55 51" in hamet["caveat"]
    maison = next(r for r in reply.custom["results"] if r["name"].startswith("Maison de quartier"))
    assert maison["open_now"] is None  # 2010 hours: shown, but no « ouvert » claim


def test_childcare_points_to_monenfant_and_lists_points_without_position_last():
    reply = find_nearest("creche", "Caucriauville", MONDAY_10H)
    assert any("monenfant.fr" in link["url"] for link in reply.custom["links"])
    distances = [r["distance_m"] for r in reply.custom["results"]]
    assert distances[0] is not None and distances[-1] is None


def test_no_result_gives_the_best_next_step():
    reply = find_nearest("mission_locale", "Graville", MONDAY_10H)
    assert reply.custom["results"] == []
    assert "02 35 19 45 45" in reply.text and "service-public" in reply.text


def test_a_single_caf_needs_no_place_and_is_given_with_its_caveat():
    assert location_needed("caf") is False and location_needed("creche") is True
    reply = find_nearest("caf", None, MONDAY_10H)
    assert "3230" in reply.text and reply.custom["results"][0]["caveat"]


@pytest.mark.parametrize("text, service_type, expected", [
    ("horaires de la CAF", "caf", "Caf de la Seine-Maritime – accueil du Havre"),
    ("le CCAS il ferme à quelle heure", "ccas", "CCAS du Havre (Centre communal d'action sociale)"),
    ("c'est quand ouvert france services brindau", None, "France services du Havre – Brindeau"),
    ("horaires creche videcoq", None, "Crèche Videcoq – Tour Alta"),
])
def test_details_of_a_named_service_with_fuzzy_names(text, service_type, expected):
    reply = service_details(text, service_type, MONDAY_10H)
    assert reply.custom["type"] == "service_details"
    assert reply.custom["results"][0]["name"] == expected
    assert len(reply.custom["results"][0]["hours_week"]) in (0, 7)


def test_unknown_service_name_gives_none():
    assert service_details("horaires de la piscine", None, MONDAY_10H) is None


def test_location_questions_and_outside_answers():
    question = ask_location(["Sanvic"], unknown=True)
    assert question.text.startswith("Je ne connais pas ce lieu au Havre.")
    assert question.custom == {"type": "location_request", "suggestions": ["Sanvic"]}
    assert question.buttons == [{"title": "Sanvic", "payload": '/inform{"location": "Sanvic"}'}]
    outside = outside_reply(Location("outside", "Rouen"), "creche")
    assert "seulement la ville du Havre" in outside.text and "monenfant.fr" in outside.text


def test_a_broken_database_becomes_a_directory_error(monkeypatch, tmp_path):
    garbage = tmp_path / "broken.db"
    garbage.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{garbage}")
    with pytest.raises(DirectoryError):
        resolve_location("Graville")
