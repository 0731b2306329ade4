"""Understand where the person is: coordinates, street and number, quartier, landmark, postcode, town.

Works offline from the directory: the national address base (BAN) when it is loaded
(`bot import ban`), the places (quartiers, postcodes, landmarks with their aliases),
the streets of located service points, and the towns that are not Le Havre
(bot/directory/towns.py). The optional online geocoder (bot/directory/geocoder.py)
is tried last. Order of precedence: a position sent by the device; a street named in
the message (the street wins over a town in its name: « rue de Paris »); a quartier
or landmark (a weak alias such as « la mairie » only when nothing else is named); a
postcode; a town outside Le Havre; then « près de chez moi », close spellings.

The label of a Location is what the assistant says back: always a recognised name
(quartier, landmark, BAN street, town), never the text as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.directory.addresses import door, find_street, has_addresses
from bot.directory.geo import distance_m
from bot.directory.schema import Place, PlaceAlias, ServicePoint
from bot.directory.street_names import Mention, after_street_type, mentions
from bot.directory.towns import town_in_text
from bot.territory import LE_HAVRE_INSEE, LE_HAVRE_NAME
from bot.text import fold

LE_HAVRE_POSTCODES = ("76600", "76610", "76620")
# Beyond this distance from the commune reference point, a position is outside Le Havre.
COMMUNE_RADIUS_M = 9_000
MAX_TEXT = 200

_COORDINATES = re.compile(r"^\s*(-?\d{1,2}\.\d+)\s*[,; ]\s*(-?\d{1,3}\.\d+)\s*$")
_POSTCODE = re.compile(r"(?<!\d)(\d{2}\s?\d{3})(?!\d)")
_VAGUE = (
    "chez moi",
    "pres de moi",
    "autour de moi",
    "a cote de moi",
    "ici",
    "ma position",
    "pres de chez moi",
    "dans mon quartier",
    "mon quartier",
    "a cote",
    "pas loin",
)
_FILLER = (
    r"^(?:(?:je suis|j habite|j habite a|j habite au|j habite aux|dans le quartier|quartier|"
    r"du cote de|cote|vers|pres de|pres du|pres des|a|au|aux|en|sur|le|la|les|l|de|du|des|d)\s+)+"
)


@dataclass
class Location:
    status: str  # found | vague | unknown | outside | empty | street_unknown
    label: str = ""  # a recognised name, never the raw text
    latitude: float | None = None
    longitude: float | None = None
    precision: str | None = None  # address | street | quartier | postcode | commune | device
    approximate_because: str = ""  # set when a named place has no position of its own
    suggestions: list[str] = field(default_factory=list)
    key: str = ""  # what finds the same place again (kept in the conversation's slot)
    derived: bool = False  # the point was derived from the address base (approximate)

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
    derived: bool = False


def _known(name, kind, latitude, longitude, precision, derived_latitude, derived_longitude) -> _KnownPlace:
    if latitude is None and derived_latitude is not None:
        return _KnownPlace(name, kind, derived_latitude, derived_longitude, "quartier", True)
    return _KnownPlace(name, kind, latitude, longitude, precision)


class PlaceIndex:
    """The places, the located streets of service points and the address base of the directory.

    Built for each message (the data may have been re-imported meanwhile) with plain queries:
    about a millisecond for the Le Havre places."""

    def __init__(self, session: Session, commune: str = LE_HAVRE_INSEE):
        self.session, self.commune_code = session, commune
        self.by_alias: dict[str, _KnownPlace] = {}
        self.weak: dict[str, _KnownPlace] = {}
        self.commune: _KnownPlace | None = None
        known: dict[int, _KnownPlace] = {}
        rows = session.execute(
            select(
                Place.id,
                Place.name,
                Place.kind,
                Place.latitude,
                Place.longitude,
                Place.geo_precision,
                Place.derived_latitude,
                Place.derived_longitude,
                PlaceAlias.alias,
                PlaceAlias.weak,
            ).outerjoin(PlaceAlias)
        ).all()
        for place_id, *place, alias, weak in rows:
            if place_id not in known:
                known[place_id] = _known(*place)
                if known[place_id].kind == "commune":
                    self.commune = known[place_id]
            if alias:
                (self.weak if weak else self.by_alias).setdefault(alias, known[place_id])
        self.streets = self._streets(session)
        self.has_ban = has_addresses(session, commune)

    @staticmethod
    def _streets(session: Session) -> dict[str, _KnownPlace]:
        """Streets of located service points (key of street_names), for when the BAN is not loaded."""
        streets: dict[str, _KnownPlace] = {}
        rows = session.execute(
            select(
                ServicePoint.address, ServicePoint.latitude, ServicePoint.longitude, ServicePoint.geo_precision
            ).where(
                ServicePoint.latitude.is_not(None),
                ServicePoint.city == LE_HAVRE_NAME,
                ServicePoint.geo_precision == "address",
            )
        ).all()
        for address, lat, lon, _precision in rows:
            for mention in mentions(address or ""):
                label = re.sub(r"^\d+\s*(bis|ter)?\s*,?\s*", "", address).strip()
                streets.setdefault(mention.keys[0], _KnownPlace(label, "street", lat, lon, "street"))
        return streets


def _point(label: str, place: _KnownPlace, index: PlaceIndex) -> Location:
    if place.latitude is not None:
        return Location(
            "found", label, place.latitude, place.longitude, place.precision, key=place.name, derived=place.derived
        )
    commune = index.commune
    return Location(
        "found",
        label,
        commune.latitude if commune else None,
        commune.longitude if commune else None,
        "commune",
        approximate_because=place.name,
        key=place.name,
    )


def from_coordinates(lat: float, lon: float, index: PlaceIndex) -> Location:
    """A position sent by the device: inside Le Havre, or outside."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return Location("unknown")
    commune = index.commune
    key = f"{lat:.6f},{lon:.6f}"
    if (
        commune
        and commune.latitude is not None
        and commune.longitude is not None
        and distance_m(lat, lon, commune.latitude, commune.longitude) > COMMUNE_RADIUS_M
    ):
        return Location("outside", "votre position", lat, lon, "device", key=key)
    return Location("found", "votre position", lat, lon, "device", key=key)


