-- High-volume tables accessed through asyncpg (not mapped by the ORM).

CREATE TABLE IF NOT EXISTS tool_events (
    id          BIGSERIAL PRIMARY KEY,
    tool_id     INTEGER NOT NULL REFERENCES tools(id),
    ceid        INTEGER NOT NULL,
    event_name  TEXT NOT NULL,
    payload     JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_tool_events_tool_created ON tool_events (tool_id, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_tool_events_created ON tool_events (created_at);

CREATE TABLE IF NOT EXISTS measurements (
    id          BIGSERIAL PRIMARY KEY,
    upload_id   UUID NOT NULL,
    lot_id      INTEGER NOT NULL REFERENCES lots(id),
    wafer_id    INTEGER NOT NULL REFERENCES wafers(id),
    parameter   TEXT NOT NULL,
    site        INTEGER NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    measured_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_measurements_lot_param ON measurements (lot_id, parameter);
CREATE INDEX IF NOT EXISTS ix_measurements_upload ON measurements (upload_id);

CREATE TABLE IF NOT EXISTS erp_outbox (
    id           BIGSERIAL PRIMARY KEY,
    lot_id       INTEGER NOT NULL,
    event_type   TEXT NOT NULL,
    payload      JSONB NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at      TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_erp_outbox_pending ON erp_outbox (created_at) WHERE sent_at IS NULL;

CREATE TABLE IF NOT EXISTS dispatch_requests (
    id           BIGSERIAL PRIMARY KEY,
    tool_id      INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    done_at      TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_dispatch_requests_pending ON dispatch_requests (requested_at) WHERE done_at IS NULL;

CREATE TABLE IF NOT EXISTS dispatch_queue (
    tool_id     INTEGER NOT NULL,
    position    INTEGER NOT NULL,
    lot_id      INTEGER NOT NULL,
    score       DOUBLE PRECISION NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tool_id, position)
);
