"""Process-wide connection factories: asyncpg pool, SQLAlchemy engine, redis."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings, get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_max,
    max_overflow=4,
    pool_timeout=_settings.db_acquire_timeout,
    pool_pre_ping=True,
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        timeout=10.0,
        command_timeout=settings.db_command_timeout,
    )


class PgRepository:
    """Base for repositories that talk to Postgres through the shared asyncpg pool."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def acquire(self) -> asyncpg.pool.PoolAcquireContext:
        return self._pool.acquire(timeout=self._acquire_timeout)


def build_cache_redis(settings: Settings) -> Redis:
    sentinel = Sentinel(
        settings.redis_sentinels,
        socket_timeout=0.5,
        sentinel_kwargs={"socket_timeout": 0.5},
    )
    return sentinel.master_for(
        settings.redis_master_name,
        socket_timeout=1.0,
        socket_connect_timeout=1.0,
        decode_responses=True,
    )


def build_lock_redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.lock_redis_url, socket_timeout=2.0, socket_connect_timeout=2.0)


def build_idempotency_redis(settings: Settings) -> Redis:
    return Redis(host=settings.idempotency_redis_host, port=settings.idempotency_redis_port, db=2, decode_responses=True)
