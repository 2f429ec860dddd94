"""Zone fees read from Redis, and the static fee table read from disk."""
from __future__ import annotations

import functools
from decimal import Decimal

import redis.asyncio as redis

_client = redis.Redis()


@functools.lru_cache(maxsize=256)  # expect: cache-misuse
async def zone_fee(zone: str) -> Decimal:
    raw = await _client.hget("zone:fees", zone)
    return Decimal(raw.decode()) if raw else Decimal("0")


@functools.lru_cache(maxsize=32)
def band_for(distance_km: int) -> Decimal:
    """A pure computation: caching the value it returns is what lru_cache is for."""
    return Decimal(distance_km) * Decimal("0.4")


async def delivery_fee(zone: str, distance_km: int) -> Decimal:
    return await zone_fee(zone) + band_for(distance_km)
