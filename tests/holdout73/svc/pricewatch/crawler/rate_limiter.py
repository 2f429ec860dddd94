from __future__ import annotations

import asyncio
import time

import redis.asyncio as redis


class RetailerRateLimiter:
    """Spaces out requests to each retailer across all crawler processes."""

    def __init__(self, client: redis.Redis, default_rps: float, overrides: dict[str, dict] | None = None) -> None:
        self._redis = client
        self._default_rps = default_rps
        self._overrides = overrides or {}

    def rps(self, retailer: str) -> float:
        return float(self._overrides.get(retailer, {}).get("rps", self._default_rps))

    async def wait_turn(self, retailer: str) -> None:
        interval = 1.0 / self.rps(retailer)
        key = f"crawl:next:{retailer}"
        while True:
            now = time.time()
            raw = await self._redis.get(key)
            next_at = float(raw) if raw else 0.0
            if now >= next_at:
                await self._redis.set(key, now + interval, px=60_000)
                return
            await asyncio.sleep(next_at - now)
