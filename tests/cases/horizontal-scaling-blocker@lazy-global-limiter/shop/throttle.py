"""Per-customer request budgets."""
from __future__ import annotations

import time

import redis.asyncio as redis


class TokenBucket:
    """Refilling bucket per customer, held in this process."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}  # expect: horizontal-scaling-blocker

    def take(self, customer: str) -> bool:
        now = time.monotonic()
        tokens, stamp = self._buckets.get(customer, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - stamp) * self.rate)
        if tokens < 1:
            self._buckets[customer] = (tokens, now)
            return False
        self._buckets[customer] = (tokens - 1, now)
        return True


class SharedBucket:
    """The same budget counted in redis: every replica sees one count."""

    def __init__(self, conn: redis.Redis, limit: int) -> None:
        self.conn = conn
        self.limit = limit

    async def take(self, customer: str) -> bool:
        key = f"bucket:{customer}:{int(time.time() // 60)}"
        used = await self.conn.incr(key)
        await self.conn.expire(key, 61)
        return used <= self.limit
