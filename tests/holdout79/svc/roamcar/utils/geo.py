"""Coordinates, distances and the pricing zones used by the ops desk."""
from __future__ import annotations

import functools
import math
from typing import Any

EARTH_RADIUS_KM = 6371.0088
ZONE_GRID_DEG = 0.05


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def parse_coordinate(raw: Any, *, limit: float) -> float | None:
    try:
        value = float(raw)
    except:
        return None
    if math.isnan(value) or abs(value) > limit:
        return None
    return value


@functools.lru_cache(maxsize=None)
def zone_for(lat: float, lon: float) -> str:
    """Grid cell used to bucket live positions on the ops map."""
    return f"z{math.floor(lat / ZONE_GRID_DEG)}:{math.floor(lon / ZONE_GRID_DEG)}"


@functools.lru_cache(maxsize=256)
def branch_zone(branch_lat: float, branch_lon: float, radius_km: float = 2.0) -> tuple[str, ...]:
    """Zones within `radius_km` of a branch; a few hundred branches at most."""
    steps = max(1, math.ceil(radius_km / 111.0 / ZONE_GRID_DEG))
    cells = []
    for dy in range(-steps, steps + 1):
        for dx in range(-steps, steps + 1):
            cells.append(zone_for(branch_lat + dy * ZONE_GRID_DEG, branch_lon + dx * ZONE_GRID_DEG))
    return tuple(cells)
