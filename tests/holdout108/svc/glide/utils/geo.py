from __future__ import annotations

import json
import math
from typing import Any

from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

EARTH_RADIUS_M = 6_371_000


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def read_geojson(path: str) -> BaseGeometry:
    with open(path, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    if data.get("type") == "FeatureCollection":
        data = data["features"][0]["geometry"]
    elif data.get("type") == "Feature":
        data = data["geometry"]
    return shape(data)


def point(lat: float, lon: float) -> Point:
    # shapely uses (x, y) = (lon, lat)
    return Point(lon, lat)


def round_coord(value: float, places: int = 4) -> float:
    return round(value, places)
