"""Database configurations: one engine per URL, made on first use and kept."""
from __future__ import annotations

import os
from abc import ABC, abstractmethod

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

_ENGINES: dict[str, AsyncEngine] = {}


class DatabaseConfig(ABC):
    """How to reach the database; subclasses know the driver."""

    def __init__(self, url: str) -> None:
        self.url = url

    @abstractmethod
    async def engine(self) -> AsyncEngine:
        """The engine for this configuration."""

    async def session(self) -> AsyncSession:
        return async_sessionmaker(await self.engine(), expire_on_commit=False)()


class PostgresConfig(DatabaseConfig):
    async def engine(self) -> AsyncEngine:
        if self.url not in _ENGINES:
            engine = create_async_engine(self.url, pool_pre_ping=True, pool_size=10)
            _ENGINES[self.url] = engine
        return _ENGINES[self.url]


class SqliteConfig(DatabaseConfig):
    async def engine(self) -> AsyncEngine:
        if self.url not in _ENGINES:
            _ENGINES[self.url] = create_async_engine(self.url)
        return _ENGINES[self.url]


def configured() -> DatabaseConfig:
    url = os.environ.get("LEDGER_DB_URL", "sqlite+aiosqlite:///ledger.db")
    return PostgresConfig(url) if url.startswith("postgresql") else SqliteConfig(url)
