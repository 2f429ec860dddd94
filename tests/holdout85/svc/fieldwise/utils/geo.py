from __future__ import annotations

import json
import math
from functools import lru_cache
from typing import Any

EARTH_RADIUS_M = 6_371_008.8


def _ring(geojson: dict[str, Any]) -> list[tuple[float, float]]:
    if geojson.get("type") != "Polygon":
        raise ValueError(f"unsupported geometry {geojson.get('type')!r}")
    return [(float(lon), float(lat)) for lon, lat in geojson["coordinates"][0]]


def area_hectares(geojson: dict[str, Any]) -> float:
    """Spherical excess approximation; good to ~0.5% for field-sized polygons."""
    ring = _ring(geojson)
    total = 0.0
    for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:]):
        total += math.radians(lon2 - lon1) * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
    return abs(total * EARTH_RADIUS_M**2 / 2.0) / 10_000


def centroid(geojson: dict[str, Any]) -> tuple[float, float]:
    ring = _ring(geojson)[:-1] or _ring(geojson)
    lat = sum(p[1] for p in ring) / len(ring)
    lon = sum(p[0] for p in ring) / len(ring)
    return lat, lon


@lru_cache(maxsize=256)
def parse_boundary(raw: str) -> tuple[tuple[float, float], ...]:
    return tuple(_ring(json.loads(raw)))


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
