"""The directory database on SQLite and PostgreSQL: schema and migrations, seed, storing, queries, robustness."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, inspect, select, text

from bot.directory import migrations
from bot.directory.database import DirectoryUnavailable, check_ready, database_url, engine_for, session_for
from bot.directory.importing import import_rows
from bot.directory.locating import PlaceIndex, resolve_text
from bot.directory.records import ServiceRecord
from bot.directory.schema import Place, PointSource, ServicePoint
from bot.directory.search import by_name, nearby, nearest
from bot.directory.seed import seed_places, seed_services
from bot.directory.storing import store
from bot.paths import ROOT
from bot.settings import DEFAULT_DATABASE_URL, directory_database_url
from tests.conftest import seeded_database

TODAY = date(2026, 11, 28)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return seeded_database(f"sqlite:///{tmp_path / 'directory.db'}")
    return seeded_database(request.getfixturevalue("postgres_url"))


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.db'}"
    return request.getfixturevalue("postgres_url")


def count(url: str) -> int:
    with session_for(url) as session:
        return session.execute(select(func.count()).select_from(ServicePoint)).scalar_one()


def test_migrations_create_the_schema_at_the_newest_revision(db_url):
    check_ready(db_url)
    assert migrations.current_revision(db_url) == migrations.head_revision() == "0002"
    assert {
        "service_points",
        "point_sources",
        "opening_hours",
        "hours_exceptions",
        "places",
        "place_aliases",
        "ban_streets",
        "ban_addresses",
        "import_runs",
        "alembic_version",
    } <= set(inspect(engine_for(db_url)).get_table_names())


def test_upgrading_a_0001_database_gives_each_point_its_source(empty_url):
    migrations.upgrade(empty_url, "0001")
    with engine_for(empty_url).begin() as connection:
        connection.execute(
            text(
                "INSERT INTO service_points (source_key, name, service_type, city, hours_verified, verified, source, "
                "source_date, checked) VALUES ('anct:1', 'Test', 'france_services', 'Le Havre', false, true, "
                "'ANCT test', '2024-08-01', '2026-11-28')"
            )
        )
    assert migrations.upgrade(empty_url) == "0002"
    with session_for(empty_url) as session:
        point = session.execute(select(ServicePoint)).scalar_one()
        assert point.commune == "76351" and point.confirmed_on is None
        (source,) = point.sources
        assert (source.source_key, source.origin, source.source_date) == ("anct:1", "anct", date(2024, 8, 1))
        # The seed then loads over it: the row is updated once, with no duplicate.
        seed_places(session)
        seed_services(session)
        assert (
            session.execute(
                select(func.count()).select_from(PointSource).where(PointSource.source_key == "anct:1")
            ).scalar_one()
            == 1
        )


def test_seed_has_sources_dates_and_loading_it_again_changes_nothing(db_url):
    before = count(db_url)
    with session_for(db_url) as session:
        report = seed_services(session)
        seed_places(session)
        assert report.unchanged == before and report.added == report.updated == 0
        for point in session.execute(select(ServicePoint)).scalars():
            assert point.source.strip() and point.checked and point.sources, point.name
            assert point.verified or point.caveat, point.name
            assert point.confidence in ("confirmed", "probable", "stale", "unconfirmed"), point.name
            assert point.confirmed_on is None, point.name  # copied from documents: nobody confirmed them
        quartiers = session.execute(
            select(func.count()).select_from(Place).where(Place.kind == "quartier")
        ).scalar_one()
        marelle = by_name(session, "micro creche la marelle")[0]
        assert (marelle.source_date, marelle.source_date_precision) == (date(2016, 1, 1), "year")
    assert count(db_url) == before and quartiers >= 40


def test_seed_rows_of_the_reference_files_are_loaded_with_their_confidence(db_url):
    with session_for(db_url) as session:
        types = dict(
            session.execute(select(ServicePoint.service_type, func.count()).group_by(ServicePoint.service_type)).all()
        )
        assert types["mairie"] >= 5 and types["cpam"] == 2 and types["mission_locale"] == 1 and types["laep"] == 1
        cpam = by_name(session, "cpam bureau de caucriauville")[0]
        assert cpam.confidence == "stale" and cpam.geo_precision == "quartier" and not cpam.verified
        assert not any(
            "strasbourg" in (p.address or "").lower() and p.service_type == "cpam"
            for p in session.execute(select(ServicePoint)).scalars()
        )  # the superseded siège


def test_a_failing_row_keeps_what_is_stored(db_url):
    before = count(db_url)
    good = ServiceRecord(source_key="t:1", name="Test", service_type="ccas", source="test", checked=TODAY)
    duplicate_key = ServiceRecord(source_key="t:1", name="", service_type="ccas", source="t", checked=TODAY)
    with session_for(db_url) as session:
        report = import_rows(session, [("a", good), ("b", duplicate_key)], lambda r: r)
    assert report.added == 1 and report.rejected == [("b", "nom manquant")]
    assert count(db_url) == before + 1


def _located(key: str, lat: float, lon: float, **fields) -> ServiceRecord:
    return ServiceRecord(
        source_key=key,
        name=fields.pop("name", f"Test {key}"),
        service_type="pij",
        source="test",
        checked=TODAY,
        latitude=lat,
        longitude=lon,
        geo_precision="address",
        **fields,
    )


def test_nearest_is_sorted_by_distance_and_widens_its_box(db_url):
    with session_for(db_url) as session:
        for n, (lat, lon) in enumerate([(49.60, 0.40), (49.4905, 0.1415), (49.52, 0.12)]):
            store(session, _located(f"t:{n}", lat, lon, name=f"Test {n}"))
        session.commit()
        found = nearest(session, "pij", 49.4906, 0.1414, limit=3)
        assert [f.point.name for f in found][:3] == ["Test 1", "Test 2", "Test 0"]
        assert found[0].distance_m < 50 < found[1].distance_m < found[2].distance_m
        assert [f.point.name for f in nearest(session, "pij", 49.4906, 0.1414, limit=3, max_radius_m=5_000)] == [
            "Test 1",
            "Test 2",
        ]


def test_points_at_one_spot_are_one_place_and_the_limit_is_kept(db_url):
    with session_for(db_url) as session:
        store(session, _located("a:1", 49.4917, 0.116875, name="Test Alpha", address="22 avenue du Test"))
        store(session, _located("b:1", 49.491704, 0.116875, name="Test Bravo", address="22 av du Test"))
        store(session, _located("c:1", 49.50, 0.13, name="Test plus loin"))
        store(session, _located("d:1", 49.70, 0.40, name="Test très loin"))
        session.commit()
        places = nearby(session, "pij", 49.4917, 0.1168)
        names = [place.found.point.name for place in places]
        # The two buses make one place; the third slot goes to the next distinct place;
        # the point 25 km away is not « nearby ».
        assert len(places) == 2 and names[0] in ("Test Alpha", "Test Bravo")
        assert [p.name for p in places[0].also_here] == [n for n in ("Test Alpha", "Test Bravo") if n != names[0]]
        assert "Test plus loin" in names and "Test très loin" not in names


def test_sql_like_text_is_just_an_unknown_place(db_url):
    before = count(db_url)
    with session_for(db_url) as session:
        where = resolve_text("'; DROP TABLE service_points; --", PlaceIndex(session))
        assert where.status == "unknown" and where.label == ""
        assert by_name(session, "x' OR '1'='1") == []
    assert count(db_url) == before


def test_missing_or_unreadable_database_gives_a_clear_error(tmp_path):
    with pytest.raises(DirectoryUnavailable, match="n'existe pas"):
        check_ready(f"sqlite:///{tmp_path / 'absent.db'}")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DirectoryUnavailable, match="illisible"):
        check_ready(f"sqlite:///{garbage}")
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(DirectoryUnavailable, match="bot db init"):
        check_ready(f"sqlite:///{empty}")


def test_database_url_from_the_environment_or_env_file_a_relative_sqlite_path_from_the_project(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "")  # restored after the test, whatever .env sets meanwhile
    monkeypatch.delenv("DATABASE_URL")
    assert (
        directory_database_url(tmp_path / "absent.env") == DEFAULT_DATABASE_URL == f"sqlite:///{ROOT}/var/directory.db"
    )
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=sqlite:///var/other.db\n", encoding="utf-8")
    assert directory_database_url(env_file) == "sqlite:///var/other.db"
    assert database_url() == f"sqlite:///{ROOT}/var/other.db"  # the variable set from .env, resolved
    monkeypatch.setenv("DATABASE_URL", "postgresql://assistant@db/annuaire")
    assert directory_database_url(env_file) == database_url() == "postgresql://assistant@db/annuaire"
