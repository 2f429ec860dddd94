"""Bearer-token auth for customers, couriers and staff (tokens are opaque, stored in redis)."""
from __future__ import annotations

import secrets
import time
from collections import defaultdict, deque
from dataclasses import dataclass

import redis.asyncio as redis


TOKEN_TTL_S = 12 * 3600


@dataclass(frozen=True)
class Principal:
    kind: str
    id: int


async def issue_token(client: redis.Redis, kind: str, subject_id: int) -> str:
    token = secrets.token_urlsafe(32)
    await client.set(f"token:{token}", f"{kind}:{subject_id}", ex=TOKEN_TTL_S)
    return token


async def resolve_token(client: redis.Redis, token: str | None) -> Principal | None:
    if not token:
        return None
    value = await client.get(f"token:{token}")
    if value is None:
        return None
    kind, _, subject = value.partition(":")
    return Principal(kind=kind, id=int(subject))


class InMemoryRateLimiter:
    """Sliding-window limiter kept in process memory."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self.window_s:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True


class RedisRateLimiter:
    """Fixed-window limiter shared by all replicas."""

    def __init__(self, client: redis.Redis, limit: int, window_s: int) -> None:
        self._redis = client
        self.limit = limit
        self.window_s = window_s

    async def allow(self, key: str) -> bool:
        bucket = f"rl:{key}:{int(time.time()) // self.window_s}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(bucket)
            pipe.expire(bucket, self.window_s * 2)
            count, _ = await pipe.execute()
        return int(count) <= self.limit
