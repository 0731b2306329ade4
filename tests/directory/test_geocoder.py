"""The optional Géoplateforme geocoder, against a local fake server answering in the real format."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from bot.directory.database import session_for
from bot.directory.geocoder import GeocoderSettings, geocode
from bot.directory.locating import PlaceIndex, resolve_text
from bot.settings import DEFAULT_GEOCODER_URL, geocoder_settings

# Answers of the fake API, in the GeoJSON format of data.geopf.fr/geocodage/search.
FEATURES = {
    "10 rue de l'essai": {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [0.1234, 49.5012]},
        "properties": {
            "label": "10 Rue de l'Essai 76600 Le Havre",
            "score": 0.93,
            "housenumber": "10",
            "name": "10 Rue de l'Essai",
            "postcode": "76600",
            "citycode": "76351",
            "city": "Le Havre",
            "type": "housenumber",
            "street": "Rue de l'Essai",
            "context": "76, Seine-Maritime, Normandie",
        },
    },
    "rue floue": {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [0.11, 49.49]},
        "properties": {"label": "Rue Floue", "score": 0.31, "citycode": "76351", "type": "street"},
    },
}


class FakeGeoplateforme(BaseHTTPRequestHandler):
    def do_GET(self):
        query = parse_qs(urlparse(self.path).query)
        q = query.get("q", [""])[0].lower()
        if q == "lent":
            time.sleep(1.5)
        if q == "panne":
            self.send_response(503)
            self.end_headers()
            return
        features = [FEATURES[q]] if q in FEATURES and query.get("citycode") == ["76351"] else []
        body = json.dumps(
            {
                "type": "FeatureCollection",
                "version": "draft",
                "features": features,
                "attribution": "BAN",
                "licence": "ETALAB-2.0",
                "query": q,
                "filters": {"citycode": "76351"},
                "limit": 1,
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def fake_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGeoplateforme)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield GeocoderSettings(True, f"http://127.0.0.1:{server.server_port}/geocodage/search", 0.5)
    server.shutdown()


def test_an_address_is_found_in_le_havre(fake_api):
    where = geocode("10 rue de l'Essai", fake_api)
    assert (where.status, where.precision) == ("found", "address")
    assert (where.latitude, where.longitude) == (49.5012, 0.1234)  # GeoJSON gives longitude first


@pytest.mark.parametrize("text", ["rue floue", "inconnue", "panne", "lent"])
def test_weak_empty_failing_or_slow_answers_give_none(fake_api, text):
    started = time.monotonic()
    assert geocode(text, fake_api) is None
    assert time.monotonic() - started < 1.4


def test_off_by_default_and_then_never_called(fake_api, monkeypatch):
    monkeypatch.delenv("GEOCODER_ENABLED", raising=False)
    assert geocode("10 rue de l'Essai") is None


def test_the_offline_answer_is_kept_when_the_geocoder_fails(fake_api, directory_url):
    with session_for(directory_url) as session:
        index = PlaceIndex(session)
    down = GeocoderSettings(True, "http://127.0.0.1:9/nothing", 0.3)
    where = resolve_text("10 rue de l'Essai", index, geocode=lambda t: geocode(t, down))
    assert where.status == "street_unknown" and where.label == ""  # a street the offline data does not know
    where = resolve_text("10 rue de l'Essai", index, geocode=lambda t: geocode(t, fake_api))
    assert where.found and where.label == "Rue de l'Essai"  # the street, not the house number


def test_the_settings_come_from_the_environment_or_env_file_with_their_defaults(tmp_path, monkeypatch):
    for name in ("GEOCODER_ENABLED", "GEOCODER_URL", "GEOCODER_TIMEOUT"):
        monkeypatch.setenv(name, "")  # restored after the test, whatever .env sets meanwhile
        monkeypatch.delenv(name)
    assert geocoder_settings(tmp_path / "absent.env") == GeocoderSettings(False, DEFAULT_GEOCODER_URL, 2.0)
    env_file = tmp_path / ".env"
    env_file.write_text("GEOCODER_ENABLED=oui\nGEOCODER_TIMEOUT=0.7\n", encoding="utf-8")
    assert geocoder_settings(env_file) == GeocoderSettings(True, DEFAULT_GEOCODER_URL, 0.7)
    monkeypatch.setenv("GEOCODER_ENABLED", "false")  # the environment wins over .env
    monkeypatch.setenv("GEOCODER_URL", "http://127.0.0.1:9/search")
    assert geocoder_settings(env_file) == GeocoderSettings(False, "http://127.0.0.1:9/search", 0.7)
