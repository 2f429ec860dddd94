"""Engines and pools (SQLAlchemy, asyncpg, redis) plus the raw-SQL tables owned by the asyncpg side."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import async_sessionmaker, AsyncSession, create_async_engine

from .config import settings


engine = create_async_engine(
    settings.database_url,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_timeout=10,
    pool_pre_ping=True,
)
SessionLocal = async_sessionmaker(engine, expire_on_commit=False)

_raw_pool: asyncpg.Pool | None = None


async def init_raw_pool() -> asyncpg.Pool:
    global _raw_pool
    if _raw_pool is None:
        _raw_pool = await asyncpg.create_pool(
            settings.raw_dsn, min_size=2, max_size=10, command_timeout=15
        )
    return _raw_pool


def raw_pool() -> asyncpg.Pool:
    if _raw_pool is None:
        raise RuntimeError("raw pool not initialised")
    return _raw_pool


async def close_pools() -> None:
    global _raw_pool
    if _raw_pool is not None:
        await _raw_pool.close()
        _raw_pool = None
    await engine.dispose()


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


redis = aioredis.from_url(
    settings.redis_url,
    decode_responses=True,
    socket_timeout=2.0,
    socket_connect_timeout=2.0,
    health_check_interval=30,
    max_connections=50,
)


async def close_redis() -> None:
    await redis.aclose()


DDL = [
    """
    CREATE TABLE IF NOT EXISTS audit_events (
        id BIGSERIAL PRIMARY KEY,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_type TEXT NOT NULL,
        subject_id TEXT NOT NULL,
        detail JSONB NOT NULL DEFAULT '{}'::jsonb,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_audit_subject ON audit_events (subject_type, subject_id, created_at)",
    """
    CREATE TABLE IF NOT EXISTS visit_events (
        id BIGSERIAL PRIMARY KEY,
        room_id TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload JSONB,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS reminder_log (
        appointment_id TEXT NOT NULL,
        channel TEXT NOT NULL,
        sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (appointment_id, channel)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS pharmacy_webhooks (
        id BIGSERIAL PRIMARY KEY,
        external_ref TEXT NOT NULL,
        status TEXT NOT NULL,
        received_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_pharmacy_webhooks_ref ON pharmacy_webhooks (external_ref)",
]


async def apply_migrations(pool: asyncpg.Pool) -> None:
    async with pool.acquire(timeout=10) as conn:
        async with conn.transaction():
            for statement in DDL:
                await conn.execute(statement)
