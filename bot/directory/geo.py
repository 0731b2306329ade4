"""Distances on the Earth and the bounding boxes that prefilter indexed queries."""

from __future__ import annotations

import math

EARTH_RADIUS_M = 6_371_000


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) containing every point within radius_m."""
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def osm_link(lat: float, lon: float) -> str:
    """A map with a pin on the exact position."""
    return f"https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}"


def osm_area_link(lat: float, lon: float) -> str:
    """A map of the area, without a pin: for positions that are only approximate."""
    return f"https://www.openstreetmap.org/#map=15/{lat:.4f}/{lon:.4f}"


def describe_distance(metres: float) -> str:
    if metres < 1000:
        return f"{max(100, int(round(metres, -2)))} m"
    return f"{metres / 1000:.1f} km".replace(".", ",")
