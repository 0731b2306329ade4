"""The place data (data/places/) in one folder, every row with its source and date (a rule of `bot check`)."""

from pathlib import Path

from bot.checks.facts import check_csv_file, check_facts
from bot.paths import DIRECTORY, KNOWLEDGE, PLACES

QUARTIERS = (
    "name,postcode,lat,lon,source,checked\r\n"
    'Sanvic,,49.5,0.1,"Wikipédia, infobox",2026-11-28\r\n'
    "Soquence,,,,,2026-11-28\r\n"
    "Rouelles,76610,49.52,0.16,Wikipédia,hier\r\n"
)


def test_every_row_of_a_place_csv_has_a_source_and_a_date(tmp_path: Path):
    path = tmp_path / "quartiers.csv"
    path.write_text(QUARTIERS, encoding="utf-8", newline="")
    assert [(p.where, p.message) for p in check_csv_file(path)] == [
        (f"{path}:3", "« Soquence » n'a pas de source"),
        (f"{path}:4", "« Rouelles » : « checked » n'est pas une date ('hier')"),
    ]


def test_a_csv_from_one_source_says_it_on_its_first_line(tmp_path: Path):
    sourced, unsourced = tmp_path / "communes.csv", tmp_path / "villes.csv"
    sourced.write_text("# Source: INSEE COG @abc123\ncode,name\n01053,Bourg-en-Bresse\n", encoding="utf-8")
    unsourced.write_text("# Source:\ncode,name\n01053,Bourg-en-Bresse\n", encoding="utf-8")
    assert check_csv_file(sourced) == []
    [problem] = check_csv_file(unsourced)
    assert (problem.where, problem.message) == (f"{unsourced}:1", "le fichier n'a pas de source")


def test_the_places_folder_is_checked_like_the_directory(tmp_path: Path):
    places = tmp_path / "places"
    places.mkdir()
    (places / "places.yml").write_text("places:\n  - name: Le Volcan\n    checked: 2026-11-28\n", encoding="utf-8")
    (places / "quartiers.csv").write_text(QUARTIERS, encoding="utf-8", newline="")
    problems = check_facts(KNOWLEDGE, DIRECTORY, places)
    assert [p.where.rsplit("/", 1)[-1] for p in problems] == ["places.yml:2", "quartiers.csv:3", "quartiers.csv:4"]


def test_the_place_data_is_in_one_folder():
    assert sorted(path.name for path in PLACES.iterdir()) == [
        "communes.csv",
        "landmarks.yml",
        "places.yml",
        "quartiers_le_havre.csv",
    ]
    elsewhere = [
        *KNOWLEDGE.glob("*.csv"),
        KNOWLEDGE / "landmarks.yml",
        *DIRECTORY.glob("*.csv"),
        DIRECTORY / "places.yml",
    ]
    assert not [path for path in elsewhere if path.exists()]
