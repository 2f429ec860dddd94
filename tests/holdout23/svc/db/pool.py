"""Database access: asyncpg for hot paths, SQLAlchemy for the ORM-backed modules."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings, settings


async def create_pool(cfg: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn=cfg.database_dsn, min_size=cfg.db_pool_min_size, max_size=cfg.db_pool_max_size, timeout=cfg.db_connect_timeout, command_timeout=cfg.db_command_timeout)


class Database:
    """Thin wrapper that makes every checkout bounded in time."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.connection() as conn:
            async with conn.transaction():
                yield conn


engine = create_async_engine(settings.orm_dsn, pool_size=10, max_overflow=5, pool_timeout=5, pool_pre_ping=True)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session
