CREATE TABLE reports (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    household_id    UUID NOT NULL REFERENCES households (id),
    period          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    storage_key     TEXT,
    requested_by    UUID,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at    TIMESTAMPTZ
);
CREATE INDEX reports_status_created_idx ON reports (status, created_at);
CREATE INDEX reports_household_idx ON reports (household_id, period);

CREATE TABLE firmware_images (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    model           TEXT NOT NULL,
    version         TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    url             TEXT NOT NULL,
    signature       TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (model, version)
);

CREATE TABLE firmware_campaigns (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    image_id        UUID NOT NULL REFERENCES firmware_images (id),
    status          TEXT NOT NULL DEFAULT 'draft',
    batch_size      INTEGER NOT NULL DEFAULT 50,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE firmware_jobs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    campaign_id     UUID NOT NULL REFERENCES firmware_campaigns (id),
    device_id       UUID NOT NULL REFERENCES devices (id),
    status          TEXT NOT NULL DEFAULT 'queued',
    attempts        INTEGER NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, device_id)
);
CREATE INDEX firmware_jobs_status_idx ON firmware_jobs (campaign_id, status);

CREATE TABLE settlement_balances (
    household_id    UUID PRIMARY KEY REFERENCES households (id),
    credit_pence    BIGINT NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE settlement_ledger (
    id              BIGSERIAL PRIMARY KEY,
    household_id    UUID NOT NULL REFERENCES households (id),
    dr_event_id     UUID REFERENCES dr_events (id),
    amount_pence    BIGINT NOT NULL,
    reason          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (household_id, dr_event_id, reason)
);

CREATE TABLE settlement_exports (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    utility_id      TEXT NOT NULL,
    period          TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    row_count       INTEGER,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (utility_id, period)
);
