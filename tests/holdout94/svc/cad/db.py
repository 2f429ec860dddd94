from __future__ import annotations

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from .settings import Settings


def make_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def create_avl_pool(settings: Settings) -> asyncpg.Pool:
    # The AVL stream writes in large batches, so it gets its own raw pool.
    return await asyncpg.create_pool(
        settings.asyncpg_dsn,
        min_size=settings.avl_pool_min,
        max_size=settings.avl_pool_max,
        timeout=10,
        command_timeout=15,
    )


def make_redis(url: str) -> aioredis.Redis:
    return aioredis.from_url(
        url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
