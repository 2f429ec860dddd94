from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from payflow.settings import get_settings

_settings = get_settings()

engine: AsyncEngine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_pre_ping=True,
    pool_timeout=10,
)

SessionFactory = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


async def dispose_engine() -> None:
    await engine.dispose()


_pool: asyncpg.Pool | None = None


async def init_reporting_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    if _pool is None:
        _pool = await asyncpg.create_pool(
            dsn=settings.reporting_dsn,
            min_size=settings.reporting_pool_min,
            max_size=settings.reporting_pool_max,
            command_timeout=settings.reporting_command_timeout,
            timeout=10,
        )
    return _pool


def get_reporting_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("reporting pool not initialised")
    return _pool


async def close_reporting_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
