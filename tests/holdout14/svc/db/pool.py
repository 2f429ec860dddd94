"""Database pools: asyncpg for hot paths, SQLAlchemy for the ORM layer."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings


class Database:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.acquire_timeout = settings.db_acquire_timeout
        self.pool: asyncpg.Pool | None = None
        self.engine: AsyncEngine | None = None
        self.sessions: async_sessionmaker[AsyncSession] | None = None

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(
            dsn=self._settings.database_url,
            min_size=self._settings.db_pool_min,
            max_size=self._settings.db_pool_max,
            timeout=self._settings.db_connect_timeout,
            command_timeout=self._settings.db_command_timeout,
        )
        self.engine = create_async_engine(
            self._settings.sqlalchemy_url,
            pool_size=self._settings.db_pool_max,
            max_overflow=5,
            pool_timeout=self._settings.db_acquire_timeout,
            pool_pre_ping=True,
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
        if self.engine is not None:
            await self.engine.dispose()

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        assert self.pool is not None
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        assert self.sessions is not None
        async with self.sessions() as session:
            yield session
