from bot.knowledge.places import location_lookup, quartier_names, spelling_variants
from bot.text import fold


def test_fold_removes_case_accents_and_hyphens():
    assert fold("Saint-François") == "saint francois"
    assert fold("  L'Eure  ") == "l eure"


def test_abbreviated_variants_people_type():
    assert {"st francois", "saint francois"} <= spelling_variants("Saint-François")
    assert "mt gaillard" in spelling_variants("Mont-Gaillard")
    assert "ste marie" in spelling_variants("Sainte-Marie")


def test_quartiers_include_bracketed_alternative_names():
    names = quartier_names()
    assert "Caucriauville" in names and "Sainte-Anne" in names and "Aplemont-Frileuse" in names
    assert not any(name.startswith("Le Havre") for name in names)


def test_lookup_has_quartiers_and_landmarks():
    lookup = location_lookup()
    assert {"caucriauville", "bois de bleville", "la gare", "st francois"} <= set(lookup)
