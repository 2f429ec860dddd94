-- Raw telemetry readings written by the ingest worker (append-only, pruned after 90 days).
CREATE TABLE IF NOT EXISTS telemetry_readings (
    id           BIGSERIAL PRIMARY KEY,
    vehicle_id   UUID        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL,
    lat          DOUBLE PRECISION NOT NULL,
    lon          DOUBLE PRECISION NOT NULL,
    fuel_pct     REAL,
    charge_pct   REAL,
    odometer_km  INTEGER,
    speed_kph    REAL
);

-- Readings arrive in time order, so a BRIN index keeps pruning and time-range scans cheap.
CREATE INDEX IF NOT EXISTS brin_telemetry_recorded_at
    ON telemetry_readings USING BRIN (recorded_at);
