from __future__ import annotations

import asyncio
import functools
import logging
import random
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from typing import ParamSpec, TypeVar

import httpx
import redis.asyncio as aioredis




P = ParamSpec("P")
T = TypeVar("T")

log = logging.getLogger(__name__)

TRANSIENT = (httpx.TransportError, httpx.RemoteProtocolError, asyncio.TimeoutError)


def retry_async(
    attempts: int = 3,
    base_delay: float = 0.3,
    max_delay: float = 5.0,
    retry_on: tuple[type[BaseException], ...] = TRANSIENT,
) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    def decorator(func: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(1, attempts + 1):
                try:
                    return await func(*args, **kwargs)
                except retry_on as exc:
                    if attempt == attempts:
                        raise
                    delay = min(max_delay, base_delay * 2 ** (attempt - 1)) * (0.5 + random.random())
                    log.warning("retrying %s after %s (attempt %d)", func.__qualname__, exc, attempt)
                    await asyncio.sleep(delay)
            raise AssertionError("unreachable")

        return wrapper

    return decorator



class CircuitOpen(Exception):
    pass


class CircuitBreaker:
    """Consecutive-failure breaker with a half-open probe after `reset_after` seconds."""

    def __init__(self, name: str, failure_threshold: int = 5, reset_after: float = 30.0) -> None:
        self.name = name
        self._threshold = failure_threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    @property
    def is_open(self) -> bool:
        if self._opened_at is None:
            return False
        if time.monotonic() - self._opened_at >= self._reset_after:
            return False
        return True

    async def call(self, func: Callable[..., Awaitable[T]], *args, **kwargs) -> T:
        if self.is_open:
            raise CircuitOpen(self.name)
        try:
            result = await func(*args, **kwargs)
        except Exception:
            self._failures += 1
            if self._failures >= self._threshold:
                self._opened_at = time.monotonic()
            raise
        self._failures = 0
        self._opened_at = None
        return result


class LocalRateLimiter:
    """Sliding-window limiter kept in process memory."""

    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self._limit = limit
        self._window = window_seconds
        self._hits: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return False
        hits.append(now)
        return True


class RedisWindowLimiter:
    """Per-key request counter in redis for the public quote API."""

    def __init__(self, redis: aioredis.Redis, limit: int, window_seconds: int = 60) -> None:
        self._redis = redis
        self._limit = limit
        self._window = window_seconds

    async def allow(self, key: str) -> bool:
        bucket = f"rl:quote:{key}:{int(time.time()) // self._window}"
        current = int(await self._redis.get(bucket) or 0)
        if current >= self._limit:
            return False
        await self._redis.set(bucket, current + 1, ex=self._window)
        return True


class RedisConnectionQuota:
    """Caps concurrent websocket sessions per shipper across all replicas."""

    def __init__(self, redis: aioredis.Redis, limit: int) -> None:
        self._redis = redis
        self._limit = limit

    async def acquire(self, shipper_id: str) -> bool:
        key = f"wsq:{shipper_id}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 3600)
            count, _ = await pipe.execute()
        if count > self._limit:
            await self._redis.decr(key)
            return False
        return True

    async def release(self, shipper_id: str) -> None:
        await self._redis.decr(f"wsq:{shipper_id}")
