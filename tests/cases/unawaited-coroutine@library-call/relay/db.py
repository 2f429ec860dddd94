"""Connections shared by the workers."""
from __future__ import annotations

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine


def make_redis(url: str) -> Redis:
    return Redis.from_url(url, socket_timeout=2.0)


async def make_pool(dsn: str) -> asyncpg.Pool:
    return await asyncpg.create_pool(dsn, min_size=1, max_size=5)


def make_sessions(dsn: str) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(create_async_engine(dsn), expire_on_commit=False)
