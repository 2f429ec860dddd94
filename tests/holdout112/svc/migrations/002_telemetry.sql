CREATE TABLE telemetry (
    device_id       UUID NOT NULL,
    household_id    UUID NOT NULL,
    ts              TIMESTAMPTZ NOT NULL,
    metric          TEXT NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    message_id      TEXT NOT NULL
) PARTITION BY RANGE (ts);

CREATE INDEX telemetry_device_ts_idx ON telemetry (device_id, ts DESC);
CREATE INDEX telemetry_household_ts_idx ON telemetry (household_id, ts DESC);

CREATE TABLE telemetry_daily (
    device_id       UUID NOT NULL,
    household_id    UUID NOT NULL,
    day             DATE NOT NULL,
    import_kwh      DOUBLE PRECISION NOT NULL DEFAULT 0,
    export_kwh      DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (device_id, day)
);
CREATE INDEX telemetry_daily_household_day_idx ON telemetry_daily (household_id, day);

CREATE TABLE rollup_cursor (
    name            TEXT PRIMARY KEY,
    last_ts         TIMESTAMPTZ NOT NULL
);

-- Rollups and retention scan recent time ranges across all devices.
CREATE INDEX telemetry_ts_brin_idx ON telemetry USING brin (ts);
