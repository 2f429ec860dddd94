"""Database engines and pools: the ORM engine and the raw asyncpg pool."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import settings

engine = create_async_engine(settings.database_url, pool_size=10, max_overflow=5, pool_timeout=10, pool_pre_ping=True)
SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def create_pg_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.asyncpg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        timeout=10,
        command_timeout=15,
    )


def get_pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pg_pool
