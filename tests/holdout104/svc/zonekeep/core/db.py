from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from zonekeep.core.settings import get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=20,
    max_overflow=10,
    pool_pre_ping=True,
    pool_timeout=10,
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


async def create_raw_pool() -> asyncpg.Pool:
    # timeout= is the connect timeout; command_timeout bounds each statement.
    return await asyncpg.create_pool(
        _settings.raw_database_dsn,
        min_size=2,
        max_size=10,
        timeout=10,
        command_timeout=30,
    )


async def dispose() -> None:
    await engine.dispose()
