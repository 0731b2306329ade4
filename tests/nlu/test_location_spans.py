"""Repairing where a `location` entity starts and ends, from the message as typed."""

from __future__ import annotations

from bot.nlu.location_spans import fold_in_place, repaired


def entity(text: str, part: str, kind: str = "location") -> dict:
    start = text.index(part)
    return {"entity": kind, "start": start, "end": start + len(part), "value": part}


def places(text: str, entities: list[dict]) -> list[str]:
    return [e["value"] for e in repaired(text, entities) if e["entity"] == "location"]


def test_the_house_number_and_the_type_of_way_are_taken_in():
    text = "j'habite au 15 bis rue Jules Lecesne"
    assert places(text, [entity(text, "rue Jules Lecesne")]) == ["15 bis rue Jules Lecesne"]
    text = "moi habite cours de la République"
    assert places(text, [entity(text, "la République")]) == ["cours de la République"]
    text = "2 enfants, rue de Paris"  # a number of children before is not a house number
    assert places(text, [entity(text, "Paris")]) == ["rue de Paris"]


def test_pieces_of_one_place_are_joined_and_separate_places_kept():
    text = "centre social Bois de Bléville ou Mare-Rouge ?"
    found = [entity(text, "Bois de"), entity(text, "Bléville"), entity(text, "Mare-Rouge")]
    assert places(text, found) == ["Bois de Bléville", "Mare-Rouge"]


def test_a_search_without_preposition_gets_its_place():
    assert places("caf fecamp", [entity("caf fecamp", "caf", "service_type")]) == ["fecamp"]
    text = "LAEP Champs-Barets svp"
    assert places(text, [entity(text, "LAEP", "service_type")]) == ["Champs-Barets"]


def test_nothing_is_invented():
    text = "la caf la plus proche"
    assert places(text, [entity(text, "caf", "service_type")]) == []
    text = "une crèche pour mon fils"
    assert places(text, [entity(text, "crèche", "service_type")]) == []
    assert repaired("", []) == [] and places("bonjour", []) == []


def test_folding_keeps_every_offset():
    text = "Allée d'Étretat, Œuvre"
    assert len(fold_in_place(text)) == len(text) and fold_in_place(text).startswith("allee d etretat")
