"""Raw asyncpg pool for the hot paths (stock counts, waiting room, reminders)."""
from __future__ import annotations

import asyncpg

from svc.config import get_settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.pg_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=15,
        timeout=10,
    )
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pg pool not open")
    return _pool


DDL = """
CREATE TABLE IF NOT EXISTS waiting_room_events (
    id BIGSERIAL PRIMARY KEY,
    clinic_id INT NOT NULL,
    appointment_id INT NOT NULL,
    event TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_wre_clinic_created ON waiting_room_events (clinic_id, created_at);

CREATE TABLE IF NOT EXISTS refill_requests (
    id BIGSERIAL PRIMARY KEY,
    prescription_id INT NOT NULL,
    owner_id INT NOT NULL,
    status TEXT NOT NULL DEFAULT 'requested',
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_refill_requests_prescription ON refill_requests (prescription_id);

CREATE TABLE IF NOT EXISTS stock_movements (
    id BIGSERIAL PRIMARY KEY,
    clinic_id INT NOT NULL,
    drug_id INT NOT NULL,
    delta INT NOT NULL,
    reason TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_stock_movements_clinic_drug ON stock_movements (clinic_id, drug_id);
"""


async def ensure_schema() -> None:
    async with pool().acquire() as conn:
        await conn.execute(DDL)
