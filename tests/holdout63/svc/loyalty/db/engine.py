from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from loyalty.config import Settings

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


def session_factory() -> async_sessionmaker[AsyncSession]:
    if _sessionmaker is None:
        raise RuntimeError("database engine not initialised")
    return _sessionmaker


async def get_session() -> AsyncIterator[AsyncSession]:
    async with session_factory()() as session:
        yield session


async def dispose_engine() -> None:
    if _engine is not None:
        await _engine.dispose()


# Raw asyncpg pool used by the high-volume POS ingestion path.
SCHEMA = """
CREATE TABLE IF NOT EXISTS pos_transactions (
    id            BIGSERIAL PRIMARY KEY,
    store_id      TEXT NOT NULL,
    pos_txn_id    TEXT NOT NULL,
    member_id     BIGINT NOT NULL REFERENCES members(id),
    amount_cents  BIGINT NOT NULL,
    currency      CHAR(3) NOT NULL,
    points        INTEGER NOT NULL,
    fraud_score   REAL,
    status        TEXT NOT NULL DEFAULT 'accepted',
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_pos_txn_member ON pos_transactions (member_id, received_at DESC);

CREATE TABLE IF NOT EXISTS pos_line_items (
    id          BIGSERIAL PRIMARY KEY,
    txn_id      BIGINT NOT NULL REFERENCES pos_transactions(id),
    sku         TEXT NOT NULL,
    category    TEXT NOT NULL,
    qty         INTEGER NOT NULL,
    price_cents BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_line_items_txn ON pos_line_items (txn_id);

CREATE TABLE IF NOT EXISTS member_search (
    member_id   BIGINT PRIMARY KEY REFERENCES members(id),
    search_text TEXT NOT NULL
);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS ix_member_search_trgm ON member_search USING gin (search_text gin_trgm_ops);

CREATE TABLE IF NOT EXISTS segment_snapshots (
    id          BIGSERIAL PRIMARY KEY,
    campaign_id BIGINT NOT NULL,
    member_id   BIGINT NOT NULL,
    taken_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_segment_snapshots_campaign ON segment_snapshots (campaign_id, member_id);
"""


async def create_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=2,
        max_size=settings.db_pool_size,
        command_timeout=10,
        timeout=5,
    )


async def ensure_schema(pool: asyncpg.Pool) -> None:
    async with pool.acquire(timeout=10) as conn:
        await conn.execute(SCHEMA)
