"""Rate limiters consulted by the HTTP middleware."""
import threading
import time
from collections import defaultdict, deque

import redis.asyncio as redis


class InProcessRateLimiter:
    """Sliding one-minute window per API key, kept in this process's memory."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._lock = threading.Lock()
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)  # expect: horizontal-scaling-blocker

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            window = self._hits[key]
            while window and now - window[0] > 60.0:
                window.popleft()
            if len(window) >= self._per_minute:
                return False
            window.append(now)
            return True


class SharedRateLimiter:
    """Fixed one-minute window per address, counted in Redis by every replica."""

    def __init__(self, client: redis.Redis, per_minute: int) -> None:
        self._redis = client
        self._per_minute = per_minute
        self._seen: dict[str, float] = {}

    async def allow(self, address: str) -> bool:
        self._seen[address] = time.monotonic()
        key = f"rl:{address}:{int(time.time() // 60)}"
        count = await self._redis.incr(key)
        await self._redis.expire(key, 90)
        return count <= self._per_minute
