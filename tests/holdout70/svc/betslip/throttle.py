"""Bet placement throttling: stops scripted clients from hammering the slip."""
from __future__ import annotations

import time
from collections import deque

from redis.asyncio import Redis

WINDOW_S = 10
MAX_BETS_PER_WINDOW = 8


class PlacementThrottle:
    def __init__(self) -> None:
        self._recent: dict[int, deque[float]] = {}

    def allow(self, user_id: int) -> bool:
        now = time.monotonic()
        q = self._recent.setdefault(user_id, deque())
        while q and now - q[0] > WINDOW_S:
            q.popleft()
        if len(q) >= MAX_BETS_PER_WINDOW:
            return False
        q.append(now)
        return True


class LoginThrottle:
    """Shared across replicas through redis."""

    def __init__(self, redis: Redis, limit: int = 10, window_s: int = 300) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_s

    async def allow(self, username: str) -> bool:
        key = f"login-attempts:{username.lower()}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, self._window, nx=True)
            count, _ = await pipe.execute()
        return int(count) <= self._limit
