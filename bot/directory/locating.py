"""Understand where the person is: coordinates, postcode, quartier, landmark, street.

Works offline from the places of the directory (quartiers, postcodes, landmarks
with their aliases) and the streets of the located service points; the optional
online geocoder (bot/directory/geocoder.py) is tried last when it is switched on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches
from functools import lru_cache

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from bot.directory.geo import distance_m
from bot.directory.schema import Place, ServicePoint
from bot.paths import DATA
from bot.text import fold

LE_HAVRE_POSTCODES = ("76600", "76610", "76620")
# Beyond this distance from the commune reference point, a position is outside Le Havre.
COMMUNE_RADIUS_M = 9_000
MAX_TEXT = 200

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}\.\d+)\s*[,; ]\s*(-?\d{1,3}\.\d+)\s*$")
_POSTCODE = re.compile(r"(?<!\d)(\d{2}\s?\d{3})(?!\d)")
_STREET = re.compile(r"(?:\b\d+\s*(?:bis|ter)?\s*,?\s*)?\b((?:rue|avenue|av|bd|boulevard|place|pl|"
                     r"allee|chaussee|cours|quai|impasse|chemin|route|square)\b.*)$")
_VAGUE = ("chez moi", "pres de moi", "autour de moi", "a cote de moi", "ici", "ma position",
          "pres de chez moi", "dans mon quartier", "mon quartier", "a cote", "pas loin")
_FILLER = r"^(?:(?:je suis|j habite|j habite a|j habite au|j habite aux|dans le quartier|quartier|" \
          r"du cote de|cote|vers|pres de|pres du|pres des|a|au|aux|en|sur|le|la|les|l|de|du|des|d)\s+)+"


@dataclass
class Location:
    status: str                    # found | vague | unknown | outside | empty
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None   # address | street | quartier | postcode | commune | device
    approximate_because: str = ""  # set when a named place has no position of its own
    suggestions: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.status == "found"


@dataclass(frozen=True)
class _KnownPlace:
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    precision: str | None


@lru_cache(maxsize=1)
def outside_communes() -> dict[str, str]:
    """Folded spelling -> name of the communes people may name that are not Le Havre."""
    with open(DATA / "directory" / "outside.yml", encoding="utf-8") as handle:
        return {fold(name): name for name in yaml.safe_load(handle)["communes"]}


class PlaceIndex:
    """The places and located streets of the directory, folded for matching."""

    def __init__(self, session: Session):
        places = session.execute(select(Place).options(selectinload(Place.aliases))).scalars().all()
        self.by_alias: dict[str, _KnownPlace] = {}
        self.commune: _KnownPlace | None = None
        for place in places:
            known = _KnownPlace(place.name, place.kind, place.latitude, place.longitude,
                                place.geo_precision)
            if place.kind == "commune":
                self.commune = known
            for alias in place.aliases:
                self.by_alias.setdefault(alias.alias, known)
        self.streets = self._streets(session)

    @staticmethod
    def _streets(session: Session) -> dict[str, _KnownPlace]:
        """Street names of located service points (folded, without the number)."""
        streets: dict[str, _KnownPlace] = {}
        rows = session.execute(select(ServicePoint.address, ServicePoint.latitude,
                                      ServicePoint.longitude, ServicePoint.geo_precision).where(
            ServicePoint.latitude.is_not(None), ServicePoint.city == "Le Havre")).all()
        for address, lat, lon, precision in rows:
            match = _STREET.search(fold(address or ""))
            if match:
                street = _clean_street(match.group(1))
                label = re.sub(r"^\d+\s*(bis|ter)?\s*,?\s*", "", address).strip()
                streets.setdefault(street, _KnownPlace(label, "street", lat, lon,
                                                       "street" if precision == "address" else precision))
        return streets


def _clean_street(folded: str) -> str:
    folded = re.sub(r"\b(av)\b", "avenue", folded)
    folded = re.sub(r"\b(bd)\b", "boulevard", folded)
    folded = re.sub(r"\b(pl)\b", "place", folded)
    return re.split(r"\s(?:76\d{3}|le havre)\b", folded)[0].strip(" ,")


def _point(status_label: str, place: _KnownPlace, index: PlaceIndex) -> Location:
    if place.latitude is not None:
        return Location("found", status_label, place.latitude, place.longitude, place.precision)
    commune = index.commune
    return Location("found", status_label, commune.latitude if commune else None,
                    commune.longitude if commune else None, "commune",
                    approximate_because=place.name)


def from_coordinates(lat: float, lon: float, index: PlaceIndex) -> Location:
    """A position sent by the device: inside Le Havre, or outside."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return Location("unknown", f"{lat},{lon}")
    commune = index.commune
    if commune and distance_m(lat, lon, commune.latitude, commune.longitude) > COMMUNE_RADIUS_M:
        return Location("outside", "votre position", lat, lon, "device")
    return Location("found", "votre position", lat, lon, "device")


