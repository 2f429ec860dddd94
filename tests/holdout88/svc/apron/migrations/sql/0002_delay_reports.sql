-- Delay-code outbox. Rows are claimed with FOR UPDATE SKIP LOCKED by the outbox worker.
CREATE TABLE IF NOT EXISTS delay_reports (
    id            BIGSERIAL PRIMARY KEY,
    flight_id     INTEGER NOT NULL REFERENCES flights (id),
    airline_code  VARCHAR(3) NOT NULL,
    code          VARCHAR(3) NOT NULL,
    minutes       INTEGER NOT NULL CHECK (minutes > 0),
    remark        TEXT NOT NULL DEFAULT '',
    status        VARCHAR(10) NOT NULL DEFAULT 'PENDING',
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    external_ref  VARCHAR(64),
    reported_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_delay_reports_flight_code ON delay_reports (flight_id, code);
CREATE INDEX IF NOT EXISTS ix_delay_reports_airline_time ON delay_reports (airline_code, reported_at);
CREATE INDEX IF NOT EXISTS ix_delay_reports_pending ON delay_reports (reported_at) WHERE status = 'PENDING';
