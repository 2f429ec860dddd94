from __future__ import annotations

import math
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


@lru_cache(maxsize=None)
def zone_for(lat: float, lon: float) -> str:
    # zones are 0.05 degree cells named by their south-west corner
    return f"{math.floor(lat * 20) / 20:.2f}:{math.floor(lon * 20) / 20:.2f}"


@lru_cache(maxsize=4096)
def zone_neighbours(zone: str) -> tuple[str, ...]:
    lat_s, lon_s = zone.split(":")
    lat, lon = float(lat_s), float(lon_s)
    cells = []
    for dlat in (-0.05, 0.0, 0.05):
        for dlon in (-0.05, 0.0, 0.05):
            cells.append(f"{lat + dlat:.2f}:{lon + dlon:.2f}")
    return tuple(cells)


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * math.cos(math.radians(lat))))
    return lat - dlat, lon - dlon, lat + dlat, lon + dlon


def within_radius(origin: tuple[float, float], points: list[tuple[float, float]], radius_km: float) -> list[int]:
    south, west, north, east = bounding_box(origin[0], origin[1], radius_km)
    hits = []
    for idx, (lat, lon) in enumerate(points):
        if not (south <= lat <= north and west <= lon <= east):
            continue
        if haversine_km(origin[0], origin[1], lat, lon) <= radius_km:
            hits.append(idx)
    return hits
