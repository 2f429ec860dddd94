"""Database engines and pools, created once per process in the lifespan."""
from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import settings

engine: AsyncEngine = create_async_engine(
    settings.database_url,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_timeout=settings.db_pool_timeout,
    pool_pre_ping=True,
    pool_recycle=1800,
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


class PgPool:
    """Holder so the asyncpg pool is created in the lifespan and injected."""

    pool: asyncpg.Pool

    async def open(self) -> None:
        self.pool = await asyncpg.create_pool(
            settings.pg_dsn,
            min_size=settings.pg_pool_min,
            max_size=settings.pg_pool_max,
            timeout=10,
            command_timeout=settings.pg_command_timeout,
        )

    async def close(self) -> None:
        await self.pool.close()


pg = PgPool()
