"""Courier profiles behind an async-aware cache that keeps awaited results in Redis."""
from __future__ import annotations

from cashews import cache

from fees.rates import _client

cache.setup("redis://localhost:6379/2")


@cache(ttl="10m", key="courier:{courier_id}")
async def courier_profile(courier_id: str) -> dict[str, str]:
    raw = await _client.hgetall(f"courier:{courier_id}")
    return {k.decode(): v.decode() for k, v in raw.items()}
