"""Raw asyncpg pool used by the notification outbox and reporting paths, plus its DDL."""
from __future__ import annotations

from typing import Any

import asyncpg

from ..config import Settings


_pool: asyncpg.Pool | None = None


async def init_pool(settings: Settings) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=15,
        max_inactive_connection_lifetime=300,
    )
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not initialised")
    return _pool


async def fetch(query: str, *args: Any) -> list[asyncpg.Record]:
    async with pool().acquire(timeout=5) as conn:
        return await conn.fetch(query, *args)


async def execute(query: str, *args: Any) -> str:
    async with pool().acquire(timeout=5) as conn:
        return await conn.execute(query, *args)


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


# DDL for the tables that are managed outside the ORM (raw asyncpg access).

OUTBOX_DDL = """
CREATE TABLE IF NOT EXISTS notification_outbox (
    id          BIGSERIAL PRIMARY KEY,
    flight_id   BIGINT NOT NULL,
    booking_id  BIGINT,
    channel     TEXT NOT NULL,
    payload     JSONB NOT NULL,
    status      TEXT NOT NULL DEFAULT 'PENDING',
    attempts    INT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_outbox_status_created ON notification_outbox (status, created_at);
"""

DELAY_EVENTS_DDL = """
CREATE TABLE IF NOT EXISTS delay_events (
    id           BIGSERIAL PRIMARY KEY,
    flight_id    BIGINT NOT NULL,
    delay_min    INT NOT NULL,
    reason_code  TEXT,
    notified     BOOLEAN NOT NULL DEFAULT false,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_delay_events_pending ON delay_events (notified, recorded_at);
CREATE INDEX IF NOT EXISTS ix_delay_events_flight ON delay_events (flight_id);
"""

PARTNER_CALLBACKS_DDL = """
CREATE TABLE IF NOT EXISTS partner_callbacks (
    id           BIGSERIAL PRIMARY KEY,
    partner      TEXT NOT NULL,
    external_ref TEXT NOT NULL,
    body         JSONB NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

ALL_DDL = (OUTBOX_DDL, DELAY_EVENTS_DDL, PARTNER_CALLBACKS_DDL)
