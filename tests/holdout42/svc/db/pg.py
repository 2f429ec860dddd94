from __future__ import annotations

import logging

import asyncpg

from svc.config import settings

logger = logging.getLogger(__name__)

# Tables owned by the raw-SQL side (high-volume, written by ingestion, read by workers).
# The ORM tables live in svc.db.models.

READINGS_DDL = """
CREATE TABLE IF NOT EXISTS readings (
    id          BIGSERIAL PRIMARY KEY,
    meter_id    BIGINT      NOT NULL REFERENCES meters(id),
    read_at     TIMESTAMPTZ NOT NULL,
    kwh         NUMERIC(14, 3) NOT NULL,
    source      VARCHAR(10) NOT NULL DEFAULT 'actual',
    gateway_id  VARCHAR(32),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_readings_meter_read_at ON readings (meter_id, read_at);
CREATE INDEX IF NOT EXISTS ix_readings_received_at ON readings (received_at);
"""

OUTAGES_DDL = """
CREATE TABLE IF NOT EXISTS outages (
    id          BIGSERIAL PRIMARY KEY,
    reference   VARCHAR(16) NOT NULL UNIQUE,
    postcode    VARCHAR(10) NOT NULL,
    severity    VARCHAR(10) NOT NULL,
    description TEXT,
    reported_by BIGINT REFERENCES accounts(id),
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_outages_started_at ON outages (started_at);
"""

EXPORT_JOBS_DDL = """
CREATE TABLE IF NOT EXISTS export_jobs (
    id           BIGSERIAL PRIMARY KEY,
    kind         VARCHAR(24) NOT NULL,
    params       JSONB NOT NULL DEFAULT '{}'::jsonb,
    status       VARCHAR(12) NOT NULL DEFAULT 'pending',
    requested_by VARCHAR(64) NOT NULL,
    object_url   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_export_jobs_status_created ON export_jobs (status, created_at);
"""

ALL_DDL = (READINGS_DDL, OUTAGES_DDL, EXPORT_JOBS_DDL)

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    if _pool is None:
        _pool = await asyncpg.create_pool(
            settings.pg_dsn,
            min_size=settings.pg_min_size,
            max_size=settings.pg_max_size,
            command_timeout=settings.pg_command_timeout,
            timeout=10,
        )
        async with _pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            for ddl in ALL_DDL:
                await conn.execute(ddl)
        logger.info("asyncpg pool ready (max_size=%s)", settings.pg_max_size)
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool used before open_pool()")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
