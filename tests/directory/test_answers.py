"""Answers about places: nearest distinct places, honest dates and positions, the distance limit, the official
pointers, details, no result, outside, unavailable."""

from datetime import date, datetime

import pytest

from bot.directory.answers import ask_location, ask_service_type, outside_reply
from bot.directory.database import session_for
from bot.directory.finding import (
    DirectoryError,
    available_types,
    find_nearest,
    location_needed,
    resolve_location,
    service_details,
)
from bot.directory.locating import Location
from bot.directory.records import ServiceRecord
from bot.directory.storing import store
from tests.conftest import seeded_database

MONDAY_10H = datetime(2026, 11, 30, 10, 0)
SUNDAY = datetime(2026, 11, 29, 10, 0)


@pytest.fixture(autouse=True)
def seeded(directory_url):
    return directory_url


def results_of(service_type, place, now=MONDAY_10H):
    reply = find_nearest(service_type, place, now)
    return reply, reply.custom["results"]


def test_nearest_france_services_with_distance_hours_open_now_and_map():
    reply, results = results_of("france_services", "Eure")
    assert reply.custom["type"] == "service_results" and len(results) == 3
    assert results[0]["name"] == "France services du Havre – Brindeau"
    assert [r["distance_m"] for r in results] == sorted(r["distance_m"] for r in results)
    assert results[0]["hours_today"] == "08:30–16:30" and results[0]["open_now"] is True
    assert results[0]["map_url"].startswith("https://www.openstreetmap.org/?mlat=49.49") and results[0]["map_exact"]
    assert "Brindeau" in reply.text and "Tél. 02 35 19 69 60" in reply.text
    assert results_of("france_services", "Eure", SUNDAY)[1][0]["open_now"] is False


def test_two_buses_at_one_address_are_one_place():
    reply, results = results_of("france_services", "Eure")
    bus = next(r for r in results if r["also_here"])
    names = {bus["name"], bus["also_here"][0]["name"]}
    assert names == {
        "Bus France services Espaces numériques de Normandie – Le Havre",
        "Bus France services Espace numérique Fodeno – Le Havre",
    }
    assert sum("Archinard" in (r["address"] or "") for r in results) == 1  # the third slot is another place
    assert "Au même endroit : Bus France services" in reply.text


def test_the_date_of_the_source_is_said_and_never_called_a_check():
    _, results = results_of("france_services", "Eure")
    assert results[0]["source_text"] == "ANCT, liste des France services du 01/08/2024, août 2024"
    assert (
        results[0]["confirmation"] is None
        and "vérifié" not in find_nearest("france_services", "Eure", MONDAY_10H).text.lower()
    )
    marande = next(r for r in results_of("creche", "Saint-Vincent")[1] if "Marande" in r["name"])
    assert marande["source_text"].endswith(", mars 2025")
    marelle = service_details("micro crèche la marelle", "creche", MONDAY_10H).custom["results"][0]
    assert marelle["source_text"].endswith(", 2016")


def test_an_old_source_says_so_with_the_phone_to_check():
    reply = service_details("maison de quartier du bois de bleville", "centre_social", MONDAY_10H)
    maison = reply.custom["results"][0]
    assert maison["open_now"] is None and maison["hours_today"]  # 2010 hours: shown, but no « ouvert » claim
    assert maison["stale_note"].startswith("Information de 2010 : elle date de plus de deux ans")
    assert "Information de 2010" in reply.text and "avril 2010" in reply.text
    hamet = next(
        r for r in results_of("centre_social", "Bois-de-Bléville")[1] if r["name"] == "Centre social Pierre Hamet"
    )
    assert hamet["verified"] is False and hamet["caveat"].startswith("À vérifier")
    assert "02 35 46 55 51" in hamet["caveat"]


def test_approximate_positions_say_so_and_their_map_has_no_pin():
    _, results = results_of("creche", "Sanvic")
    arc = next(r for r in results if "Arc-en-ciel" in r["name"])
    assert arc["position"] == "position approximative : centre du quartier"
    assert arc["map_exact"] is False and "mlat" not in arc["map_url"] and "#map=15/" in arc["map_url"]
    text = find_nearest("creche", "Sanvic", MONDAY_10H).text
    assert "(position approximative : centre du quartier)" in text
    assert "Carte du secteur (position approximative)" in text


