"""Arrival estimates, with a straight-line estimate when routing is down."""
from __future__ import annotations

import logging
import math

import httpx

from .geo import routing

log = logging.getLogger(__name__)


def straight_line(a: tuple[float, float], b: tuple[float, float]) -> int:
    return int(math.dist(a, b) * 111_000 / 8)


async def pickup_eta(driver: tuple[float, float], pickup: tuple[float, float]) -> int:
    try:
        return await routing.duration(driver, pickup)
    except httpx.HTTPError as exc:
        log.warning("routing unavailable, straight-line estimate: %s", exc)
        return straight_line(driver, pickup)


async def trip_eta(pickup: tuple[float, float], dropoff: tuple[float, float]) -> int:
    return await routing.duration(pickup, dropoff)  # expect: no-fallback
