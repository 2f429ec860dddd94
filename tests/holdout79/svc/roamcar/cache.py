"""Redis helpers: client factory, quote cache and distributed locks."""
from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import LockError

QUOTE_TTL_SECONDS = 900

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class VehicleBusy(Exception):
    """Another request currently holds the vehicle's lock."""

    def __init__(self, vehicle_id: str) -> None:
        super().__init__(f"vehicle {vehicle_id} is busy")
        self.vehicle_id = vehicle_id


def create_redis(url: str) -> aioredis.Redis:
    return aioredis.from_url(
        url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
        max_connections=50,
    )


def quote_cache_key(branch_id: str, vehicle_class: str, starts_at: datetime, ends_at: datetime) -> str:
    return f"quote:{branch_id}:{vehicle_class}"


async def get_cached_quote(
    redis: aioredis.Redis, branch_id: str, vehicle_class: str, starts_at: datetime, ends_at: datetime
) -> dict[str, Any] | None:
    raw = await redis.get(quote_cache_key(branch_id, vehicle_class, starts_at, ends_at))
    return json.loads(raw) if raw else None


async def store_quote(redis: aioredis.Redis, quote: dict[str, Any], starts_at: datetime, ends_at: datetime) -> None:
    payload = json.dumps(quote)
    search_key = quote_cache_key(quote["pickup_branch_id"], quote["vehicle_class"], starts_at, ends_at)
    async with redis.pipeline(transaction=False) as pipe:
        pipe.set(search_key, payload, ex=QUOTE_TTL_SECONDS)
        pipe.set(f"quote:id:{quote['id']}", payload, ex=QUOTE_TTL_SECONDS)
        await pipe.execute()


class LeaderLock:
    """Single-runner lock for periodic jobs: SET NX PX with a token-checked release."""

    def __init__(self, redis: aioredis.Redis, name: str, ttl_ms: int) -> None:
        self._redis = redis
        self._key = f"leader:{name}"
        self._ttl_ms = ttl_ms
        self._token = secrets.token_hex(16)

    async def try_acquire(self) -> bool:
        return bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._key, self._token)


@contextlib.asynccontextmanager
async def vehicle_lock(
    redis: aioredis.Redis, vehicle_id: str, *, ttl: float = 15.0, wait: float = 10.0
) -> AsyncIterator[None]:
    lock = redis.lock(f"lock:vehicle:{vehicle_id}", timeout=ttl, blocking_timeout=wait)
    if not await lock.acquire():
        raise VehicleBusy(vehicle_id)
    try:
        yield
    finally:
        with contextlib.suppress(LockError):
            await lock.release()


@contextlib.asynccontextmanager
async def vehicle_pair_lock(redis: aioredis.Redis, first: str, second: str) -> AsyncIterator[None]:
    # Always lock in id order so two swaps over the same pair cannot wait on each other.
    low, high = sorted((first, second))
    async with vehicle_lock(redis, low):
        async with vehicle_lock(redis, high):
            yield
