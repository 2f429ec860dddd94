-- Live crane / straddle carrier / terminal tractor telemetry, written by the flush worker.
CREATE TABLE IF NOT EXISTS equipment_positions (
    id            BIGSERIAL PRIMARY KEY,
    equipment_id  VARCHAR(12)  NOT NULL,
    kind          VARCHAR(8)   NOT NULL,
    lat           DOUBLE PRECISION NOT NULL,
    lon           DOUBLE PRECISION NOT NULL,
    speed_kmh     REAL,
    spreader_load_kg INTEGER,
    recorded_at   TIMESTAMPTZ  NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_equipment_positions_recorded_at ON equipment_positions (recorded_at);

CREATE TABLE IF NOT EXISTS crane_counters (
    crane_id      VARCHAR(8) PRIMARY KEY,
    shift_date    DATE NOT NULL,
    moves         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS edi_outbox (
    id            BIGSERIAL PRIMARY KEY,
    recipient     VARCHAR(35) NOT NULL,
    message_type  VARCHAR(6)  NOT NULL,
    body          TEXT        NOT NULL,
    status        VARCHAR(12) NOT NULL DEFAULT 'PENDING',
    attempts      INTEGER     NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_edi_outbox_status_created ON edi_outbox (status, created_at);

CREATE TABLE IF NOT EXISTS audit_log (
    stream_id     VARCHAR(32) PRIMARY KEY,
    action        VARCHAR(40) NOT NULL,
    at            TEXT        NOT NULL,
    data          JSONB       NOT NULL
);
