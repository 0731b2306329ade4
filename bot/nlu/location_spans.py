"""Where a `location` entity starts and ends, repaired from the message itself.

The classifier often finds only part of a place: « 12 rue Jules Lecesne » without its
number (the address base needs it to place the person at the door), « cours de la
République » as « la République », « Bois de Bléville » as two pieces; and a search
with no preposition (« caf fecamp », « LAEP Champs-Barets ») gets no place at all.
Repairs, on the text as typed (offsets kept):
- a type of way right before the place (« cours de la », « quai de ») is taken in,
  then a house number right before it (« 12 », « 4 bis »);
- two places separated only by spaces or a hyphen are one;
- when a type of service is found and no place, the words after it, if they are
  exactly a quartier, a landmark or a town people name, are the place.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.directory.street_names import SPELLINGS
from bot.directory.towns import towns
from bot.knowledge.places import location_lookup
from bot.text import fold

LOCATION, SERVICE_TYPE = "location", "service_type"
_TYPES = "|".join(sorted((re.escape(s) for s in SPELLINGS), key=len, reverse=True))
_WAY_BEFORE = re.compile(rf"\b({_TYPES})\.?\s+(?:(?:de la|de l |du|des|de|d |la|le|les|l )\s*)?$")
_NUMBER_BEFORE = re.compile(r"\b\d{1,4}(?:\s*(?:bis|ter|quater|[a-d](?![a-z])))?[\s,]*$")
_WAY_START = re.compile(rf"^(?:{_TYPES})\b")
_JOIN = re.compile(r"^[\s-]+$")
LOOK_BEHIND = 40  # characters before a place where its type of way or house number can be
LONGEST_TAIL = 60  # a place written after a type of service is short
_TAIL_NOISE = re.compile(r"(?:\s|[?!.,;:]|\b(?:svp|stp|merci|s il vous plait)\b)+$")


def fold_in_place(text: str) -> str:
    """Lowercase, accents off, apostrophes and hyphens as spaces, one character for one: offsets stay valid."""
    out = []
    for ch in text.lower():
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(" " if ch in "-'’" else base if len(base) == 1 else ch)
    return "".join(out)


@lru_cache(maxsize=1)
def known_places() -> frozenset[str]:
    """Folded quartier and landmark spellings, and the towns people name (not the ambiguous ones)."""
    return frozenset(
        {fold(name) for name in location_lookup()} | {name for name, town in towns().items() if not town.ambiguous}
    )


def _with_span(entity: dict, text: str, start: int, end: int) -> dict:
    return {**entity, "start": start, "end": end, "value": text[start:end]}


def _widened(entity: dict, text: str, folded: str) -> dict:
    start, end = entity["start"], entity["end"]
    if not _WAY_START.match(folded[start:end]):
        window = max(0, start - LOOK_BEHIND)
        way = _WAY_BEFORE.search(folded[window:start])
        if way:
            start = window + way.start()
    if _WAY_START.match(folded[start:end]):
        window = max(0, start - LOOK_BEHIND)
        number = _NUMBER_BEFORE.search(folded[window:start])
        if number:
            start = window + number.start()
    return _with_span(entity, text, start, end) if start != entity["start"] else entity


def _joined(locations: list[dict], text: str) -> list[dict]:
    joined: list[dict] = []
    for entity in sorted(locations, key=lambda e: e["start"]):
        if joined and _JOIN.match(text[joined[-1]["end"] : entity["start"]] or "x"):
            joined[-1] = _with_span(joined[-1], text, joined[-1]["start"], entity["end"])
        else:
            joined.append(entity)
    return joined


def _place_after_service(entities: list[dict], text: str, folded: str) -> dict | None:
    service = next((e for e in entities if e.get("entity") == SERVICE_TYPE and "end" in e), None)
    if service is None:
        return None
    tail = folded[service["end"] :]
    if len(tail) > LONGEST_TAIL:
        return None
    noise = _TAIL_NOISE.search(tail)
    core_end = service["end"] + (noise.start() if noise else len(tail))
    core_start = core_end - len(folded[service["end"] : core_end].lstrip(" :,"))
    if " ".join(folded[core_start:core_end].split()) not in known_places():
        return None
    return {
        "entity": LOCATION,
        "start": core_start,
        "end": core_end,
        "value": text[core_start:core_end],
        "extractor": "LocationSpans",
    }


def repaired(text: str, entities: list[dict]) -> list[dict]:
    """The entities with their `location` spans repaired (others unchanged)."""
    if not text:
        return entities
    folded = fold_in_place(text)
    others = [e for e in entities if e.get("entity") != LOCATION]
    locations = [e for e in entities if e.get("entity") == LOCATION]
    positioned = [e for e in locations if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
    unpositioned = [e for e in locations if e not in positioned]
    fixed = _joined([_widened(e, text, folded) for e in positioned], text)
    if not locations:
        found = _place_after_service(others, text, folded)
        fixed = [found] if found else []
    return others + unpositioned + fixed
