"""Database engines: the SQLAlchemy engine for request handling and an asyncpg pool for bulk jobs."""
from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from svc.config import Settings, get_settings

_settings = get_settings()

engine: AsyncEngine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_timeout=_settings.db_pool_timeout,
    pool_pre_ping=True,
    pool_recycle=1800,
    connect_args={"command_timeout": _settings.db_command_timeout},
)

SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def create_raw_pool(settings: Settings) -> asyncpg.Pool:
    """Pool used by batch jobs that stream or COPY large result sets."""
    pool = await asyncpg.create_pool(
        dsn=settings.raw_database_dsn,
        min_size=1,
        max_size=4,
        timeout=10,
        command_timeout=settings.db_command_timeout,
    )
    return pool


async def dispose_engine() -> None:
    await engine.dispose()
