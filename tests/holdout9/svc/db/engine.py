from __future__ import annotations

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import Settings


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    """Create the shared asyncpg pool; `timeout` bounds the initial connect."""
    return await asyncpg.create_pool(
        dsn=settings.database_dsn,
        min_size=settings.db_pool_min,
        max_size=settings.db_pool_max,
        timeout=settings.db_connect_timeout,
        command_timeout=settings.db_command_timeout,
        server_settings={"application_name": "claims-api"},
    )


def build_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_max,
        max_overflow=5,
        pool_timeout=settings.db_acquire_timeout,
        pool_pre_ping=True,
        connect_args={"command_timeout": settings.db_command_timeout},
    )


def build_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
