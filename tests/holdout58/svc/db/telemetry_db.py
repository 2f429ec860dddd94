"""Telemetry database: asyncpg pool (raw SQL, COPY-friendly) and the DDL the repositories rely on."""
from __future__ import annotations

import asyncpg

from ..config import Settings


async def create_telemetry_pool(settings: Settings) -> asyncpg.Pool:
    return await asyncpg.create_pool(
        settings.telemetry_dsn,
        min_size=2,
        max_size=20,
        timeout=10,
        command_timeout=30,
        max_inactive_connection_lifetime=300,
    )


TELEMETRY_DDL = """
CREATE TABLE IF NOT EXISTS telemetry_points (
    device_id   text             NOT NULL,
    metric      text             NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL
);
CREATE INDEX IF NOT EXISTS telemetry_points_device_ts_idx
    ON telemetry_points (device_id, ts DESC);
CREATE INDEX IF NOT EXISTS telemetry_points_ts_brin
    ON telemetry_points USING brin (ts);

CREATE TABLE IF NOT EXISTS telemetry_hourly (
    device_id text             NOT NULL,
    metric    text             NOT NULL,
    bucket    timestamptz      NOT NULL,
    avg_value double precision NOT NULL,
    min_value double precision NOT NULL,
    max_value double precision NOT NULL,
    samples   integer          NOT NULL,
    PRIMARY KEY (device_id, metric, bucket)
);

CREATE TABLE IF NOT EXISTS device_events (
    id        bigserial   PRIMARY KEY,
    device_id text        NOT NULL,
    kind      text        NOT NULL,
    ts        timestamptz NOT NULL,
    payload   jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX IF NOT EXISTS device_events_device_kind_ts_idx
    ON device_events (device_id, kind, ts DESC);

CREATE TABLE IF NOT EXISTS command_log (
    id          bigserial   PRIMARY KEY,
    command_id  uuid        NOT NULL UNIQUE,
    device_id   text        NOT NULL,
    technician  text        NOT NULL,
    name        text        NOT NULL,
    args        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    issued_at   timestamptz NOT NULL,
    acked_at    timestamptz,
    result      jsonb
);
CREATE INDEX IF NOT EXISTS command_log_device_issued_idx ON command_log (device_id, issued_at DESC);
"""


async def apply(pool: asyncpg.Pool) -> None:
    async with pool.acquire(timeout=30) as conn:
        await conn.execute(TELEMETRY_DDL)
