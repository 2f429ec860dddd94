"""Redis clients, the shared JSON cache and request rate limiting."""

from __future__ import annotations

import json
import time
from collections import defaultdict, deque
from typing import Any

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings
from svc.errors import RateLimitedError


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.partition(":")
    return host, int(port or 26379)


def build_cache_redis(cfg: Settings) -> Redis:
    """Cache, locks and rate limits live on the Sentinel-managed primary."""
    sentinel = Sentinel(
        [_host_port(a) for a in cfg.redis_sentinels],
        socket_timeout=cfg.redis_socket_timeout,
        sentinel_kwargs={"socket_timeout": cfg.redis_socket_timeout},
    )
    return sentinel.master_for(cfg.redis_service_name, socket_timeout=cfg.redis_socket_timeout, socket_connect_timeout=cfg.redis_socket_timeout, retry_on_timeout=True, health_check_interval=30)


def build_events_redis(cfg: Settings) -> Redis:
    """Pub/sub bus carrying live floor and waitlist events between replicas."""
    return Redis.from_url(cfg.events_redis_url, socket_timeout=cfg.redis_socket_timeout, socket_connect_timeout=2.0, health_check_interval=30)


class JsonCache:
    def __init__(self, redis: Redis, prefix: str = "tb") -> None:
        self._redis = redis
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:{key}"

    async def get(self, key: str) -> Any | None:
        raw = await self._redis.get(self._key(key))
        return json.loads(raw) if raw is not None else None

    async def set(self, key: str, value: Any, ttl: int) -> None:
        await self._redis.set(self._key(key), json.dumps(value, default=str), ex=ttl)

    async def invalidate(self, *keys: str) -> None:
        if keys:
            await self._redis.delete(*(self._key(k) for k in keys))


class RedisRateLimiter:
    """Fixed-window limiter whose counters are shared by every replica."""

    def __init__(self, redis: Redis, limit: int, window_seconds: int) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_seconds

    async def hit(self, bucket: str) -> None:
        window = int(time.time() // self._window)
        key = f"rl:{bucket}:{window}"
        pipe = self._redis.pipeline(transaction=True)
        pipe.incr(key)
        pipe.expire(key, self._window * 2)
        count, _ = await pipe.execute()
        if count > self._limit:
            raise RateLimitedError("too many requests", details={"retry_after": self._window})


class SlidingWindowLimiter:
    """Sliding-window limiter for the public booking widget."""

    def __init__(self, limit: int, window_seconds: float) -> None:
        self._limit = limit
        self._window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def check(self, key: str) -> None:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            raise RateLimitedError("too many booking attempts", details={"retry_after": int(self._window)})
        hits.append(now)
