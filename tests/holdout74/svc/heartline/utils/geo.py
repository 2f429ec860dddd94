"""Distance and bounding-box helpers for the discovery feed."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_LAT = 110.574
_BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz"


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@lru_cache(maxsize=256)
def km_per_degree_lon(lat_deg: int) -> float:
    return max(1.0, 111.320 * math.cos(math.radians(lat_deg)))


def bounding_box(origin: tuple[float, float], radius_km: float) -> BoundingBox:
    lat, lon = origin
    dlat = radius_km / KM_PER_DEGREE_LAT
    dlon = radius_km / km_per_degree_lon(round(lat))
    return BoundingBox(
        min_lat=max(-90.0, lat - dlat),
        max_lat=min(90.0, lat + dlat),
        min_lon=max(-180.0, lon - dlon),
        max_lon=min(180.0, lon + dlon),
    )


def valid_coordinates(lat: float, lon: float) -> bool:
    return -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0


@lru_cache(maxsize=None)
def geohash(lat: float, lon: float, precision: int = 6) -> str:
    lat_range, lon_range = [-90.0, 90.0], [-180.0, 180.0]
    bits, bit, even, out = 0, 0, True, []
    while len(out) < precision:
        rng, value = (lon_range, lon) if even else (lat_range, lat)
        mid = (rng[0] + rng[1]) / 2
        if value >= mid:
            bits = (bits << 1) | 1
            rng[0] = mid
        else:
            bits <<= 1
            rng[1] = mid
        even = not even
        bit += 1
        if bit == 5:
            out.append(_BASE32[bits])
            bits, bit = 0, 0
    return "".join(out)
