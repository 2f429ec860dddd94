"""Database access: SQLAlchemy async engine for the ORM, asyncpg pool for the hot raw-SQL tables."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase

from .settings import Settings


class Base(DeclarativeBase):
    pass


def build_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=10,
        pool_recycle=1800,
        pool_pre_ping=True,
        connect_args={"command_timeout": 15},
    )


def build_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)



async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=15,
        max_inactive_connection_lifetime=300,
    )


@asynccontextmanager
async def pg_connection(pool: asyncpg.Pool, timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with pool.acquire(timeout=timeout) as conn:
        yield conn
