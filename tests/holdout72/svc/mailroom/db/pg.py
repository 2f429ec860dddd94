"""Raw asyncpg pool for the high-volume event tables.

The ORM is fine for the control plane, but open/click/bounce events arrive at
tens of thousands per minute and go through plain SQL.
"""
from __future__ import annotations

import asyncpg

from mailroom.config import get_settings

DDL = """
CREATE TABLE IF NOT EXISTS email_events (
    id              BIGSERIAL PRIMARY KEY,
    tenant_id       UUID        NOT NULL,
    campaign_id     BIGINT      NOT NULL,
    message_id      BIGINT,
    kind            TEXT        NOT NULL,
    url             TEXT,
    user_agent      TEXT,
    ip              INET,
    country         TEXT,
    occurred_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_email_events_campaign_kind ON email_events (campaign_id, kind);
CREATE INDEX IF NOT EXISTS ix_email_events_occurred ON email_events (occurred_at);

CREATE TABLE IF NOT EXISTS provider_events (
    id                  BIGSERIAL PRIMARY KEY,
    provider            TEXT        NOT NULL,
    provider_message_id TEXT        NOT NULL,
    kind                TEXT        NOT NULL,
    recipient           TEXT        NOT NULL,
    payload             JSONB       NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    processed_at        TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_provider_events_unprocessed ON provider_events (received_at) WHERE processed_at IS NULL;

CREATE TABLE IF NOT EXISTS campaign_stats_hourly (
    campaign_id  BIGINT      NOT NULL,
    hour         TIMESTAMPTZ NOT NULL,
    opens        INTEGER     NOT NULL DEFAULT 0,
    clicks       INTEGER     NOT NULL DEFAULT 0,
    bounces      INTEGER     NOT NULL DEFAULT 0,
    complaints   INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, hour)
);
"""

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.events_dsn,
        min_size=settings.events_pool_min,
        max_size=settings.events_pool_max,
        command_timeout=15,
        timeout=10,
    )
    async with _pool.acquire(timeout=5) as conn:
        await conn.execute(DDL)
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("event pool not opened; is the lifespan running?")
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()
