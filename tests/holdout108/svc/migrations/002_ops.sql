CREATE TABLE swap_tasks (
    id                  UUID PRIMARY KEY,
    vehicle_id          UUID NOT NULL REFERENCES vehicles (id),
    zone_id             INTEGER REFERENCES zones (id),
    status              VARCHAR(16) NOT NULL DEFAULT 'open',
    crew_id             VARCHAR(64),
    battery_pct_at_open INTEGER NOT NULL,
    priority            INTEGER NOT NULL DEFAULT 0,
    claimed_at          TIMESTAMPTZ,
    done_at             TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_swap_tasks_vehicle_id ON swap_tasks (vehicle_id);
CREATE INDEX ix_swap_tasks_status_priority ON swap_tasks (status, priority);

CREATE TABLE rebalance_jobs (
    id              UUID PRIMARY KEY,
    vehicle_id      UUID NOT NULL REFERENCES vehicles (id),
    from_zone_id    INTEGER NOT NULL REFERENCES zones (id),
    to_zone_id      INTEGER NOT NULL REFERENCES zones (id),
    status          VARCHAR(16) NOT NULL DEFAULT 'open',
    crew_id         VARCHAR(64),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_rebalance_jobs_vehicle_id ON rebalance_jobs (vehicle_id);
CREATE INDEX ix_rebalance_jobs_status ON rebalance_jobs (status);

CREATE TABLE fines (
    id                  UUID PRIMARY KEY,
    rider_id            UUID NOT NULL REFERENCES riders (id),
    ride_id             UUID REFERENCES rides (id),
    kind                VARCHAR(32) NOT NULL,
    amount_cents        BIGINT NOT NULL,
    status              VARCHAR(16) NOT NULL DEFAULT 'issued',
    issued_at           TIMESTAMPTZ NOT NULL,
    due_at              TIMESTAMPTZ NOT NULL,
    reminder_sent_at    TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_fines_status_due ON fines (status, due_at);
CREATE INDEX ix_fines_ride_kind ON fines (ride_id, kind);

CREATE TABLE damage_reports (
    id              UUID PRIMARY KEY,
    vehicle_id      UUID NOT NULL REFERENCES vehicles (id),
    reporter_id     UUID NOT NULL REFERENCES riders (id),
    description     TEXT NOT NULL,
    photo_key       VARCHAR(256),
    thumbnail_key   VARCHAR(256),
    severity        VARCHAR(16) NOT NULL DEFAULT 'minor',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_damage_reports_vehicle_id ON damage_reports (vehicle_id);
CREATE INDEX ix_damage_reports_reporter_id ON damage_reports (reporter_id);

CREATE TABLE settlement_batches (
    id                  UUID PRIMARY KEY,
    business_date       DATE NOT NULL UNIQUE,
    total_cents         BIGINT NOT NULL DEFAULT 0,
    ride_count          INTEGER NOT NULL DEFAULT 0,
    payout_reference    VARCHAR(64),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE settlement_lines (
    id              UUID PRIMARY KEY,
    batch_id        UUID NOT NULL REFERENCES settlement_batches (id),
    ride_id         UUID NOT NULL REFERENCES rides (id),
    amount_cents    BIGINT NOT NULL,
    CONSTRAINT uq_settlement_lines_ride UNIQUE (ride_id)
);
CREATE INDEX ix_settlement_lines_batch_id ON settlement_lines (batch_id);

CREATE TABLE promotions (
    code            VARCHAR(32) PRIMARY KEY,
    credit_cents    BIGINT NOT NULL,
    max_redemptions INTEGER NOT NULL,
    redeemed_count  INTEGER NOT NULL DEFAULT 0,
    expires_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE promotion_redemptions (
    id              UUID PRIMARY KEY,
    code            VARCHAR(32) NOT NULL REFERENCES promotions (code),
    rider_id        UUID NOT NULL REFERENCES riders (id),
    redeemed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_promo_redemption_rider UNIQUE (code, rider_id)
);

ALTER TABLE riders ADD COLUMN auto_reload_threshold_cents INTEGER;
ALTER TABLE riders ADD COLUMN auto_reload_amount_cents INTEGER;
