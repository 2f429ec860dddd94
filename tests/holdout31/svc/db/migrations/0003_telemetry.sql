-- Telemetry database (separate cluster): meter values and connector status history.
BEGIN;

CREATE TABLE meter_values (
    session_id     BIGINT,
    chargepoint_id VARCHAR(48) NOT NULL,
    connector_no   INTEGER NOT NULL,
    measurand      VARCHAR(64) NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    unit           VARCHAR(16) NOT NULL,
    measured_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_meter_values_session ON meter_values (session_id, measured_at);
CREATE INDEX ix_meter_values_cp_time ON meter_values (chargepoint_id, measured_at);

CREATE TABLE chargepoint_status_log (
    chargepoint_id VARCHAR(48) NOT NULL,
    connector_no   INTEGER NOT NULL,
    status         VARCHAR(24) NOT NULL,
    error_code     VARCHAR(48) NOT NULL DEFAULT 'NoError',
    recorded_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_status_log_cp_time ON chargepoint_status_log (chargepoint_id, recorded_at);

COMMIT;
