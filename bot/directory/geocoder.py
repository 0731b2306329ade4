"""Optional online geocoder: the national Géoplateforme API (ex api-adresse.data.gouv.fr).

Off by default (GEOCODER_ENABLED=false in .env). When on, a street address the
offline data does not know is sent with Le Havre's citycode (bot/territory.py); a failure, a
timeout (1 s to connect, GEOCODER_TIMEOUT to answer) or a weak answer gives None and the offline
answer is used instead.
Nothing is logged about the address itself.
"""

from __future__ import annotations

import logging

import requests

from bot.directory.locating import Location
from bot.settings import GeocoderSettings, geocoder_settings
from bot.territory import LE_HAVRE_INSEE

ACCEPTED_TYPES = ("housenumber", "street", "locality")
MIN_SCORE = 0.5

logger = logging.getLogger(__name__)


def _location(feature: dict) -> Location | None:
    properties = feature.get("properties") or {}
    lon, lat = (feature.get("geometry") or {}).get("coordinates") or (None, None)
    if lat is None or lon is None or properties.get("type") not in ACCEPTED_TYPES:
        return None
    if float(properties.get("score") or 0) < MIN_SCORE:
        return None
    if properties.get("citycode") != LE_HAVRE_INSEE:
        return Location("outside", properties.get("city") or "", float(lat), float(lon), "address")
    precision = "address" if properties.get("type") == "housenumber" else "street"
    # The street, never the house number: the label is said back and stored.
    street = properties.get("street") or properties.get("name") or properties.get("label") or ""
    return Location("found", street, float(lat), float(lon), precision)


def geocode(text: str, settings: GeocoderSettings | None = None) -> Location | None:
    """The best match for `text` in Le Havre, or None (off, failure, timeout, weak match)."""
    settings = settings or geocoder_settings()
    if not settings.enabled or not text.strip():
        return None
    params: dict[str, str | int] = {"q": text[:200], "citycode": LE_HAVRE_INSEE, "limit": 1, "index": "address"}
    try:
        response = requests.get(settings.url, timeout=(min(1.0, settings.timeout_s), settings.timeout_s), params=params)
        response.raise_for_status()
        features = response.json().get("features") or []
    except (requests.RequestException, ValueError) as error:
        logger.warning("Géocodeur indisponible (%s) : réponse hors ligne.", type(error).__name__)
        return None
    return _location(features[0]) if features else None
