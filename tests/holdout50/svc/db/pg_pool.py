"""asyncpg pool dedicated to the gate scan path (latency sensitive, raw SQL)."""
from __future__ import annotations

import asyncpg

from ..config import Settings

# Tables written by the gate scan path (managed outside Alembic).
GATE_DDL = """
CREATE TABLE IF NOT EXISTS access_media (
    uid          TEXT PRIMARY KEY,
    pass_id      BIGINT,
    ticket_id    BIGINT,
    blocked      BOOLEAN NOT NULL DEFAULT false,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS gate_scans (
    id           BIGSERIAL PRIMARY KEY,
    gate_id      TEXT NOT NULL,
    lift_id      INTEGER NOT NULL,
    media_uid    TEXT NOT NULL,
    pass_id      BIGINT,
    ticket_id    BIGINT,
    result       TEXT NOT NULL,
    scanned_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_gate_scans_lift_time ON gate_scans (lift_id, scanned_at);
CREATE INDEX IF NOT EXISTS ix_gate_scans_pass_time ON gate_scans (pass_id, scanned_at);

CREATE TABLE IF NOT EXISTS pass_daily_usage (
    pass_id      BIGINT NOT NULL,
    usage_date   DATE NOT NULL,
    rides        INTEGER NOT NULL DEFAULT 0,
    first_scan   TIMESTAMPTZ,
    PRIMARY KEY (pass_id, usage_date)
);
"""

_pool: asyncpg.Pool | None = None


async def init_gate_pool(settings: Settings) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        settings.gate_dsn,
        min_size=settings.gate_pool_min,
        max_size=settings.gate_pool_max,
        command_timeout=2.0,
        timeout=5.0,
        max_inactive_connection_lifetime=120,
    )
    async with _pool.acquire(timeout=5.0) as conn:
        await conn.execute(GATE_DDL)
    return _pool


def gate_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("gate pool not initialised")
    return _pool


async def close_gate_pool() -> None:
    if _pool is not None:
        await _pool.close()
