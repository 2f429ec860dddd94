"""Database access: SQLAlchemy async engine for the ORM side, and a raw asyncpg
pool used by the hot paths (odds history, settlement ledger)."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import asyncpg

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import get_settings

logger = logging.getLogger(__name__)
_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_timeout=5,
    pool_pre_ping=True,
    pool_recycle=1800,
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


async def dispose_engine() -> None:
    await engine.dispose()


class PgPool:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        s = get_settings()
        self._pool = await asyncpg.create_pool(
            dsn=s.pg_dsn,
            min_size=s.pg_pool_min,
            max_size=s.pg_pool_max,
            command_timeout=10,
            max_inactive_connection_lifetime=300,
        )
        logger.info("asyncpg pool ready (max=%d)", s.pg_pool_max)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("pg pool not opened")
        return self._pool


pg = PgPool()
