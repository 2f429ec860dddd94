"""Redis connections and a small distributed lock built on SET NX PX."""
from __future__ import annotations

import logging
import secrets
from contextlib import asynccontextmanager
from typing import AsyncIterator

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings

logger = logging.getLogger(__name__)

_RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def _sentinel_hosts() -> list[tuple[str, int]]:
    hosts = []
    for entry in settings.redis_sentinels:
        host, _, port = entry.partition(":")
        hosts.append((host, int(port or 26379)))
    return hosts


def create_redis() -> Redis:
    """Build the shared client; uses Sentinel when sentinels are configured."""
    if settings.redis_sentinels:
        sentinel = Sentinel(_sentinel_hosts(), socket_timeout=settings.redis_socket_timeout)
        return sentinel.master_for(settings.redis_master_name, socket_timeout=settings.redis_socket_timeout, decode_responses=True)
    return Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        health_check_interval=30,
        max_connections=200,
    )


class LockNotAcquired(Exception):
    pass


class RedisLock:
    """Best-effort mutual exclusion across replicas for scheduled jobs."""

    def __init__(self, redis: Redis, prefix: str = "lock:") -> None:
        self._redis = redis
        self._prefix = prefix

    async def acquire(self, name: str, ttl_ms: int) -> str | None:
        token = secrets.token_hex(16)
        ok = await self._redis.set(self._prefix + name, token, nx=True, px=ttl_ms)
        return token if ok else None

    async def release(self, name: str, token: str) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._prefix + name, token)

    @asynccontextmanager
    async def hold(self, name: str, ttl_ms: int) -> AsyncIterator[None]:
        token = await self.acquire(name, ttl_ms)
        if token is None:
            raise LockNotAcquired(name)
        try:
            yield
        finally:
            await self.release(name, token)


_CLAIM_OR_RENEW = """
local current = redis.call('get', KEYS[1])
if current == ARGV[1] then
    redis.call('pexpire', KEYS[1], ARGV[2])
    return 1
end
if not current then
    redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
    return 1
end
return 0
"""


class LeaderElection:
    """One leader per role across replicas; leadership lapses if not renewed within ttl."""

    def __init__(self, redis: Redis, role: str, ttl_ms: int = 10_000) -> None:
        self._redis = redis
        self._key = f"leader:{role}"
        self._ttl_ms = ttl_ms
        self._token = f"{settings.node_name}:{secrets.token_hex(4)}"

    async def is_leader(self) -> bool:
        result = await self._redis.eval(_CLAIM_OR_RENEW, 1, self._key, self._token, self._ttl_ms)
        return bool(result)

    async def resign(self) -> None:
        await self._redis.eval(_RELEASE_SCRIPT, 1, self._key, self._token)
