"""DDL for the realtime tables managed with raw SQL (applied by the migrate command)."""
from __future__ import annotations

import asyncpg

REALTIME_DDL = """
CREATE TABLE IF NOT EXISTS stops (
    stop_id        TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    lat            DOUBLE PRECISION NOT NULL,
    lon            DOUBLE PRECISION NOT NULL,
    zone_id        TEXT,
    wheelchair     BOOLEAN DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS ix_stops_lower_name ON stops (lower(name) text_pattern_ops);
CREATE INDEX IF NOT EXISTS ix_stops_lat_lon ON stops (lat, lon);

CREATE TABLE IF NOT EXISTS routes (
    route_id       TEXT PRIMARY KEY,
    short_name     TEXT NOT NULL,
    long_name      TEXT,
    route_type     SMALLINT NOT NULL,
    color          TEXT
);

CREATE TABLE IF NOT EXISTS route_stops (
    route_id       TEXT NOT NULL,
    stop_id        TEXT NOT NULL,
    stop_sequence  INTEGER NOT NULL,
    PRIMARY KEY (route_id, stop_sequence)
);
CREATE INDEX IF NOT EXISTS ix_route_stops_stop ON route_stops (stop_id);

CREATE TABLE IF NOT EXISTS vehicle_positions (
    id             BIGSERIAL PRIMARY KEY,
    operator       TEXT NOT NULL,
    vehicle_id     TEXT NOT NULL,
    trip_id        TEXT,
    route_id       TEXT,
    lat            DOUBLE PRECISION NOT NULL,
    lon            DOUBLE PRECISION NOT NULL,
    bearing        REAL,
    speed          REAL,
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_vp_vehicle_time ON vehicle_positions (vehicle_id, recorded_at DESC);
CREATE INDEX IF NOT EXISTS ix_vp_route_time ON vehicle_positions (route_id, recorded_at DESC);
CREATE INDEX IF NOT EXISTS ix_vp_recorded_at ON vehicle_positions (recorded_at);

CREATE TABLE IF NOT EXISTS trip_updates (
    id             BIGSERIAL PRIMARY KEY,
    operator       TEXT NOT NULL,
    trip_id        TEXT NOT NULL,
    route_id       TEXT,
    schedule_relationship TEXT,
    delay_s        INTEGER,
    payload        JSONB,
    received_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_tu_route_time ON trip_updates (route_id, received_at DESC);

CREATE TABLE IF NOT EXISTS stop_arrivals (
    stop_id        TEXT NOT NULL,
    trip_id        TEXT NOT NULL,
    route_id       TEXT,
    predicted_at   TIMESTAMPTZ NOT NULL,
    scheduled_at   TIMESTAMPTZ,
    delay_s        INTEGER,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (stop_id, trip_id)
);
CREATE INDEX IF NOT EXISTS ix_arrivals_stop_time ON stop_arrivals (stop_id, predicted_at);
CREATE INDEX IF NOT EXISTS ix_arrivals_predicted ON stop_arrivals (predicted_at);

CREATE TABLE IF NOT EXISTS service_alerts (
    alert_id       TEXT PRIMARY KEY,
    operator       TEXT NOT NULL,
    severity       TEXT NOT NULL,
    header         TEXT NOT NULL,
    description    TEXT,
    route_ids      TEXT[] NOT NULL DEFAULT '{}',
    stop_ids       TEXT[] NOT NULL DEFAULT '{}',
    active_from    TIMESTAMPTZ,
    active_until   TIMESTAMPTZ,
    fanned_out_at  TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_alerts_pending ON service_alerts (fanned_out_at) WHERE fanned_out_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_alerts_routes ON service_alerts USING GIN (route_ids);

CREATE TABLE IF NOT EXISTS tap_events (
    id             BIGSERIAL PRIMARY KEY,
    card_number    TEXT NOT NULL,
    stop_id        TEXT NOT NULL,
    route_id       TEXT,
    tapped_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_tap_events_time ON tap_events (tapped_at);

CREATE TABLE IF NOT EXISTS ridership_daily (
    service_date   DATE NOT NULL,
    route_id       TEXT NOT NULL,
    stop_id        TEXT NOT NULL,
    boardings      INTEGER NOT NULL,
    PRIMARY KEY (service_date, route_id, stop_id)
);
"""


async def apply(conn: asyncpg.Connection) -> None:
    async with conn.transaction():
        await conn.execute(REALTIME_DDL)
