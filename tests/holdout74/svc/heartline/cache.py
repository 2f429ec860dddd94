"""Redis: client factory, JSON cache helpers, key builders, and locks."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import weakref
from collections.abc import AsyncIterator, Hashable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import date
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import LockError, RedisError

from .errors import Conflict
from .settings import Settings

try:
    import orjson
except ImportError:  # optional speed-up
    orjson = None

log = logging.getLogger(__name__)

ONLINE_ZSET = "presence:online"
NOTIFY_STREAM = "stream:notifications"


def create_redis(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
    )


def _encode(value: Any) -> str:
    if orjson is not None:
        return orjson.dumps(value).decode()
    return json.dumps(value, default=str)


class RedisCache:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def get_json(self, key: str) -> Any | None:
        try:
            raw = await self.redis.get(key)
        except RedisError as exc:
            log.warning("cache read failed for %s: %s", key, exc)
            return None
        return json.loads(raw) if raw is not None else None

    async def set_json(self, key: str, value: Any, ttl: int) -> None:
        try:
            await self.redis.set(key, _encode(value), ex=ttl)
        except RedisError as err:
            log.warning("cache write failed for %s: %s", key, err)

    async def delete(self, *keys: str) -> None:
        if keys:
            await self.redis.delete(*keys)


def profile_key(user_id: int) -> str:
    return f"profile:v3:{user_id}"


def premium_key(user_id: int) -> str:
    return f"premium:{user_id}"


def suggestions_key(user_id: int) -> str:
    return f"suggest:{user_id}"


def blocklist_key(user_id: int) -> str:
    return f"blocks:{user_id}"


def daily_likes_key(user_id: int, day: date) -> str:
    return f"quota:likes:{user_id}:{day.isoformat()}"


def superlike_key(user_id: int, day: date) -> str:
    return f"quota:superlikes:{user_id}:{day.isoformat()}"


class LockBusy(Conflict):
    code = "busy"


class KeyedLocks:
    def __init__(self) -> None:
        self._locks: weakref.WeakValueDictionary[Hashable, asyncio.Lock] = weakref.WeakValueDictionary()

    def _lock_for(self, key: Hashable) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    @asynccontextmanager
    async def hold(self, key: Hashable) -> AsyncIterator[None]:
        lock = self._lock_for(key)
        async with lock:
            yield

    @asynccontextmanager
    async def hold_many(self, *keys: int) -> AsyncIterator[None]:
        locks = [self._lock_for(key) for key in sorted(set(keys))]
        async with AsyncExitStack() as stack:
            for lock in locks:
                await stack.enter_async_context(lock)
            yield


@asynccontextmanager
async def redis_lock(redis: Redis, name: str, *, timeout: float, wait: float) -> AsyncIterator[None]:
    lock = redis.lock(name, timeout=timeout, blocking_timeout=wait)
    if not await lock.acquire():
        raise LockBusy(f"{name} is held by another request")
    try:
        yield
    finally:
        with contextlib.suppress(LockError):
            await lock.release()
