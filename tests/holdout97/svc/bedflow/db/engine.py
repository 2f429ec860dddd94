from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from ..settings import Settings


def build_engine(settings: Settings) -> AsyncEngine:
    # One engine per process; the pool is shared by every request.
    return create_async_engine(
        settings.database_url,
        pool_size=10,
        max_overflow=5,
        pool_timeout=5,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def build_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    # timeout= is the connect timeout; command_timeout bounds each statement.
    return await asyncpg.create_pool(
        settings.pg_dsn,
        min_size=settings.pool_min,
        max_size=settings.pool_max,
        timeout=10,
        command_timeout=15,
    )
