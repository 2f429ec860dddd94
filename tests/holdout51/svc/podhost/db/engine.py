"""SQLAlchemy async engine and session factory for catalogue data."""
from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from podhost.config import get_settings

_settings = get_settings()

engine: AsyncEngine = create_async_engine(
    _settings.catalogue_dsn,
    pool_size=_settings.catalogue_pool_size,
    max_overflow=_settings.catalogue_max_overflow,
    pool_timeout=5,
    pool_pre_ping=True,
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False, class_=AsyncSession)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


async def dispose_engine() -> None:
    await engine.dispose()
