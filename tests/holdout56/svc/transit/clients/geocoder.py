"""Place-name search used by the trip planner's free-text origin/destination."""
from __future__ import annotations

import logging

import httpx

from transit.utils.geo import Point

logger = logging.getLogger(__name__)

GEOCODER_URL = "https://geocode.city.example/v1/search"

_resolved: dict[str, Point] = {}


async def geocode(text: str) -> Point | None:
    key = text.strip().lower()
    if key in _resolved:
        return _resolved[key]
    async with httpx.AsyncClient(timeout=4.0) as client:
        response = await client.get(GEOCODER_URL, params={"q": key, "limit": 1})
    response.raise_for_status()
    features = response.json().get("features", [])
    if not features:
        return None
    lon, lat = features[0]["geometry"]["coordinates"]
    point = Point(lat, lon)
    _resolved[key] = point
    return point
