from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from svc.config import Settings

log = logging.getLogger(__name__)


class Database:
    """Owns the SQLAlchemy engine and the raw asyncpg pool for the process."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.engine: AsyncEngine | None = None
        self.sessionmaker: async_sessionmaker[AsyncSession] | None = None
        self.pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        s = self._settings
        self.engine = create_async_engine(
            s.database_url,
            pool_size=s.sa_pool_size,
            max_overflow=s.sa_max_overflow,
            pool_timeout=10,
            pool_pre_ping=True,
            pool_recycle=1800,
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self.pool = await asyncpg.create_pool(
            dsn=s.pg_dsn,
            min_size=s.pg_pool_min,
            max_size=s.pg_pool_max,
            timeout=10,
            command_timeout=s.pg_command_timeout,
        )
        log.info("database connected", extra={"pool_max": s.pg_pool_max})

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
        if self.engine is not None:
            await self.engine.dispose()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        assert self.pool is not None
        async with self.pool.acquire(timeout=self._settings.pg_acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        assert self.sessionmaker is not None
        async with self.sessionmaker() as session:
            yield session


@asynccontextmanager
async def reporting_session(settings: Settings) -> AsyncIterator[AsyncSession]:
    """Session on the read replica for heavy dashboard queries."""
    engine = create_async_engine(settings.reporting_database_url, pool_size=2)
    try:
        async with AsyncSession(engine) as session:
            yield session
    finally:
        await engine.dispose()
