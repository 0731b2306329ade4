"""The directory database on SQLite and PostgreSQL: schema, seed, importers, queries, robustness."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select

from bot.directory import migrations
from bot.directory.database import DirectoryUnavailable, check_ready, session_for
from bot.directory.importers import anct, dila, generic_csv
from bot.directory.importing import import_rows
from bot.directory.locating import PlaceIndex, resolve_text
from bot.directory.records import ServiceRecord, upsert
from bot.directory.schema import Place, ServicePoint
from bot.directory.search import by_name, nearest
from bot.directory.seed import seed_places, seed_services
from tests.conftest import seeded_database

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = __import__("datetime").date(2026, 11, 28)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return seeded_database(f"sqlite:///{tmp_path / 'directory.db'}")
    return seeded_database(request.getfixturevalue("postgres_url"))


def count(url: str) -> int:
    with session_for(url) as session:
        return session.execute(select(func.count()).select_from(ServicePoint)).scalar_one()


def import_file(url, module, name, **options):
    with session_for(url) as session:
        return import_rows(session, list(module.rows(FIXTURES / name)),
                           lambda raw: module.to_record(raw, **options), progress=False)


def test_migrations_create_the_schema_at_the_newest_revision(db_url):
    check_ready(db_url)
    assert migrations.current_revision(db_url) == migrations.head_revision()
    from bot.directory.database import engine_for
    assert {"service_points", "opening_hours", "hours_exceptions", "places", "place_aliases",
            "alembic_version"} <= set(inspect(engine_for(db_url)).get_table_names())


def test_seed_has_sources_dates_and_does_not_duplicate(db_url):
    before = count(db_url)
    with session_for(db_url) as session:
        report = seed_services(session)
        seed_places(session)
        assert report.unchanged == before and report.added == 0
        for point in session.execute(select(ServicePoint)).scalars():
            assert point.source.strip() and point.checked, point.name
            assert point.verified or point.caveat, point.name
        quartiers = session.execute(select(func.count()).select_from(Place).where(
            Place.kind == "quartier")).scalar_one()
    assert count(db_url) == before and quartiers >= 40


def test_dila_import_adds_skips_and_rejects_each_bad_row_alone(db_url):
    before = count(db_url)
    report = import_file(db_url, dila, "dila_bulk.json", checked=TODAY, commune="76351")
    assert (report.added, report.skipped) == (2, 2)
    assert [reason for _, reason in report.rejected] == [
        "nombre illisible : « quarante-neuf »", "la plage « 17:00:00 - 09:00:00 » ferme avant d'ouvrir"]
    assert count(db_url) == before + 2
    with session_for(db_url) as session:
        mairie = by_name(session, "mairie annexe graville")[0]
        assert mairie.phone == "01 99 00 00 01" and mairie.postcode == "76600"
        assert sorted({h.weekday for h in mairie.hours}) == [0, 1, 2, 3, 4, 5]


def test_dila_api_export_updates_instead_of_duplicating(db_url):
    import_file(db_url, dila, "dila_bulk.json", checked=TODAY, commune="76351")
    before = count(db_url)
    report = import_file(db_url, dila, "dila_api.json", checked=TODAY, commune="76351")
    assert (report.added, report.updated, len(report.rejected)) == (0, 1, 1)
    assert count(db_url) == before
    with session_for(db_url) as session:
        point = session.execute(select(ServicePoint).where(
            ServicePoint.source_key == "dila:test-0001")).scalar_one()
        assert point.phone == "01 99 00 00 09" and len(point.hours) == 5


def test_france_services_import_reads_the_anct_columns(db_url):
    report = import_file(db_url, anct, "france_services.csv", checked=TODAY, source_date=None)
    assert report.added == 2 and len(report.rejected) == 2
    again = import_file(db_url, anct, "france_services.csv", checked=TODAY, source_date=None)
    assert (again.added, again.unchanged) == (0, 2)
    with session_for(db_url) as session:
        bus = session.execute(select(ServicePoint).where(
            ServicePoint.source_key == "anct:90002")).scalar_one()
        assert bus.phone is None and bus.kind == "France services (bus itinérant)"
        assert [(h.weekday, h.opens.hour) for h in bus.hours] == [(0, 9), (2, 14)]


def test_generic_csv_import_and_reasons(db_url):
    report = import_file(db_url, generic_csv, "generic.csv", prefix="test")
    assert report.added == 2
    assert sorted(reason.split(" :")[0] for _, reason in report.rejected) == [
        "jour inconnu dans « Lundi » (attendu", "source manquante", "type de service inconnu"]


def test_a_failing_row_keeps_what_is_stored(db_url):
    before = count(db_url)
    good = ServiceRecord(source_key="t:1", name="Test", service_type="ccas", source="test", checked=TODAY)
    duplicate_key = ServiceRecord(source_key="t:1", name="", service_type="ccas", source="t", checked=TODAY)
    with session_for(db_url) as session:
        report = import_rows(session, [("a", good), ("b", duplicate_key)], lambda r: r, progress=False)
    assert report.added == 1 and report.rejected == [("b", "nom manquant")]
    assert count(db_url) == before + 1


def test_nearest_is_sorted_by_distance_and_widens_its_box(db_url):
    with session_for(db_url) as session:
        for n, (lat, lon) in enumerate([(49.60, 0.40), (49.4905, 0.1415), (49.52, 0.12)]):
            upsert(session, ServiceRecord(source_key=f"t:{n}", name=f"Test {n}", service_type="laep",
                                          source="test", checked=TODAY, latitude=lat, longitude=lon,
                                          geo_precision="address"))
        session.commit()
        found = nearest(session, "laep", 49.4906, 0.1414, limit=3)
        assert [f.point.name for f in found] == ["Test 1", "Test 2", "Test 0"]
        assert found[0].distance_m < 50 < found[1].distance_m < found[2].distance_m
        assert [f.point.name for f in nearest(session, "laep", 49.4906, 0.1414, limit=3,
                                              max_radius_m=5_000)] == ["Test 1", "Test 2"]


def test_sql_like_text_is_just_an_unknown_place(db_url):
    before = count(db_url)
    with session_for(db_url) as session:
        where = resolve_text("'; DROP TABLE service_points; --", PlaceIndex(session))
        assert where.status == "unknown"
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
