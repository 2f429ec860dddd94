"""asyncpg pool and DDL for the raw-SQL paths (audit, registry checks, reconciliation)."""
from __future__ import annotations

import asyncpg

_pool: asyncpg.Pool | None = None


async def open_pool(dsn: str) -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(dsn, min_size=2, max_size=15, timeout=10, command_timeout=30)
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("database pool not initialised")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None


AUDIT_DDL = """
CREATE TABLE IF NOT EXISTS audit_events (
    id BIGSERIAL PRIMARY KEY,
    actor_type TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_audit_subject ON audit_events (subject_type, subject_id);
"""

REGISTRY_DDL = """
CREATE TABLE IF NOT EXISTS registry_checks (
    id BIGSERIAL PRIMARY KEY,
    prescription_id BIGINT NOT NULL,
    patient_id BIGINT NOT NULL,
    risk_score INT,
    flags TEXT[] NOT NULL DEFAULT '{}',
    checked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_registry_checks_rx ON registry_checks (prescription_id);
"""

RECON_DDL = """
CREATE TABLE IF NOT EXISTS reconciliation_runs (
    id BIGSERIAL PRIMARY KEY,
    run_date DATE NOT NULL UNIQUE,
    matched INT NOT NULL DEFAULT 0,
    unmatched INT NOT NULL DEFAULT 0,
    finished_at TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS delivery_events (
    id BIGSERIAL PRIMARY KEY,
    courier_job_id TEXT NOT NULL,
    status TEXT NOT NULL,
    lat DOUBLE PRECISION,
    lng DOUBLE PRECISION,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""


async def ensure_schema(conn: asyncpg.Connection) -> None:
    async with conn.transaction():
        for ddl in (AUDIT_DDL, REGISTRY_DDL, RECON_DDL):
            await conn.execute(ddl)
