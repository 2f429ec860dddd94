"""Database access: the asyncpg pool used on the hot paths and the SQLAlchemy 2.0 async
engine for the ORM-managed tables (alert rules, alerts, firmware)."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.settings import Settings, get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.orm_database_url,
    pool_size=5,
    max_overflow=5,
    pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=1800,
)

SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def dispose_engine() -> None:
    await engine.dispose()


async def create_pool(settings: Settings) -> asyncpg.Pool:
    """Create the application pool.

    ``timeout`` bounds connection set-up, ``command_timeout`` every statement; the
    acquire timeout is applied per checkout in :meth:`Database.connection`.
    """
    return await asyncpg.create_pool(
        dsn=settings.database_dsn,
        min_size=settings.db_pool_min_size,
        max_size=settings.db_pool_max_size,
        timeout=settings.db_connect_timeout,
        command_timeout=settings.db_command_timeout,
        max_inactive_connection_lifetime=300,
    )


class Database:
    def __init__(self, pool: asyncpg.Pool, *, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    @property
    def pool(self) -> asyncpg.Pool:
        return self._pool

    @property
    def acquire_timeout(self) -> float:
        return self._acquire_timeout

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._pool.acquire(timeout=self._acquire_timeout) as conn:
            yield conn

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self.connection() as conn:
            async with conn.transaction():
                yield conn

    async def close(self) -> None:
        await self._pool.close()


class BaseRepository:
    """Shared plumbing for the asyncpg repositories."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def ping(self) -> bool:
        async with self._db.connection() as conn:
            return await conn.fetchval("SELECT 1") == 1
