"""Raw asyncpg access for the append-heavy tables (audit log, bank payouts)."""
from __future__ import annotations

import asyncpg

from app.config import get_settings

DDL = """
CREATE TABLE IF NOT EXISTS audit_log (
    id            BIGSERIAL PRIMARY KEY,
    actor_id      INTEGER,
    action        TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    payload       JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_audit_log_created_at ON audit_log (created_at);
CREATE INDEX IF NOT EXISTS ix_audit_log_actor ON audit_log (actor_id, created_at);
CREATE INDEX IF NOT EXISTS ix_audit_log_entity ON audit_log (entity_type, entity_id, created_at);

CREATE TABLE IF NOT EXISTS payout_batches (
    id              BIGSERIAL PRIMARY KEY,
    pay_run_id      INTEGER NOT NULL UNIQUE,
    status          TEXT NOT NULL,
    file_path       TEXT,
    bank_reference  TEXT UNIQUE,
    total_cents     BIGINT NOT NULL,
    line_count      INTEGER NOT NULL,
    submitted_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS payout_lines (
    id              BIGSERIAL PRIMARY KEY,
    batch_id        BIGINT NOT NULL REFERENCES payout_batches (id),
    employee_id     INTEGER NOT NULL,
    amount_cents    BIGINT NOT NULL,
    account_token   TEXT NOT NULL,
    trace_number    TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    return_code     TEXT
);
CREATE INDEX IF NOT EXISTS ix_payout_lines_batch ON payout_lines (batch_id);
"""


async def create_pg_pool() -> asyncpg.Pool:
    settings = get_settings()
    pool = await asyncpg.create_pool(
        dsn=settings.raw_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=15,
        max_inactive_connection_lifetime=300,
    )
    async with pool.acquire(timeout=10) as conn:
        await conn.execute(DDL)
    return pool
