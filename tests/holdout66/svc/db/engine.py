from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from svc.config import settings

engine: AsyncEngine = create_async_engine(
    settings.database_url,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_timeout=10,
    pool_pre_ping=True,
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


def reporting_session() -> AsyncSession:
    """A session bound to a dedicated engine for long reporting queries."""
    reporting_engine = create_async_engine(settings.database_url, pool_size=2, max_overflow=0)
    return async_sessionmaker(reporting_engine, expire_on_commit=False)()
