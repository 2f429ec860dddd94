from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088

# Station -> first-due response zone; the table changes only with a deploy.
_STATION_ZONES = {
    "ST01": "Z-NORTH",
    "ST02": "Z-NORTH",
    "ST03": "Z-CENTRAL",
    "ST04": "Z-CENTRAL",
    "ST05": "Z-SOUTH",
    "ST06": "Z-SOUTH",
    "ST07": "Z-EAST",
}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@lru_cache(maxsize=None)
def grid_cell(lat: float, lon: float) -> str:
    """Coarse ~100 m grid cell used to bucket AVL positions for the console map."""
    return f"{math.floor(lat * 1000)}:{math.floor(lon * 1000)}"


@lru_cache(maxsize=256)
def response_zone(station_code: str) -> str:
    return _STATION_ZONES.get(station_code.upper(), "Z-UNASSIGNED")


def point_in_polygon(lat: float, lon: float, polygon: list[tuple[float, float]]) -> bool:
    inside = False
    j = len(polygon) - 1
    for i in range(len(polygon)):
        yi, xi = polygon[i]
        yj, xj = polygon[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside
