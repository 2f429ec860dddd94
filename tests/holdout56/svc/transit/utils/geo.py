"""Geometry helpers used by the stop finder and the vehicle matcher."""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import NamedTuple

EARTH_RADIUS_M = 6_371_000.0


class Point(NamedTuple):
    lat: float
    lon: float


def haversine_m(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    dlat = lat2 - lat1
    dlon = lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def bounding_box(center: Point, radius_m: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(radius_m / EARTH_RADIUS_M)
    dlon = math.degrees(radius_m / (EARTH_RADIUS_M * math.cos(math.radians(center.lat))))
    return center.lat - dlat, center.lat + dlat, center.lon - dlon, center.lon + dlon


def within(points: Iterable[tuple[str, Point]], center: Point, radius_m: float) -> list[tuple[str, float]]:
    hits = []
    for key, point in points:
        d = haversine_m(center, point)
        if d <= radius_m:
            hits.append((key, d))
    hits.sort(key=lambda item: item[1])
    return hits