def test_childcare_points_to_monenfant_and_points_without_position_come_last():
    reply, _ = results_of("creche", "Caucriauville")
    assert any("monenfant.fr" in link["url"] for link in reply.custom["links"])
    reply, results = results_of("centre_social", "Bois-de-Bléville")
    distances = [r["distance_m"] for r in results]
    assert distances[0] is not None and distances[-1] is None
    assert "(Les lieux suivants n'ont pas de position connue : distance non calculée.)" in reply.text


def test_a_type_without_data_gives_the_official_pointer_and_no_button():
    reply, results = results_of("rpe", "Graville")
    assert results == [] and "02 35 19 45 45" in reply.text
    assert "https://monenfant.fr/web/guest/les-relais-petite-enfance" in reply.text
    available = available_types()
    assert "rpe" not in available and {"creche", "caf", "mairie"} <= available
    buttons = [b["payload"] for b in ask_service_type(available=available).buttons]
    assert '/inform{"service_type": "rpe"}' not in buttons and '/inform{"service_type": "creche"}' in buttons
    mediation = find_nearest("mediation_familiale", "Graville", MONDAY_10H)
    assert "lannuaire.service-public.fr" in mediation.text and "caf.fr" in mediation.text


def test_beyond_the_distance_limit_the_nearest_is_said_to_be_far(monkeypatch, tmp_path):
    url = seeded_database(f"sqlite:///{tmp_path / 'far.db'}")
    with session_for(url) as session:
        store(
            session,
            ServiceRecord(
                source_key="t:far",
                name="Test Point Information Jeunesse lointain",
                service_type="pij",
                source="test",
                checked=date(2026, 11, 30),
                latitude=49.75,
                longitude=0.38,
                geo_precision="address",
                phone="01 99 00 00 30",
                verified=True,
                source_date=date(2026, 11, 1),
                source_date_precision="day",
            ),
        )
        session.commit()
    monkeypatch.setenv("DATABASE_URL", url)
    reply = find_nearest("pij", "Graville", MONDAY_10H)
    assert "le plus proche que je connaisse est loin, à 3" in reply.text and "01 99 00 00 30" in reply.text
    assert reply.custom["results"][0]["distance_m"] > 10_000
    assert any("service-public" in link["url"] for link in reply.custom["links"])


def test_a_single_caf_needs_no_place_and_is_given_with_its_caveat():
    assert location_needed("caf") is False and location_needed("creche") is True
    reply = find_nearest("caf", None, MONDAY_10H)
    assert "3230" in reply.text and reply.custom["results"][0]["caveat"]


@pytest.mark.parametrize(
    "text, service_type, expected",
    [
        ("horaires de la CAF", "caf", "Caf de la Seine-Maritime – accueil du Havre"),
        ("le CCAS il ferme à quelle heure", "ccas", "CCAS du Havre (Centre communal d'action sociale)"),
        ("c'est quand ouvert france services brindau", None, "France services du Havre – Brindeau"),
        ("horaires creche videcoq", None, "Crèche Videcoq – Tour Alta"),
    ],
)
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
    assert ask_location(street_unknown=True).text.startswith("Je ne trouve pas cette rue dans ma base d'adresses")
    outside = outside_reply(Location("outside", "Rouen"), "creche")
    assert outside.text.startswith("Rouen n'est pas au Havre : mon annuaire couvre seulement la ville du Havre.")
    assert "Pour trouver des crèches à Rouen" in outside.text and "monenfant.fr" in outside.text


def test_the_location_is_read_in_the_whole_message_it_came_from():
    # The NLU may cut « Paris » out of « rue de Paris »: the message says it is a street of Le Havre.
    where = resolve_location("Paris", "je cherche la caf la plus proche, j'habite rue de Paris")
    assert (where.status, where.label, where.key) == ("found", "rue de Paris", "Rue de Paris")
    assert resolve_location("Paris", "une crèche à Paris").status == "outside"
    assert resolve_location("Sanvic", "la mairie de Sanvic").label == "Sanvic"


def test_a_broken_database_becomes_a_directory_error(monkeypatch, tmp_path):
    garbage = tmp_path / "broken.db"
    garbage.write_bytes(b"not a database" * 200)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{garbage}")
    with pytest.raises(DirectoryError):
        resolve_location("Graville")
