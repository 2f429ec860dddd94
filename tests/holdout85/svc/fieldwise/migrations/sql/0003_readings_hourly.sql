-- The hourly rollup scans sensor_readings by time only; BRIN keeps that cheap on append-only data.
CREATE INDEX IF NOT EXISTS ix_sensor_readings_recorded_brin
    ON sensor_readings USING brin (recorded_at);

-- Hourly rollup used by the field dashboard and the frost worker.
CREATE TABLE IF NOT EXISTS readings_hourly (
    sensor_id    integer     NOT NULL REFERENCES sensors(id),
    hour         timestamptz NOT NULL,
    moisture_avg double precision,
    temp_min     double precision,
    temp_max     double precision,
    rain_sum     double precision,
    PRIMARY KEY (sensor_id, hour)
);

CREATE INDEX IF NOT EXISTS ix_readings_hourly_hour ON readings_hourly (hour);

CREATE TABLE IF NOT EXISTS tractor_positions (
    tractor_id  integer     NOT NULL REFERENCES tractors(id),
    recorded_at timestamptz NOT NULL,
    lat         double precision NOT NULL,
    lon         double precision NOT NULL,
    speed_kmh   double precision,
    fuel_pct    double precision
);

CREATE INDEX IF NOT EXISTS ix_tractor_positions_tractor_recorded
    ON tractor_positions (tractor_id, recorded_at DESC);
