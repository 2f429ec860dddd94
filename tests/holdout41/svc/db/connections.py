"""Connections: SQLAlchemy engine, asyncpg pool for the feed and trending tables, redis clients."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import async_sessionmaker, AsyncEngine, AsyncSession, create_async_engine

from svc.config import Settings


_engine: AsyncEngine | None = None
_sessionmaker: async_sessionmaker[AsyncSession] | None = None


def init_engine(settings: Settings) -> AsyncEngine:
    global _engine, _sessionmaker
    _engine = create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        pool_pre_ping=True,
        pool_recycle=1800,
    )
    _sessionmaker = async_sessionmaker(_engine, expire_on_commit=False)
    return _engine


def sessionmaker() -> async_sessionmaker[AsyncSession]:
    if _sessionmaker is None:
        raise RuntimeError("database engine not initialised")
    return _sessionmaker


async def get_session() -> AsyncIterator[AsyncSession]:
    async with sessionmaker()() as session:
        yield session


async def dispose_engine() -> None:
    if _engine is not None:
        await _engine.dispose()


FEED_SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_items (
    user_id    BIGINT NOT NULL,
    post_id    BIGINT NOT NULL,
    author_id  BIGINT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, post_id)
);
CREATE INDEX IF NOT EXISTS ix_feed_items_user_score ON feed_items (user_id, score DESC);
CREATE INDEX IF NOT EXISTS ix_feed_items_author ON feed_items (author_id);
CREATE INDEX IF NOT EXISTS ix_feed_items_post ON feed_items (post_id);

CREATE TABLE IF NOT EXISTS trending_snapshots (
    id          BIGSERIAL PRIMARY KEY,
    computed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    window_h    INTEGER NOT NULL,
    entries     JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_trending_snapshots_computed ON trending_snapshots (computed_at DESC);
"""


async def create_pool(settings: Settings) -> asyncpg.Pool:
    pool = await asyncpg.create_pool(
        dsn=settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=settings.pg_command_timeout,
        timeout=10,
        max_inactive_connection_lifetime=300,
    )
    async with pool.acquire(timeout=10) as conn:
        await conn.execute(FEED_SCHEMA)
    return pool


def create_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        max_connections=settings.redis_max_connections,
        health_check_interval=30,
    )


def create_pubsub_redis(settings: Settings) -> redis.Redis:
    # Subscriptions block on reads for as long as the channel is quiet, so the
    # socket read timeout is disabled here; liveness is checked with PING.
    return redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=None,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=15,
    )