def _strip_fillers(folded: str) -> str:
    return re.sub(_FILLER, "", folded).strip()


def _match_alias(folded: str, index: PlaceIndex) -> _KnownPlace | None:
    """A known alias written as whole words in the text (the longest wins)."""
    for alias in sorted(index.by_alias, key=len, reverse=True):
        if re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", folded):
            return index.by_alias[alias]
    return None


def _fuzzy(folded: str, index: PlaceIndex) -> tuple[_KnownPlace | None, list[str]]:
    """A typo'd place name (« caucriauvile »): the close alias, or suggestions."""
    aliases = list(index.by_alias)
    close = get_close_matches(folded, aliases, n=5, cutoff=0.6)
    if close and SequenceMatcher(None, folded, close[0]).ratio() >= 0.8:
        return index.by_alias[close[0]], []
    suggestions: list[str] = []
    for alias in close:
        name = index.by_alias[alias].name
        if name not in suggestions and index.by_alias[alias].kind != "commune":
            suggestions.append(name)
    return None, suggestions[:3]


def resolve_text(text: str | None, index: PlaceIndex, geocode=None) -> Location:
    """Where the person says they are. `geocode(text)` is the optional online fallback."""
    raw = (text or "").strip()[:MAX_TEXT]
    folded = fold(raw)
    if not folded or not re.search(r"[a-z0-9]", folded):
        return Location("empty")
    coordinates = _COORDINATES.match(raw)
    if coordinates:
        return from_coordinates(float(coordinates.group(1)), float(coordinates.group(2)), index)
    postcode = _POSTCODE.search(raw)
    if postcode:
        code = postcode.group(1).replace(" ", "")
        if code not in LE_HAVRE_POSTCODES:
            return Location("outside", code)
        known = index.by_alias.get(code)
        if known:
            return _point(code, known, index)
    street = _STREET.search(folded)
    if street:
        known_street = index.streets.get(_clean_street(street.group(1)))
        if known_street:
            return _point(known_street.name, known_street, index)
    place = _match_alias(folded, index)
    if place and place.kind != "commune":
        return _point(place.name, place, index)
    commune = next((name for spelling, name in outside_communes().items()
                    if re.search(rf"(?<![a-z]){re.escape(spelling)}(?![a-z])", folded)), None)
    if commune:
        return Location("outside", commune)  # the name recognised, never the text as typed
    if folded in _VAGUE or _strip_fillers(folded) in _VAGUE:
        return Location("vague", raw)
    fuzzy_place, suggestions = _fuzzy(_strip_fillers(folded), index)
    if fuzzy_place:
        return _point(fuzzy_place.name, fuzzy_place, index)
    if geocode is not None:
        located = geocode(raw)
        if located is not None:
            return located
    if place:  # only « Le Havre »: the commune itself
        return _point(place.name, place, index)
    return Location("unknown", raw, suggestions=suggestions)
