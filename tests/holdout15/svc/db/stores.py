"""Connection factories: the asyncpg pool used by the repositories and the redis clients."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


class Database:
    """Owns the asyncpg pool. One instance per process, created in the lifespan."""

    def __init__(self, dsn: str, *, min_size: int, max_size: int, acquire_timeout: float) -> None:
        self._dsn = dsn
        self._min_size = min_size
        self._max_size = max_size
        self.acquire_timeout = acquire_timeout
        self._pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        self._pool = await asyncpg.create_pool(
            self._dsn,
            min_size=self._min_size,
            max_size=self._max_size,
            timeout=10.0,
            command_timeout=15.0,
            max_inactive_connection_lifetime=300.0,
        )

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("database pool is not initialised")
        return self._pool

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.connection() as conn:
            async with conn.transaction():
                yield conn


def create_redis(settings: Settings) -> Redis:
    """Primary store: carts, rate limits, courier positions, leader locks."""
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=1.0, sentinel_kwargs={"socket_timeout": 1.0})
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        decode_responses=True,
        health_check_interval=30,
    )


def create_events_redis(settings: Settings) -> Redis:
    """Pub/sub bus for order events fanned out to the tracking websockets."""
    return Redis.from_url(settings.redis_pubsub_url, decode_responses=True, health_check_interval=30)
