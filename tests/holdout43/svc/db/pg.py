"""Raw asyncpg pool and DDL for the tables managed with raw SQL (scheduling, postings, analytics)."""
from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import asyncpg

from svc.config import get_settings

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    s = get_settings()
    _pool = await asyncpg.create_pool(
        dsn=s.raw_dsn,
        min_size=s.pg_min_size,
        max_size=s.pg_max_size,
        command_timeout=s.pg_command_timeout,
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


@contextlib.asynccontextmanager
async def connection() -> AsyncIterator[asyncpg.Connection]:
    async with pool().acquire(timeout=get_settings().pg_acquire_timeout) as conn:
        yield conn


DDL = [
    """
    CREATE TABLE IF NOT EXISTS interviews (
        id            BIGSERIAL PRIMARY KEY,
        application_id BIGINT NOT NULL REFERENCES applications(id),
        interviewer_id BIGINT NOT NULL,
        starts_at     TIMESTAMPTZ NOT NULL,
        ends_at       TIMESTAMPTZ NOT NULL,
        kind          TEXT NOT NULL DEFAULT 'onsite',
        calendar_event_id TEXT,
        status        TEXT NOT NULL DEFAULT 'scheduled',
        created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_interviews_application ON interviews (application_id)",
    "CREATE INDEX IF NOT EXISTS ix_interviews_starts ON interviews (starts_at)",
    """
    CREATE TABLE IF NOT EXISTS interview_reminders (
        id            BIGSERIAL PRIMARY KEY,
        interview_id  BIGINT NOT NULL REFERENCES interviews(id),
        channel       TEXT NOT NULL,
        due_at        TIMESTAMPTZ NOT NULL,
        sent_at       TIMESTAMPTZ
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_reminders_due ON interview_reminders (due_at) WHERE sent_at IS NULL",
    """
    CREATE TABLE IF NOT EXISTS job_postings (
        id            BIGSERIAL PRIMARY KEY,
        job_id        BIGINT NOT NULL REFERENCES jobs(id),
        board         TEXT NOT NULL,
        external_id   TEXT,
        state         TEXT NOT NULL DEFAULT 'pending',
        attempts      INT NOT NULL DEFAULT 0,
        last_error    TEXT,
        updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (job_id, board)
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_postings_state ON job_postings (state, updated_at)",
    """
    CREATE TABLE IF NOT EXISTS pipeline_daily (
        company_id    BIGINT NOT NULL,
        job_id        BIGINT NOT NULL,
        day           DATE NOT NULL,
        stage         TEXT NOT NULL,
        entered       INT NOT NULL DEFAULT 0,
        PRIMARY KEY (company_id, job_id, day, stage)
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS stage_events (
        id            BIGSERIAL PRIMARY KEY,
        company_id    BIGINT NOT NULL,
        application_id BIGINT NOT NULL,
        job_id        BIGINT NOT NULL,
        from_stage    TEXT,
        to_stage      TEXT NOT NULL,
        at            TIMESTAMPTZ NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX IF NOT EXISTS ix_stage_events_company_at ON stage_events (company_id, at)",
    "CREATE INDEX IF NOT EXISTS ix_stage_events_job ON stage_events (job_id, application_id, at)",
    """
    CREATE TABLE IF NOT EXISTS report_subscribers (
        company_id    BIGINT NOT NULL,
        email         TEXT NOT NULL,
        PRIMARY KEY (company_id, email)
    )
    """,
]


async def migrate() -> None:
    async with connection() as conn:
        async with conn.transaction():
            for statement in DDL:
                await conn.execute(statement)
