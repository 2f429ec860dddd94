"""Connections: the SQLAlchemy engine, the asyncpg pool for hot paths, and the shared redis client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from .config import get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=20,
    max_overflow=10,
    pool_timeout=5,
    pool_pre_ping=True,
    pool_recycle=1800,
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


_pool: asyncpg.Pool | None = None


async def init_pool(dsn: str) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        dsn,
        min_size=4,
        max_size=20,
        timeout=5,
        command_timeout=10,
        max_inactive_connection_lifetime=300,
    )
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not initialised")
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


redis = Redis.from_url(
    _settings.redis_url,
    decode_responses=True,
    socket_timeout=2.0,
    socket_connect_timeout=2.0,
    max_connections=64,
    health_check_interval=30,
)


async def close_redis() -> None:
    await redis.aclose()
