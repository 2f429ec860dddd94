"""asyncpg pool for the results store."""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

import asyncpg

from ..config import get_settings

log = logging.getLogger(__name__)

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.results_dsn,
        min_size=settings.pg_pool_min,
        max_size=settings.pg_pool_max,
        command_timeout=30,
        max_inactive_connection_lifetime=300,
    )
    log.info("results pool open (max=%s)", settings.pg_pool_max)
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("results pool is not open")
    return _pool


@asynccontextmanager
async def connection(timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with pool().acquire(timeout=timeout) as conn:
        yield conn


@asynccontextmanager
async def transaction(timeout: float = 5.0) -> AsyncIterator[asyncpg.Connection]:
    async with pool().acquire(timeout=timeout) as conn, conn.transaction():
        yield conn


# DDL for the results store (applied by the migration runner).
RESULTS_DDL = """
CREATE TABLE IF NOT EXISTS samples (
    id              BIGSERIAL PRIMARY KEY,
    accession_no    TEXT NOT NULL UNIQUE,
    clinic_id       INTEGER NOT NULL,
    order_id        BIGINT NOT NULL,
    patient_mrn     TEXT NOT NULL,
    patient_name    TEXT NOT NULL,
    patient_dob     DATE NOT NULL,
    specimen_type   TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'received',
    collected_at    TIMESTAMPTZ NOT NULL,
    received_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_samples_clinic_received ON samples (clinic_id, received_at);
CREATE INDEX IF NOT EXISTS ix_samples_order ON samples (order_id);
CREATE INDEX IF NOT EXISTS ix_samples_mrn ON samples (patient_mrn);

CREATE TABLE IF NOT EXISTS results (
    id              BIGSERIAL PRIMARY KEY,
    sample_id       BIGINT NOT NULL REFERENCES samples(id),
    instrument_id   TEXT NOT NULL,
    analyte         TEXT NOT NULL,
    loinc           TEXT,
    value_num       DOUBLE PRECISION,
    value_text      TEXT,
    units           TEXT,
    flag            TEXT,
    status          TEXT NOT NULL DEFAULT 'preliminary',
    resulted_at     TIMESTAMPTZ NOT NULL,
    verified_by     TEXT,
    verified_at     TIMESTAMPTZ,
    UNIQUE (sample_id, analyte, instrument_id)
);
CREATE INDEX IF NOT EXISTS ix_results_sample ON results (sample_id);
CREATE INDEX IF NOT EXISTS ix_results_resulted_at ON results (resulted_at);

CREATE TABLE IF NOT EXISTS qc_runs (
    id              BIGSERIAL PRIMARY KEY,
    instrument_id   TEXT NOT NULL,
    analyte         TEXT NOT NULL,
    level           TEXT NOT NULL,
    value_num       DOUBLE PRECISION NOT NULL,
    run_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_qc_runs_instr_analyte_time ON qc_runs (instrument_id, analyte, run_at DESC);

CREATE TABLE IF NOT EXISTS review_cases (
    id              BIGSERIAL PRIMARY KEY,
    sample_id       BIGINT NOT NULL REFERENCES samples(id),
    reason          TEXT NOT NULL,
    priority        SMALLINT NOT NULL DEFAULT 5,
    status          TEXT NOT NULL DEFAULT 'pending',
    claimed_by      TEXT,
    claimed_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_review_cases_status_priority ON review_cases (status, priority, created_at);

CREATE TABLE IF NOT EXISTS deliveries (
    id              BIGSERIAL PRIMARY KEY,
    sample_id       BIGINT NOT NULL REFERENCES samples(id),
    clinic_id       INTEGER NOT NULL,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_deliveries_sample ON deliveries (sample_id);

CREATE TABLE IF NOT EXISTS critical_alerts (
    id              BIGSERIAL PRIMARY KEY,
    result_id       BIGINT NOT NULL REFERENCES results(id),
    clinic_id       INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open',
    attempts        INTEGER NOT NULL DEFAULT 0,
    acknowledged_by TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_critical_alerts_status_created ON critical_alerts (status, created_at);

CREATE TABLE IF NOT EXISTS reference_ranges (
    analyte         TEXT NOT NULL,
    sex             CHAR(1) NOT NULL,
    age_band        TEXT NOT NULL,
    low             DOUBLE PRECISION,
    high            DOUBLE PRECISION,
    critical_low    DOUBLE PRECISION,
    critical_high   DOUBLE PRECISION,
    units           TEXT,
    PRIMARY KEY (analyte, age_band, sex)
);

CREATE TABLE IF NOT EXISTS audit_log (
    id              BIGSERIAL PRIMARY KEY,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    detail          JSONB,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_audit_entity ON audit_log (entity, entity_id, created_at);
CREATE INDEX IF NOT EXISTS ix_audit_actor ON audit_log (actor, created_at);

CREATE TABLE IF NOT EXISTS billing_lines (
    id              BIGSERIAL PRIMARY KEY,
    sample_id       BIGINT NOT NULL REFERENCES samples(id),
    cpt_code        TEXT NOT NULL,
    units           INTEGER NOT NULL DEFAULT 1,
    exported_at     TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_billing_lines_unexported ON billing_lines (exported_at) WHERE exported_at IS NULL;
"""
