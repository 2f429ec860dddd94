-- Push job queue and reminder bookkeeping (mirrors models/zone.py and models/domain.py).
CREATE TABLE IF NOT EXISTS push_jobs (
    id              BIGSERIAL PRIMARY KEY,
    zone_id         BIGINT NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
    node            VARCHAR(200) NOT NULL,
    serial          BIGINT NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error      TEXT
);
CREATE INDEX IF NOT EXISTS ix_push_jobs_status_next ON push_jobs (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS ix_push_jobs_zone_id ON push_jobs (zone_id);

CREATE TABLE IF NOT EXISTS reminder_log (
    id          BIGSERIAL PRIMARY KEY,
    domain_id   BIGINT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
    days_before INTEGER NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT uq_reminder_once UNIQUE (domain_id, days_before, expires_at)
);
