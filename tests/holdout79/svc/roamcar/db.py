"""Database access: the SQLAlchemy async engine for the ORM and an asyncpg pool for hot paths."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from .settings import get_settings


class Base(DeclarativeBase):
    pass


_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=10,
    max_overflow=5,
    pool_timeout=5,
    pool_pre_ping=True,
)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise


async def create_pg_pool() -> asyncpg.Pool:
    # `timeout` bounds opening each connection; acquire timeouts are passed per call below.
    return await asyncpg.create_pool(
        _settings.pg_dsn,
        min_size=_settings.pg_pool_min,
        max_size=_settings.pg_pool_max,
        timeout=10,
        command_timeout=15,
    )


async def fetch_all(pool: asyncpg.Pool, sql: str, *args: Any) -> list[asyncpg.Record]:
    async with pool.acquire(timeout=5) as conn:
        return await conn.fetch(sql, *args)


async def fetch_one(pool: asyncpg.Pool, sql: str, *args: Any) -> asyncpg.Record | None:
    async with pool.acquire(timeout=5) as connection:
        return await connection.fetchrow(sql, *args)
