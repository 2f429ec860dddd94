from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from .settings import get_settings


_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_pre_ping=True,
    pool_timeout=10,
)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def create_raw_pool() -> asyncpg.Pool:
    # `timeout` here bounds establishing each connection; acquires pass their own.
    return await asyncpg.create_pool(
        _settings.asyncpg_dsn,
        min_size=2,
        max_size=10,
        timeout=10,
        command_timeout=30,
    )


def create_redis() -> aioredis.Redis:
    settings = get_settings()
    return aioredis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
