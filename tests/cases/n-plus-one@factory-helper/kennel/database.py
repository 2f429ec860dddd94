"""Engine and session factory, built at startup and handed out by `session_factory()`."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

_factory: async_sessionmaker[AsyncSession] | None = None


def init(url: str) -> None:
    global _factory
    _factory = async_sessionmaker(create_async_engine(url), expire_on_commit=False)


def session_factory() -> async_sessionmaker[AsyncSession]:
    if _factory is None:
        raise RuntimeError("database not initialised")
    return _factory
