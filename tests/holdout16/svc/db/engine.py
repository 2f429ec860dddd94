"""Connection pools: asyncpg for the hot paths and workers, SQLAlchemy for the campaign API."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings, settings


async def create_pg_pool(cfg: Settings) -> asyncpg.Pool:
    """Create the asyncpg pool shared by ingestion, reporting and the workers."""
    return await asyncpg.create_pool(
        dsn=cfg.database_dsn,
        min_size=cfg.db_pool_min,
        max_size=cfg.db_pool_max,
        timeout=cfg.db_connect_timeout,
        command_timeout=cfg.db_command_timeout,
    )


@asynccontextmanager
async def connection(pool: asyncpg.Pool) -> AsyncIterator[asyncpg.Connection]:
    """Borrow a connection, failing fast when the pool is exhausted."""
    async with pool.acquire(timeout=settings.db_acquire_timeout) as conn:
        yield conn


def create_engine_and_sessionmaker(url: str) -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    engine = create_async_engine(
        url,
        pool_size=10,
        max_overflow=5,
        pool_timeout=5,
        pool_pre_ping=True,
        pool_recycle=1800,
    )
    return engine, async_sessionmaker(engine, expire_on_commit=False)
