from __future__ import annotations

import logging
import math
from dataclasses import dataclass

import requests

from ..config import settings

log = logging.getLogger(__name__)

EARTH_RADIUS_MILES = 3958.8

_geocode_cache: dict[str, tuple[float, float]] = {}


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


def haversine_miles(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def _normalise(address: str) -> str:
    return " ".join(address.lower().replace(",", " ").split())


def _lookup_sync(address: str) -> tuple[float, float]:
    key = _normalise(address)
    if key in _geocode_cache:
        return _geocode_cache[key]
    resp = requests.get(settings.geocode_url, params={"q": address, "limit": 1})
    resp.raise_for_status()
    hit = resp.json()["features"][0]["geometry"]["coordinates"]
    _geocode_cache[key] = (hit[1], hit[0])
    return _geocode_cache[key]


async def resolve_stop(address: str) -> Point:
    lat, lon = _lookup_sync(address)
    return Point(lat, lon)


def within_geofence(position: Point, stop: Point, radius_miles: float = 0.5) -> bool:
    return haversine_miles(position, stop) <= radius_miles
