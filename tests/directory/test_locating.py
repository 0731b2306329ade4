"""Where the person is: quartiers with typos and abbreviations, postcodes, streets, landmarks, towns, positions."""

import pytest
import yaml

from bot.directory.database import session_for
from bot.directory.locating import PlaceIndex, resolve_text
from bot.knowledge.places import landmark_names
from bot.paths import PLACES


@pytest.fixture(scope="module")
def index(directory_url):
    with session_for(directory_url) as session:
        yield PlaceIndex(session)


@pytest.mark.parametrize(
    "text, label, precision",
    [
        ("Caucriauville", "Caucriauville", "quartier"),
        ("caucriauvile", "Caucriauville", "quartier"),
        ("st francois", "Saint-François", "quartier"),
        ("mt gaillard", "Mont-Gaillard", "quartier"),
        ("vers graville", "Graville", "quartier"),
        ("j'habite a sanvik", "Sanvic", "quartier"),
        ("quartier de l'eure", "Eure", "quartier"),
        ("76610", "76610", "postcode"),
        ("76 620", "76620", "postcode"),
        ("je suis à la gare", "Gare du Havre", "address"),
        ("45 rue gustave brindeau", "rue Gustave Brindeau", "address"),
        (
            "22 av du general archinard",
            "avenue du Général Archinard",
            "street",
        ),  # a seed point's street (not in the BAN)
        ("49.4917,0.116875", "votre position", "device"),
        ("la mairie de Sanvic", "Sanvic", "quartier"),  # the quartier, not the Hôtel de Ville
        ("je suis à la mairie", "Hôtel de Ville", "address"),  # « la mairie » alone is the Hôtel de Ville
        ("une place en crèche vers Graville", "Graville", "quartier"),
        ("près du Volcan", "Le Volcan (Espace Oscar Niemeyer)", "address"),
    ],
)
def test_places_people_name_are_found(index, text, label, precision):
    where = resolve_text(text, index)
    assert (where.status, where.label, where.precision) == ("found", label, precision)
    assert where.latitude is not None


def place_names() -> set[str]:
    with open(PLACES / "places.yml", encoding="utf-8") as handle:
        return {place["name"] for place in yaml.safe_load(handle)["places"]}


@pytest.mark.parametrize("landmark", landmark_names())
def test_every_landmark_the_nlu_knows_is_known_to_the_locator(index, landmark):
    where = resolve_text(f"près de {landmark}", index)
    assert where.found and where.label in place_names(), landmark
    # Without a sourced point: the commune's point, and the answer says the place's position is unknown.
    assert where.latitude is not None and where.approximate_because in ("", where.label)


def test_a_known_quartier_without_position_falls_back_to_the_commune_and_says_so(index):
    where = resolve_text("Notre-Dame", index)
    assert where.found and where.precision == "commune" and where.approximate_because == "Notre-Dame"


@pytest.mark.parametrize(
    "text, town",
    [
        ("une crèche à Rouen svp", "Rouen"),
        ("Rouen", "Rouen"),
        ("à Montivilliers", "Montivilliers"),
        ("j'habite au Tréport", "Le Tréport"),
        ("la CAF de Caen", "Caen"),
        ("à sainte-adresse", "Sainte-Adresse"),
        ("j'habite à Eu", "Eu"),
        ("une crèche à Paris", "Paris"),
    ],
)
def test_towns_outside_le_havre_are_named(index, text, town):
    where = resolve_text(text, index)
    assert (where.status, where.label) == ("outside", town)


@pytest.mark.parametrize("text", ["76000", "48.8566,2.3522"])
def test_postcodes_and_positions_outside_le_havre(index, text):
    assert resolve_text(text, index).status == "outside"


@pytest.mark.parametrize("text", ["il a eu un bébé", "ça n'a pas de sens", "rue de Paris"])
def test_words_that_are_also_town_names_are_not_towns(index, text):
    assert resolve_text(text, index).status != "outside"


@pytest.mark.parametrize("text", ["près de chez moi", "chez moi", "autour de moi"])
def test_vague_places_ask_for_the_position(index, text):
    assert resolve_text(text, index).status == "vague"


def test_unknown_place_comes_with_close_names(index):
    where = resolve_text("caucriau", index)
    assert where.status == "unknown" and "Caucriauville" in where.suggestions
    assert resolve_text("tatooine", index).suggestions == []


def test_weak_aliases_are_ignored_when_reading_a_question(index):
    assert resolve_text("je cherche une mairie", index, weak=False).status == "unknown"


@pytest.mark.parametrize(
    "text", ["", "   ", "🙂🙂", "<script>alert(1)</script>" * 50, "chez Mme Fatima Benali 12 rue Inconnue"]
)
def test_empty_emoji_huge_and_personal_inputs_are_never_said_back(index, text):
    where = resolve_text(text, index)
    assert where.status in {"empty", "unknown", "street_unknown"} and where.label == ""
