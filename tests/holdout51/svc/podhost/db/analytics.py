"""Analytics database: DDL (raw SQL, applied by the migration job) and the asyncpg pool."""
from __future__ import annotations

import asyncpg

from podhost.config import Settings

DOWNLOADS_DDL = """
CREATE TABLE IF NOT EXISTS downloads (
    id            BIGSERIAL PRIMARY KEY,
    episode_id    BIGINT      NOT NULL,
    show_id       BIGINT      NOT NULL,
    dedupe_key    TEXT        NOT NULL,
    ip_hash       TEXT        NOT NULL,
    user_agent    TEXT        NOT NULL,
    app_name      TEXT,
    country       CHAR(2),
    bytes_served  BIGINT      NOT NULL DEFAULT 0,
    downloaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_downloads_dedupe ON downloads (dedupe_key);
CREATE INDEX IF NOT EXISTS ix_downloads_show_time ON downloads (show_id, downloaded_at);
"""

DAILY_DDL = """
CREATE TABLE IF NOT EXISTS daily_episode_downloads (
    episode_id BIGINT NOT NULL,
    show_id    BIGINT NOT NULL,
    day        DATE   NOT NULL,
    downloads  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (episode_id, day)
);
CREATE INDEX IF NOT EXISTS ix_daily_show_day ON daily_episode_downloads (show_id, day);
"""

PAYOUTS_DDL = """
CREATE TABLE IF NOT EXISTS payouts (
    id           BIGSERIAL PRIMARY KEY,
    creator_id   BIGINT NOT NULL,
    period       CHAR(7) NOT NULL,
    downloads    BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    status       TEXT   NOT NULL DEFAULT 'pending',
    provider_ref TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (creator_id, period)
);
"""

AD_IMPRESSIONS_DDL = """
CREATE TABLE IF NOT EXISTS ad_impressions (
    id           BIGSERIAL PRIMARY KEY,
    download_key TEXT   NOT NULL,
    campaign_id  TEXT   NOT NULL,
    episode_id   BIGINT NOT NULL,
    slot         TEXT   NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_ad_impressions_campaign ON ad_impressions (campaign_id, created_at);
"""

ALL_DDL = (DOWNLOADS_DDL, DAILY_DDL, PAYOUTS_DDL, AD_IMPRESSIONS_DDL)


async def apply(conn: asyncpg.Connection) -> None:
    async with conn.transaction():
        for ddl in ALL_DDL:
            await conn.execute(ddl)


_pool: asyncpg.Pool | None = None


async def open_pool(settings: Settings) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        settings.analytics_dsn,
        min_size=settings.analytics_pool_min,
        max_size=settings.analytics_pool_max,
        command_timeout=settings.analytics_command_timeout,
        timeout=5.0,
    )
    return _pool


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("analytics pool is not open")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
