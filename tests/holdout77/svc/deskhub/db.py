from __future__ import annotations

import socket

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from .settings import Settings


def build_engine(settings: Settings) -> AsyncEngine:
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=10,
        pool_pre_ping=True,
        pool_recycle=1800,
    )


def build_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def create_pg_pool(settings: Settings) -> asyncpg.Pool:
    """Raw asyncpg pool for the high-volume tables (door events, occupancy readings)."""
    return await asyncpg.create_pool(
        settings.pg_dsn,
        min_size=2,
        max_size=10,
        timeout=10,
        command_timeout=15,
        max_inactive_connection_lifetime=300,
    )


def build_redis(settings: Settings) -> Redis:
    return Redis.from_url(settings.redis_url, decode_responses=True, socket_timeout=5, socket_connect_timeout=3,
                          health_check_interval=30)


def build_pubsub_redis(settings: Settings) -> Redis:
    # Subscriptions sit idle for long stretches, so no read timeout here; aggressive TCP keepalives
    # and the periodic health check detect a dead connection instead.
    keepalive = {socket.TCP_KEEPIDLE: 30, socket.TCP_KEEPINTVL: 10, socket.TCP_KEEPCNT: 3}
    return Redis.from_url(settings.redis_url, decode_responses=True, socket_connect_timeout=3,
                          socket_keepalive=True, socket_keepalive_options=keepalive, health_check_interval=30)
