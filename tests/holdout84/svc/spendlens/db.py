from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from .settings import Settings


class Database:
    """Owns the SQLAlchemy engine (ORM work) and an asyncpg pool (bulk and reporting SQL)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.engine = create_async_engine(
            settings.database_url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            pool_timeout=10,
            pool_pre_ping=True,
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False)
        self.pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(
            self._settings.pg_dsn,
            min_size=self._settings.pg_pool_min,
            max_size=self._settings.pg_pool_max,
            timeout=10,
            command_timeout=30,
        )

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()
        await self.engine.dispose()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        async with self.sessionmaker() as session:
            try:
                yield session
            except Exception:
                await session.rollback()
                raise

    async def ping(self) -> None:
        assert self.pool is not None
        async with self.pool.acquire(timeout=2) as conn:
            await conn.fetchval("SELECT 1")
