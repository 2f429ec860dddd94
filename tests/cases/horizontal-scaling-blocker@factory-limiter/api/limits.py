"""Request rate limits."""
import time
from collections import defaultdict, deque

import redis.asyncio as redis


class WindowLimiter:
    """Sliding window per client, kept in this process."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._seen: dict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        seen = self._seen[client]
        while seen and seen[0] < now - 60:
            seen.popleft()
        if len(seen) >= self._per_minute:
            return False
        seen.append(now)
        return True


class SharedLimiter:
    """Fixed window counted in redis, shared by every replica."""

    def __init__(self, cache: redis.Redis, per_minute: int) -> None:
        self._cache = cache
        self._per_minute = per_minute

    async def allow(self, client: str) -> bool:
        key = f"rl:{client}:{int(time.time() // 60)}"
        count = await self._cache.incr(key)
        if count == 1:
            await self._cache.expire(key, 120)
        return count <= self._per_minute
