from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session, sessionmaker

from svc.settings import get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_timeout=_settings.db_pool_timeout,
    pool_pre_ping=True,
    pool_recycle=1800,
)

SessionLocal = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)

# Manifest and reconciliation reports run inside worker threads and use a
# small synchronous pool of their own so they never starve the API pool.
reporting_engine = create_engine(
    _settings.reporting_database_url,
    pool_size=2,
    max_overflow=0,
    pool_timeout=10,
    pool_pre_ping=True,
)

ReportingSession = sessionmaker(reporting_engine, class_=Session, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """FastAPI dependency yielding one session per request."""
    async with SessionLocal() as session:
        yield session


async def dispose_engines() -> None:
    await engine.dispose()
    await asyncio.to_thread(reporting_engine.dispose)
