"""asyncpg pool for the high-volume event tables (impressions, clicks, bid log)."""
from __future__ import annotations

import asyncpg

from adbid.config import Settings

EVENT_TABLES = """
CREATE TABLE IF NOT EXISTS impressions (
    id            BIGSERIAL PRIMARY KEY,
    impression_id UUID        NOT NULL,
    request_id    TEXT        NOT NULL,
    campaign_id   BIGINT      NOT NULL,
    creative_id   BIGINT      NOT NULL,
    exchange      TEXT        NOT NULL,
    price_micros  BIGINT      NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_impressions_impression_id ON impressions (impression_id);
CREATE INDEX IF NOT EXISTS ix_impressions_campaign_time ON impressions (campaign_id, occurred_at);

CREATE TABLE IF NOT EXISTS clicks (
    id            BIGSERIAL PRIMARY KEY,
    impression_id UUID        NOT NULL,
    campaign_id   BIGINT      NOT NULL,
    ip            INET,
    user_agent    TEXT,
    fraud_score   REAL,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_clicks_campaign_time ON clicks (campaign_id, occurred_at);

CREATE TABLE IF NOT EXISTS conversions (
    id            BIGSERIAL PRIMARY KEY,
    click_id      BIGINT      NOT NULL,
    campaign_id   BIGINT      NOT NULL,
    value_micros  BIGINT      NOT NULL DEFAULT 0,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_conversions_campaign_time ON conversions (campaign_id, occurred_at);

CREATE TABLE IF NOT EXISTS bid_log (
    request_id    TEXT PRIMARY KEY,
    exchange      TEXT        NOT NULL,
    campaign_id   BIGINT      NOT NULL,
    bid_micros    BIGINT      NOT NULL,
    won           BOOLEAN     NOT NULL DEFAULT false,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_bid_log_created ON bid_log (created_at);
"""


class EventsDatabase:
    def __init__(self, settings: Settings) -> None:
        self._dsn = settings.events_dsn
        self._pool: asyncpg.Pool | None = None

    async def start(self) -> None:
        self._pool = await asyncpg.create_pool(
            self._dsn,
            min_size=4,
            max_size=24,
            command_timeout=5,
            max_inactive_connection_lifetime=300,
        )
        try:
            async with self._pool.acquire(timeout=10) as conn:
                await conn.execute(EVENT_TABLES)
        except BaseException:
            await self._pool.close()
            self._pool = None
            raise

    async def stop(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("events database not started")
        return self._pool

    async def ping(self) -> bool:
        async with self.pool.acquire(timeout=1) as conn:
            return await conn.fetchval("SELECT 1") == 1
