"""Importers on files in the real public layouts, with the bad rows found in real data (SQLite and PostgreSQL):
DILA bulk, API and JSON lines, ANCT, the generic CSV; commune filter, idempotent re-imports, prune, merge."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.commands.cli import main
from bot.directory.cards import card
from bot.directory.database import session_for
from bot.directory.importers import anct, dila, generic_csv, json_stream
from bot.directory.importing import Scope, import_rows
from bot.directory.schema import PointSource, ServicePoint
from tests.conftest import seeded_database

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 28)
LATER = date(2026, 12, 28)
NOW = datetime(2026, 11, 30, 10, 0)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return seeded_database(f"sqlite:///{tmp_path / 'directory.db'}")
    return seeded_database(request.getfixturevalue("postgres_url"))


def count(url: str) -> int:
    with session_for(url) as session:
        return session.execute(select(func.count()).select_from(ServicePoint)).scalar_one()


def run_import(url, module, name, today=TODAY, origin=None, prune=False, **options):
    """Import a fixture as `bot import` does (streamed rows, scope of the source, report)."""
    path = FIXTURES / name
    with session_for(url) as session:
        return import_rows(
            session,
            module.rows(path),
            lambda raw: module.to_record(raw, **options),
            today=today,
            scope=Scope(origin, options.get("commune")) if origin else None,
            prune=prune,
            key_of=getattr(module, "source_key", None) if module is not generic_csv else None,
        )


def point(url, key):
    with session_for(url) as session:
        source = session.execute(select(PointSource).where(PointSource.source_key == key)).scalar_one()
        return card(source.point, None, NOW, week=True)


def test_dila_bulk_keeps_good_rows_and_each_bad_one_alone(db_url):
    before = count(db_url)
    report = run_import(db_url, dila, "dila_bulk.json", checked=TODAY, commune="76351")
    # The Graville mairie annexe of the seed (known by its quartier only) and the Brindeau France services
    # (from the ANCT list) are the same places as two DILA records: merged, not added.
    assert (report.added, report.merged, report.skipped) == (6, 2, 2)
    assert [reason for _, reason in report.rejected] == ["nombre illisible : « quarante-neuf »"]
    assert any("la plage « 17:00:00 - 09:00:00 » ferme avant d'ouvrir" in w for _, w in report.warnings)
    assert sum("sans identifiant" in w for _, w in report.warnings) == 2
    assert count(db_url) == before + 6
    # One bad time slot no longer rejects the office: the good slots are kept, the claim « open now » is not.
    caf = point(db_url, "dila:test-0006")
    assert [d["hours"] for d in caf["hours_week"][1:5]] == ["09:00–12:00"] * 4 and caf["open_now"] is None
    assert "n'ont pas pu être lus" in caf["hours_note"]
    # A comment on the hours is shown, and hours qualified by it are not called « open now ».
    pmi = point(db_url, "dila:test-0002")
    assert pmi["hours_note"] == "Consultations sur rendez-vous uniquement" and pmi["open_now"] is None
    # code_insee_commune as a list; the Département's « mds » is where its PMI sits.
    mds = point(db_url, "dila:test-0008")
    assert mds["service_type"] == "pmi" and "PMI du Département" in mds["kind"]
    # An ISO date_modification: the date of the official record, said as confirmed by it.
    social = point(db_url, "dila:test-0009")
    assert social["source_date"] == "2026-03-12" and social["confirmation"].startswith("Vérifié le 12/03/2026")
    with session_for(db_url) as session:
        keys = set(
            session.execute(
                select(PointSource.source_key).where(PointSource.source_key.like("dila:sans-id-%"))
            ).scalars()
        )
    assert len(keys) == 2  # two records without id: two keys, not one


def test_the_same_office_from_two_sources_is_one_place_with_both_sources(db_url):
    run_import(db_url, dila, "dila_bulk.json", checked=TODAY, commune="76351")
    with session_for(db_url) as session:
        brindeau = session.execute(select(PointSource).where(PointSource.source_key == "anct:2826")).scalar_one().point
        assert sorted(s.source_key for s in brindeau.sources) == ["anct:2826", "dila:test-0010"]
        assert (
            session.execute(
                select(func.count()).select_from(ServicePoint).where(ServicePoint.name.like("%Brindeau%"))
            ).scalar_one()
            == 1
        )
        shown = card(brindeau, None, NOW)
    assert shown["name"] == "Test France services Le Havre Brindeau"  # the newest source gives the fields
    assert shown["email"] == "mq-brindeau@lehavre.fr"  # an older source fills what it lacks
    assert [s["source"] for s in shown["sources"]] == [
        "DILA, Annuaire de l'administration",
        "ANCT, liste des France services du 01/08/2024",
    ]


def test_dila_api_export_updates_instead_of_duplicating(db_url):
    run_import(db_url, dila, "dila_bulk.json", checked=TODAY, commune="76351")
    before = count(db_url)
    report = run_import(db_url, dila, "dila_api.json", checked=TODAY, commune="76351")
    assert (report.added, report.updated, len(report.rejected)) == (0, 1, 1)
    assert count(db_url) == before
    updated = point(db_url, "dila:test-0001")
    assert updated["phone"] == "01 99 00 00 09" and [d["hours"] for d in updated["hours_week"]].count("fermé") == 2


def test_dila_json_lines_and_a_broken_line_alone(db_url):
    report = run_import(db_url, dila, "dila_api.jsonl", checked=TODAY, commune="76351")
    assert report.added == 1 and [r for _, r in report.rejected] == ["enregistrement qui n'est pas un objet JSON"]
    caf = point(db_url, "dila:test-0011")
    assert caf["hours_note"] == "Accueil sur rendez-vous le vendredi" and caf["open_now"] is None


def test_the_json_reader_streams_records_in_small_chunks(monkeypatch):
    monkeypatch.setattr(json_stream, "CHUNK", 7)  # numbers and strings cut at every chunk boundary
    for name, keys in (("dila_bulk.json", ("service",)), ("dila_api.json", ("results",))):
        expected = json.loads((FIXTURES / name).read_text(encoding="utf-8"))[keys[0]]
        with open(FIXTURES / name, "rb") as handle:
            assert list(json_stream.records(handle, ("service", "results"))) == expected
    assert list(json_stream.records(io.BytesIO(b'[{"a": 12345}, {"b": [1, 2]}]'), ())) == [{"a": 12345}, {"b": [1, 2]}]
    with pytest.raises(json_stream.JsonStreamError):
        list(json_stream.records(io.BytesIO(b'{"total": 1, "other": []}'), ("results",)))


def test_france_services_keeps_one_commune_and_reads_overseas_rows_right(db_url):
    report = run_import(db_url, anct, "france_services.csv", checked=TODAY, source_date=None, commune="76351")
    assert (report.added, report.skipped) == (2, 2)  # Saint-Denis (La Réunion) and Rouen are other communes
    reasons = sorted(reason for _, reason in report.rejected)
    assert len(reasons) == 3 and "inversées" in reasons[0] + reasons[1] + reasons[2]
    everywhere = run_import(db_url, anct, "france_services.csv", checked=TODAY, source_date=None, commune=None)
    assert everywhere.added == 2 and len(everywhere.rejected) == 3  # La Réunion is France: not « hors de France »
    reunion = point(db_url, "anct:90005")
    assert reunion["city"] == "Saint-Denis"
    bus = point(db_url, "anct:90002")
    assert bus["phone"] is None and bus["kind"] == "France services (bus itinérant)"


def test_reimporting_another_day_is_unchanged_and_prune_retires_what_left(db_url):
    options = dict(checked=TODAY, source_date=date(2024, 8, 1), commune="76351")
    first = run_import(db_url, anct, "france_services.csv", origin="anct", prune=True, **options)
    # The seed's France services are not in this test file: with --prune they are retired, by name.
    assert first.added == 2 and "France services du Havre – Brindeau" in first.retired
    again = run_import(db_url, anct, "france_services.csv", today=LATER, origin="anct", **dict(options, checked=LATER))
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2) and again.absent == []
    later = run_import(
        db_url, anct, "france_services_later.csv", today=LATER, origin="anct", **dict(options, checked=LATER)
    )
    assert later.absent == ["Test Bus France services de l'estuaire"] and later.retired == []
    assert point(db_url, "anct:90002")["name"] == "Test Bus France services de l'estuaire"  # kept without --prune
    pruned = run_import(
        db_url,
        anct,
        "france_services_later.csv",
        today=LATER,
        origin="anct",
        prune=True,
        **dict(options, checked=LATER),
    )
    assert pruned.retired == ["Test Bus France services de l'estuaire"]
    with session_for(db_url) as session:
        assert session.execute(select(PointSource).where(PointSource.source_key == "anct:90002")).first() is None
    # The rejected rows of the file (90003, 90004, 90007) were not taken for rows that left.
    assert "Test France services sans coordonnées lisibles" not in pruned.retired


def test_generic_csv_commune_confirmation_and_reasons(db_url):
    report = run_import(db_url, generic_csv, "generic.csv", prefix="test", commune="76351")
    assert (report.added, report.skipped) == (2, 1)
    assert sorted(reason.split(" :")[0] for _, reason in report.rejected) == [
        "jour inconnu dans « Lundi » (attendu",
        "source manquante",
        "type de service inconnu",
    ]
    relais = point(db_url, "test:rpe-1")
    assert relais["confirmation"] == "Vérifié le 20/11/2026 (la Ville du Havre (service petite enfance))."
    assert relais["source_text"] == "Fichier de test du projet, octobre 2026"


def test_the_command_streams_writes_its_report_and_refuses_a_bad_commune(db_url, tmp_path, capsys):
    report = tmp_path / "rapport.txt"
    assert (
        main(
            [
                "import",
                "france-services",
                str(FIXTURES / "france_services.csv"),
                "--database",
                db_url,
                "--report",
                str(report),
                "--quiet",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "Ajoutés : 2" in printed and "Absents du fichier : 4" in printed and report.read_text() in printed + "\n"
    assert (
        main(
            [
                "import",
                "dila",
                str(FIXTURES / "dila_bulk.json"),
                "--database",
                db_url,
                "--commune",
                "Le Havre",
                "--quiet",
            ]
        )
        == 2
    )
    assert "code INSEE de commune invalide" in capsys.readouterr().err
    assert (
        main(
            [
                "import",
                "dila",
                str(FIXTURES / "generic.csv"),
                "--database",
                db_url,
                "--quiet",
                "--report",
                str(tmp_path / "r2.txt"),
            ]
        )
        == 2
    )
    assert "illisible" in capsys.readouterr().err
