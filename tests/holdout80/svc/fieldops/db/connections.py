from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from fieldops.settings import Settings


def build_engine(settings: Settings) -> AsyncEngine:
    # One engine per process; built in the lifespan and disposed on shutdown.
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def build_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        settings.asyncpg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=15,
        max_inactive_connection_lifetime=300,
    )


async def fetch_scalar(pool: asyncpg.Pool, sql: str, *args):
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetchval(sql, *args)
