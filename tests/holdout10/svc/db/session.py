"""Connections: SQLAlchemy for the ORM paths, an asyncpg pool for hot raw-SQL paths, and redis."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import settings

engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5, pool_timeout=10, pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


class Database:
    """Owns the asyncpg pool used by the raw-SQL repositories."""

    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        self._pool = await asyncpg.create_pool(settings.pg_dsn, min_size=settings.pg_pool_min, max_size=settings.pg_pool_max, timeout=10, command_timeout=30)

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
        async with self.pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.connection() as conn, conn.transaction():
            yield conn


db = Database()


def build_primary_redis() -> Redis:
    sentinel = Sentinel(settings.redis_sentinels, socket_timeout=settings.redis_socket_timeout)
    return sentinel.master_for(settings.redis_service_name, socket_timeout=settings.redis_socket_timeout, decode_responses=True)


def build_realtime_redis() -> Redis:
    return Redis.from_url(settings.realtime_redis_url, socket_timeout=5.0, socket_connect_timeout=2.0, decode_responses=True)
