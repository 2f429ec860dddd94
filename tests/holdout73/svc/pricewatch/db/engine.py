"""Connection factories: SQLAlchemy engine, the raw asyncpg pool and redis."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import asyncpg
import redis.asyncio as redis
from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from pricewatch.config import Settings
from pricewatch.db.models import RAW_DDL

log = logging.getLogger(__name__)


def build_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=True,
        connect_args={"command_timeout": settings.pg_command_timeout},
    )


def build_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    factory: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with factory() as session:
        yield session


async def create_pool(settings: Settings) -> asyncpg.Pool:
    """asyncpg pool for the hot write path (price history) and the crawl queue."""
    pool = await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=2,
        max_size=settings.db_pool_size,
        command_timeout=settings.pg_command_timeout,
        timeout=settings.db_pool_timeout,
    )
    async with pool.acquire(timeout=settings.db_pool_timeout) as conn:
        for statement in RAW_DDL:
            await conn.execute(statement)
    log.info("asyncpg pool ready (max_size=%s)", settings.db_pool_size)
    return pool


def build_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
    )
