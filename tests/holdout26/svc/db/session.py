"""SQLAlchemy async engine and session factory."""
from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import get_settings

_settings = get_settings()

engine: AsyncEngine = create_async_engine(
    _settings.sqlalchemy_url,
    pool_size=10,
    max_overflow=5,
    pool_timeout=5,
    pool_pre_ping=True,
)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def get_reporting_session() -> AsyncIterator[AsyncSession]:
    """Session bound to the read replica used by seller reports."""
    report_engine = create_async_engine(_settings.sqlalchemy_url.replace("@db:", "@db-replica:"))
    async with AsyncSession(report_engine) as session:
        yield session
