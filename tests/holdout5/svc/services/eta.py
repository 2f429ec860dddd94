"""Pickup ETAs with a degraded path when the maps provider is down."""
from __future__ import annotations

import logging

import httpx
from cachetools import TTLCache

from svc.clients.maps import maps
from svc.services.geometry import straight_line_eta_seconds

log = logging.getLogger(__name__)

_eta_cache: dict[tuple[int, int, int, int], int] = {}
_route_cache: TTLCache[tuple[int, int, int, int], int] = TTLCache(maxsize=50_000, ttl=120)


def _grid(lat: float, lng: float) -> tuple[int, int]:
    return round(lat * 1000), round(lng * 1000)


async def pickup_eta(driver_pos: tuple[float, float], pickup: tuple[float, float]) -> int:
    key = (*_grid(*driver_pos), *_grid(*pickup))
    if key in _eta_cache:
        return _eta_cache[key]
    try:
        route = await maps.route(driver_pos, pickup)
        seconds = route.duration_s
    except (httpx.HTTPError, KeyError) as exc:
        log.warning("maps unavailable, using straight-line ETA: %s", exc)
        return straight_line_eta_seconds(*driver_pos, *pickup)
    _eta_cache[key] = seconds
    return seconds


async def trip_duration(pickup: tuple[float, float], dropoff: tuple[float, float]) -> int:
    key = (*_grid(*pickup), *_grid(*dropoff))
    cached = _route_cache.get(key)
    if cached is not None:
        return cached
    route = await maps.route(pickup, dropoff)
    _route_cache[key] = route.duration_s
    return route.duration_s