def _street_label(name: str) -> str:
    """« Rue de Paris » → « rue de Paris » (said inside a sentence)."""
    return name[:1].lower() + name[1:]


def _from_ban(mention: Mention, index: PlaceIndex) -> Location | None:
    street = find_street(index.session, mention, index.commune_code)
    if street is None:
        return None
    label = _street_label(street.name)
    if mention.number is not None:
        found = door(index.session, street, mention.number, mention.suffix)
        if found:
            lat, lon, exact = found
            return Location(
                "found",
                label,
                lat,
                lon,
                "address" if exact else "street",
                key=f"{mention.number}{' ' + mention.suffix if mention.suffix else ''} {street.name}",
            )
    return Location("found", label, street.latitude, street.longitude, "street", key=street.name)


def _from_streets(found: list[Mention], index: PlaceIndex) -> Location | None:
    for mention in found:
        if index.has_ban:
            located = _from_ban(mention, index)
            if located:
                return located
        for key in mention.keys:
            known = index.streets.get(key)
            if known:
                return Location("found", known.name, known.latitude, known.longitude, "street", key=known.name)
    return None


def _strip_fillers(folded: str) -> str:
    return re.sub(_FILLER, "", folded).strip()


def _match_alias(folded: str, aliases: dict[str, _KnownPlace]) -> _KnownPlace | None:
    """A known alias written as whole words in the text, not inside a street's name (the longest wins)."""
    for alias in sorted(aliases, key=len, reverse=True):
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", folded):
            before = folded[: match.start()].split()
            if not after_street_type(before, len(before)):
                return aliases[alias]
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


def resolve_text(text: str | None, index: PlaceIndex, geocode=None, weak: bool = True) -> Location:
    """Where the person says they are. `geocode(text)` is the optional online fallback; `weak=False`
    ignores the weak aliases (« la mairie » in a question is the type of place asked for)."""
    raw = (text or "").strip()[:MAX_TEXT]
    folded = fold(raw)
    if not folded or not re.search(r"[a-z0-9]", folded):
        return Location("empty")
    coordinates = _COORDINATES.match(raw)
    if coordinates:
        return from_coordinates(float(coordinates.group(1)), float(coordinates.group(2)), index)
    streets = mentions(raw)
    located = _from_streets(streets, index)
    if located:
        # « rue de la République à Rouen »: the street's name taken out, a town may still be named.
        town = town_in_text(folded.replace(fold(located.key.lstrip("0123456789 ")), " "))
        return Location("outside", town.name, key=town.code) if town else located
    postcode = _POSTCODE.search(raw)
    code = postcode.group(1).replace(" ", "") if postcode else None
    if code and code not in LE_HAVRE_POSTCODES:
        return Location("outside", code)  # the code is said back, never the rest of the text
    place = _match_alias(folded, {k: v for k, v in index.by_alias.items() if v.kind != "commune"})
    if place:
        return _point(place.name, place, index)
    if code in LE_HAVRE_POSTCODES and index.by_alias.get(code):
        return _point(code, index.by_alias[code], index)
    weak_place = _match_alias(folded, index.weak) if weak else None
    if weak_place:
        return _point(weak_place.name, weak_place, index)
    town = town_in_text(folded)
    if town:
        return Location("outside", town.name, key=town.code)
    if folded in _VAGUE or _strip_fillers(folded) in _VAGUE:
        return Location("vague")
    fuzzy_place, suggestions = _fuzzy(_strip_fillers(folded), index)
    if fuzzy_place and not any(m.strong for m in streets):
        return _point(fuzzy_place.name, fuzzy_place, index)
    if geocode is not None:
        located = geocode(raw)
        if located is not None:
            return located
    if any(m.strong for m in streets):
        return Location("street_unknown")
    commune = _match_alias(folded, {k: v for k, v in index.by_alias.items() if v.kind == "commune"})
    if commune:  # only « Le Havre »: the commune itself
        return _point(commune.name, commune, index)
    return Location("unknown", suggestions=suggestions)
