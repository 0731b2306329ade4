"""The national address base (BAN) on SQLite and PostgreSQL: the real CSV layout read as a stream (plain
or gzip), one commune kept, bad rows rejected alone, re-import unchanged, derived points, offline locating."""

from __future__ import annotations

import gzip
import shutil

import pytest
from sqlalchemy import select

from bot.directory.database import session_for
from bot.directory.locating import PlaceIndex, resolve_text
from bot.directory.schema import Place, PointSource
from tests.conftest import seeded_database
from tests.directory.ban_fixture import BAN_FIXTURE, load_test_addresses


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return seeded_database(f"sqlite:///{tmp_path / 'directory.db'}")
    return seeded_database(request.getfixturevalue("postgres_url"))


def test_the_ban_file_of_a_departement_gives_the_streets_of_the_commune(db_url):
    report = load_test_addresses(db_url)
    assert (report.lines, report.kept, report.other_communes) == (45, 40, 2)
    assert [reason for _, reason in report.rejected] == [
        "nombre illisible : « quarante-neuf »",
        "nom_voie manquant",
        "lat/lon manquants",
    ]
    assert (report.streets, report.addresses, report.streets_added) == (16, 39, 16)
    again = load_test_addresses(db_url)
    assert again.unchanged and "inchangée" in again.summary()


def test_a_gzip_file_and_every_commune(db_url, tmp_path):
    packed = tmp_path / "adresses-76.csv.gz"
    with open(BAN_FIXTURE, "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    report = load_test_addresses(db_url, packed, commune=None)
    assert report.kept == 42 and report.streets == 18  # Sainte-Adresse's two streets too


def test_a_new_file_replaces_the_streets_and_says_what_changed(db_url, tmp_path):
    load_test_addresses(db_url)
    shorter = tmp_path / "adresses-76.csv"
    shorter.write_text(
        "".join(
            line
            for line in BAN_FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
            if "Quai de Southampton" not in line
        ),
        encoding="utf-8",
    )
    report = load_test_addresses(db_url, shorter)
    assert (report.streets, report.streets_added, report.streets_removed) == (15, 0, 1)


def test_places_without_a_point_get_one_derived_from_the_addresses(db_url):
    report = load_test_addresses(db_url)
    derived = " | ".join(report.derived)
    for expected in (
        "Bléville : centre des adresses de l'ancienne commune Bléville",
        "Les Neiges : centre des adresses des rues où une source le situe (Rue Eugène Friot)",
        "Soquence : centre des adresses des rues qui portent son nom (Rue de Soquence)",
        "Tourneville : centre des adresses des rues où une source le situe (Rue George Piat)",
    ):
        assert expected in derived
    with session_for(db_url) as session:
        sourced = session.execute(select(Place).where(Place.name == "Sanvic")).scalar_one()
        assert sourced.derived_latitude is None  # a sourced point is never replaced
        where = resolve_text("vers les neiges", PlaceIndex(session))
    assert where.found and where.derived and where.precision == "quartier"


def test_service_points_get_the_position_of_their_address(db_url):
    load_test_addresses(db_url)
    with session_for(db_url) as session:

        def point(key):
            return session.execute(select(PointSource).where(PointSource.source_key == key)).scalar_one().point

        videcoq, utas, caf = point("seed:creche-videcoq"), point("seed:utas-le-havre"), point("seed:caf-le-havre")
        assert videcoq.geo_precision == "address" and "Base Adresse Nationale (Rue Jean Macé" in videcoq.geo_source
        assert utas.geo_precision == "address"
        assert (round(utas.latitude, 4), round(utas.longitude, 4)) == (49.4930, 0.1150)
        assert caf.geo_precision == "street"  # « juste derrière le n° 207 »: the street, not a door


# Streets of Le Havre named after other towns: the street wins over the town.
TOWN_STREETS = [
    "j'habite rue de Paris",
    "avenue de Rouen",
    "bd de Strasbourg",
    "rue d'Étretat",
    "12 rue de Harfleur",
    "rue de Montivilliers svp",
    "quai de Southampton",
    "boulevard de strasbourg 76600",
]


@pytest.fixture(scope="module")
def with_ban(tmp_path_factory):
    url = seeded_database(f"sqlite:///{tmp_path_factory.mktemp('ban') / 'directory.db'}")
    load_test_addresses(url)
    return url


@pytest.fixture(scope="module")
def without_ban(tmp_path_factory):
    return seeded_database(f"sqlite:///{tmp_path_factory.mktemp('noban') / 'directory.db'}")


@pytest.mark.parametrize("text", TOWN_STREETS)
def test_a_le_havre_street_named_after_a_town_is_the_street(with_ban, without_ban, text):
    with session_for(with_ban) as session:
        where = resolve_text(text, PlaceIndex(session))
    assert (
        where.found
        and where.precision in ("street", "address")
        and where.label.split()[0] in ("rue", "avenue", "boulevard", "quai")
    )
    with session_for(without_ban) as session:
        offline = resolve_text(text, PlaceIndex(session))
    # Without the address base: an unknown street (or the 76600 postcode's point), never « outside ».
    assert offline.status == ("found" if "76600" in text else "street_unknown")


@pytest.mark.parametrize(
    "text, label, precision, key",
    [
        ("12 rue Jules Lecesne", "rue Jules Lecesne", "address", "12 Rue Jules Lecesne"),
        ("12 bis, rue jules lecesne", "rue Jules Lecesne", "address", "12 bis Rue Jules Lecesne"),
        ("près du 45 rue Gustave Brindeau", "rue Gustave Brindeau", "address", "45 Rue Gustave Brindeau"),
        ("13 rue Jules Lecesne", "rue Jules Lecesne", "street", "13 Rue Jules Lecesne"),  # no 13: the nearest odd
        ("rue jules lecene", "rue Jules Lecesne", "street", "Rue Jules Lecesne"),  # a typo
        ("je cherche la caf la plus proche, j'habite rue de Paris", "rue de Paris", "street", "Rue de Paris"),
    ],
)
def test_streets_and_doors_are_located_offline(with_ban, text, label, precision, key):
    with session_for(with_ban) as session:
        where = resolve_text(text, PlaceIndex(session))
    assert (where.status, where.label, where.precision, where.key) == ("found", label, precision, key)
    assert "12" not in where.label and "45" not in where.label  # the house number is never said back


def test_a_door_and_its_bis_are_two_positions(with_ban):
    with session_for(with_ban) as session:
        index = PlaceIndex(session)
        plain, bis = resolve_text("12 rue Jules Lecesne", index), resolve_text("12 bis rue Jules Lecesne", index)
    assert (plain.latitude, plain.longitude) != (bis.latitude, bis.longitude)


@pytest.mark.parametrize(
    "text, status, label",
    [
        ("rue de Paris à Sainte-Adresse", "outside", "Sainte-Adresse"),
        ("j'habite rue Inconnue des Lilas", "street_unknown", ""),
    ],
)
def test_a_town_after_the_street_and_an_unknown_street(with_ban, text, status, label):
    with session_for(with_ban) as session:
        where = resolve_text(text, PlaceIndex(session))
    assert (where.status, where.label) == (status, label)
