"""Small geometry helpers."""
from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
ZONE_CELL_DEG = 0.02


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lng: float


def haversine_km(a: Point, b: Point) -> float:
    lat1, lng1, lat2, lng2 = map(math.radians, (a.lat, a.lng, b.lat, b.lng))
    dlat = lat2 - lat1
    dlng = lng2 - lng1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def zone_for(point: Point) -> str:
    row = int(math.floor(point.lat / ZONE_CELL_DEG))
    col = int(math.floor(point.lng / ZONE_CELL_DEG))
    return f"z{row}:{col}"


def neighbouring_zones(zone: str) -> list[str]:
    row_s, col_s = zone[1:].split(":")
    row, col = int(row_s), int(col_s)
    return [f"z{row + dr}:{col + dc}" for dr in (-1, 0, 1) for dc in (-1, 0, 1)]


def estimate_minutes(distance_km: float, speed_kmh: float = 24.0) -> float:
    return distance_km / speed_kmh * 60.0
