"""Limits at the door of the chat channel: what a request may carry, how often, and the polite answers.

Everything here is plain Python, used by channels/rest.py inside the Rasa server:
- a message is cut to MAX_MESSAGE_CHARS (the person is told so);
- the sender id is kept only when it looks like an id (else a hash of it is used),
  the metadata only for the keys the assistant reads (audience, geo);
- a token bucket per sender and per address limits the pace of messages; behind a load balancer
  (TRUSTED_PROXIES), the address is the client's, read from X-Forwarded-For.
The body size limit itself is Sanic's (REQUEST_MAX_SIZE, set by bot/runtime/servers.py).
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeGuard

from bot.audience import AGENT, FAMILY
from bot.knowledge.contacts import contact

MAX_MESSAGE_CHARS = 2000
MAX_BODY_BYTES = 64 * 1024
SENDER_ID = re.compile(r"^[A-Za-z0-9_\-]{1,64}$")
MAX_TRACKED_KEYS = 50_000

CUT_NOTICE = (
    f"Votre message était très long : je n'en ai lu que le début ({MAX_MESSAGE_CHARS:,} caractères)".replace(",", " ")
    + ". Posez votre question en quelques phrases, c'est plus simple pour vous répondre."
)
TOO_LARGE_NOTICE = (
    "Votre message est beaucoup trop long pour que je le lise. Posez votre question en quelques "
    "phrases (moins de 2 000 caractères)."
)


def _someone() -> str:
    """Who to call instead, from the sourced contacts."""
    return (
        f"Pour parler à quelqu'un : {contact('caf_phone')['label']} {contact('caf_phone')['phone']}, "
        f"{contact('hotel_de_ville')['label']} {contact('hotel_de_ville')['phone']}."
    )


def english_notice() -> str:
    """The one English sentence before a French answer to a message written in English."""
    caf, hotel = contact("caf_phone"), contact("hotel_de_ville")
    return (
        f"I answer in French; to talk to a person, call the CAF on {caf['phone']} or the Hôtel de Ville "
        f"on {hotel['phone']}."
    )


def too_fast_notice() -> str:
    return (
        "Vous m'envoyez beaucoup de messages en peu de temps : attendez une minute avant de m'écrire à "
        "nouveau, s'il vous plaît. " + _someone()
    )


def unavailable_notice() -> str:
    return (
        "Le service est momentanément indisponible : je ne peux pas tenir la conversation pour l'instant. "
        "Réessayez dans quelques minutes. " + _someone()
    )


def clean_sender(raw: object) -> str:
    """The conversation id: as sent when it looks like an id; a hash of anything else (never stored as typed)."""
    if isinstance(raw, str) and SENDER_ID.match(raw):
        return raw
    if isinstance(raw, str) and raw.strip():
        return "h-" + hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()[:32]
    return "anonyme-" + hashlib.sha256(str(time.time_ns()).encode()).hexdigest()[:24]


def clean_message(raw: object) -> tuple[str, bool]:
    """The text of the message (empty when missing or not text), cut to MAX_MESSAGE_CHARS; True if cut."""
    text = raw if isinstance(raw, str) else ""
    return (text[:MAX_MESSAGE_CHARS], True) if len(text) > MAX_MESSAGE_CHARS else (text, False)


def _finite_number(value: object) -> TypeGuard[float]:
    """An int or a float (not a bool) that is neither infinite nor NaN."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def clean_metadata(raw: object) -> dict | None:
    """Only what the assistant reads: `audience` (family or agent) and `geo` (two finite numbers)."""
    if not isinstance(raw, dict):
        return None
    kept: dict = {}
    if raw.get("audience") in (AGENT, FAMILY):
        kept["audience"] = raw["audience"]
    geo = raw.get("geo")
    if isinstance(geo, dict):
        lat, lon = geo.get("lat", geo.get("latitude")), geo.get("lon", geo.get("longitude", geo.get("lng")))
        if _finite_number(lat) and _finite_number(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
            kept["geo"] = {"lat": float(lat), "lon": float(lon)}
    return kept or None


def _ip(address: str):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def _within(address: str, networks: tuple) -> bool:
    ip = _ip(address)
    return ip is not None and any(ip in network for network in networks)


def _networks(trusted: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in trusted)


def from_trusted_proxy(peer: str | None, trusted: tuple[str, ...]) -> bool:
    return bool(peer and _within(peer, _networks(trusted)))


def client_address(peer: str | None, forwarded_for: str | None, trusted: tuple[str, ...]) -> str | None:
    """The address to count a message against: the peer's, or, when the peer is a trusted proxy, the
    nearest address of X-Forwarded-For that is not a trusted proxy (a client cannot forge the ones its
    proxies add; what it wrote itself comes before them)."""
    networks = _networks(trusted)
    if not forwarded_for or not from_trusted_proxy(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _within(hop, networks):
            return hop if _ip(hop) else peer
    return hops[0] if hops else peer


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    """Token buckets: `per_minute` messages a minute on average, bursts up to `burst`."""

    per_minute: float
    burst: int
    clock: Callable[[], float] = time.monotonic
    _buckets: OrderedDict = field(default_factory=OrderedDict)

    def allow(self, key: str) -> bool:
        now = self.clock()
        bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_minute / 60)
        bucket.updated = now
        self._buckets[key] = bucket  # most recent last; the oldest go first when there are too many
        while len(self._buckets) > MAX_TRACKED_KEYS:
            self._buckets.popitem(last=False)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


@dataclass
class Door:
    """The two limits together: per conversation and per address."""

    per_sender: RateLimiter
    per_address: RateLimiter

    @classmethod
    def from_settings(cls, sender_per_minute: int, address_per_minute: int) -> Door:
        """Bursts of half a minute's worth (at least one message)."""
        return cls(
            RateLimiter(sender_per_minute, max(1, sender_per_minute // 2)),
            RateLimiter(address_per_minute, max(1, address_per_minute // 2)),
        )

    def allow(self, sender: str, address: str | None) -> bool:
        # A message refused by its address still counts for its sender.
        if not self.per_sender.allow(sender):
            return False
        return self.per_address.allow(address or "?")
