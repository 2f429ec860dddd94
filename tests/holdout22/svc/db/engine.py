"""Database connections: SQLAlchemy async engine and the asyncpg pool."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
import json

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import settings

engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5, pool_timeout=10, pool_pre_ping=True)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


@asynccontextmanager
async def replica_session() -> AsyncIterator[AsyncSession]:
    """Session against the read replica, used by landlord reports."""
    replica_engine = create_async_engine(settings.database_url.replace("@db:", "@db-replica:"), pool_pre_ping=True)
    async with AsyncSession(replica_engine, expire_on_commit=False) as session:
        yield session


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


class Database:
    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None

    async def connect(self) -> None:
        self.pool = await asyncpg.create_pool(
            settings.pg_dsn,
            min_size=settings.pg_pool_min,
            max_size=settings.pg_pool_max,
            timeout=10.0,
            command_timeout=15.0,
            init=_init_connection,
        )

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()

    @property
    def ready(self) -> asyncpg.Pool:
        if self.pool is None:
            raise RuntimeError("database pool not initialised")
        return self.pool


db = Database()


@asynccontextmanager
async def connection() -> AsyncIterator[asyncpg.Connection]:
    async with db.ready.acquire(timeout=settings.pg_acquire_timeout) as conn:
        yield conn
