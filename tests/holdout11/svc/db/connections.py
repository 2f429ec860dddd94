"""Connection factories for Postgres (asyncpg and SQLAlchemy) and Redis."""
from __future__ import annotations

import functools
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import ParamSpec, TypeVar

import asyncpg
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings

P = ParamSpec("P")
T = TypeVar("T")


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.database_dsn,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        timeout=10.0,
        command_timeout=settings.db_command_timeout,
    )


def create_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.sqlalchemy_url,
        pool_size=10,
        max_overflow=5,
        pool_timeout=10,
        pool_pre_ping=True,
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def cache_redis(settings: Settings) -> Redis:
    """Shared cache, leader locks and floor pub/sub, behind Sentinel."""
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=settings.redis_socket_timeout)
    return sentinel.master_for(
        settings.redis_service,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def session_redis(settings: Settings) -> Redis:
    """Scanner sessions and device PINs."""
    return Redis.from_url(
        settings.session_redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


@asynccontextmanager
async def pooled(pool: asyncpg.Pool, timeout: float) -> AsyncIterator[asyncpg.Connection]:
    async with pool.acquire(timeout=timeout) as conn:
        yield conn


class PgRepository:
    """Base class for the asyncpg repositories."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._timeout = acquire_timeout

    def _conn(self) -> AbstractAsyncContextManager[asyncpg.Connection]:
        return pooled(self._pool, self._timeout)


def retry_serialization(attempts: int = 3) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """Re-run a transactional coroutine when Postgres aborts it on a serialization failure or deadlock."""

    def decorator(fn: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            for attempt in range(attempts):
                try:
                    return await fn(*args, **kwargs)
                except (asyncpg.SerializationError, asyncpg.DeadlockDetectedError):
                    if attempt == attempts - 1:
                        raise
                    time.sleep(0.05 * (attempt + 1))
            raise RuntimeError("unreachable")

        return wrapper

    return decorator
