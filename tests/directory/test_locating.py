"""Where the person is: quartiers with typos and abbreviations, postcodes, streets, landmarks, positions."""
import pytest

from bot.directory.database import session_for
from bot.directory.locating import PlaceIndex, resolve_text


@pytest.fixture(scope="module")
def index(directory_url):
    with session_for(directory_url) as session:
        return PlaceIndex(session)


@pytest.mark.parametrize("text, label, precision", [
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
    ("45 rue gustave brindeau", "rue Gustave Brindeau", "street"),
    ("22 av du general archinard", "avenue du Général Archinard", "street"),
    ("49.4917,0.116875", "votre position", "device"),
])
def test_places_people_name_are_found(index, text, label, precision):
    where = resolve_text(text, index)
    assert (where.status, where.label, where.precision) == ("found", label, precision)
    assert where.latitude is not None


def test_a_known_quartier_without_position_falls_back_to_the_commune_and_says_so(index):
    where = resolve_text("Notre-Dame", index)
    assert where.found and where.precision == "commune" and where.approximate_because == "Notre-Dame"


@pytest.mark.parametrize("text", ["76000", "Rouen", "à Montivilliers", "48.8566,2.3522"])
def test_places_outside_le_havre(index, text):
    assert resolve_text(text, index).status == "outside"


@pytest.mark.parametrize("text", ["près de chez moi", "chez moi", "autour de moi"])
def test_vague_places_ask_for_the_position(index, text):
    assert resolve_text(text, index).status == "vague"


def test_unknown_place_comes_with_close_names(index):
    where = resolve_text("caucriau", index)
    assert where.status == "unknown" and "Caucriauville" in where.suggestions
    assert resolve_text("tatooine", index).suggestions == []


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "<script>alert(1)</script>" * 50])
def test_empty_emoji_and_huge_inputs_are_handled(index, text):
    assert resolve_text(text, index).status in {"empty", "unknown"}
