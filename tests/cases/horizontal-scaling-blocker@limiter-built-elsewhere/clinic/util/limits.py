"""Generic limiters."""
import time
from collections import defaultdict, deque

from redis.asyncio import Redis


class RecentCalls:
    """Sliding window kept in this process."""

    def __init__(self, per_minute: int) -> None:
        self._per_minute = per_minute
        self._calls: dict[str, deque[float]] = defaultdict(deque)

    def permit(self, key: str) -> bool:
        now = time.monotonic()
        calls = self._calls[key]
        while calls and calls[0] < now - 60:
            calls.popleft()
        if len(calls) >= self._per_minute:
            return False
        calls.append(now)
        return True


class CountedInRedis:
    """Fixed window counted in redis, shared by every replica."""

    def __init__(self, redis: Redis, per_minute: int) -> None:
        self._redis = redis
        self._per_minute = per_minute

    async def permit(self, key: str) -> bool:
        bucket = f"rl:{key}:{int(time.time() // 60)}"
        count = await self._redis.incr(bucket)
        await self._redis.expire(bucket, 120)
        return count <= self._per_minute


class AttemptLog:
    """Timestamps of recent attempts per key, kept in this process."""

    def __init__(self, limit: int, window_s: float) -> None:
        self._limit = limit
        self._window_s = window_s
        self._seen: dict[str, list[float]] = {}

    def permit(self, key: str) -> bool:
        now = time.time()
        recent = [t for t in self._seen.get(key, []) if now - t < self._window_s]
        if len(recent) >= self._limit:
            self._seen[key] = recent
            return False
        recent.append(now)
        self._seen[key] = recent
        return True
