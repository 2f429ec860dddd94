"""Raw tables owned by the asyncpg side (courier telemetry and settlement ledger)."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg

from svc.config import settings


COURIER_DDL = """
CREATE TABLE IF NOT EXISTS couriers (
    id           BIGSERIAL PRIMARY KEY,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL UNIQUE,
    password_hash BYTEA NOT NULL,
    salt         BYTEA NOT NULL,
    status       TEXT NOT NULL DEFAULT 'offline',
    zone         TEXT NOT NULL,
    last_lat     DOUBLE PRECISION,
    last_lon     DOUBLE PRECISION,
    last_seen    TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_couriers_zone_status ON couriers (zone, status);

CREATE TABLE IF NOT EXISTS courier_pings (
    courier_id   BIGINT NOT NULL,
    order_id     BIGINT,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_courier_pings_courier_time ON courier_pings (courier_id, recorded_at DESC);
"""

LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS settlement_batches (
    id             BIGSERIAL PRIMARY KEY,
    restaurant_id  BIGINT NOT NULL,
    period_start   DATE NOT NULL,
    period_end     DATE NOT NULL,
    gross          NUMERIC(12, 2) NOT NULL,
    commission     NUMERIC(12, 2) NOT NULL,
    payout_ref     TEXT,
    status         TEXT NOT NULL DEFAULT 'open',
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (restaurant_id, period_start)
);

CREATE TABLE IF NOT EXISTS settlement_lines (
    batch_id    BIGINT NOT NULL REFERENCES settlement_batches(id),
    order_id    BIGINT NOT NULL,
    amount      NUMERIC(12, 2) NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_settlement_lines_batch ON settlement_lines (batch_id);
"""


_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        settings.pg_dsn, min_size=2, max_size=10, command_timeout=5, timeout=5
    )
    async with _pool.acquire() as conn:
        await conn.execute(COURIER_DDL)
        await conn.execute(LEDGER_DDL)
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pg pool not opened")
    return _pool


@asynccontextmanager
async def connection() -> AsyncIterator[asyncpg.Connection]:
    async with pool().acquire(timeout=settings.pg_acquire_timeout) as conn:
        yield conn


async def fetch_rows(sql: str, *args: Any) -> list[asyncpg.Record]:
    conn = await pool().acquire(timeout=settings.pg_acquire_timeout)
    rows = await conn.fetch(sql, *args)
    await pool().release(conn)
    return rows
