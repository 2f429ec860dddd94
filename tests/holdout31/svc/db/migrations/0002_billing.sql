-- Payments, roaming CDRs, fleet webhooks and the audit trail.
BEGIN;

CREATE TABLE payments (
    id              BIGSERIAL PRIMARY KEY,
    session_id      BIGINT NOT NULL UNIQUE REFERENCES charging_sessions (id),
    driver_id       INTEGER NOT NULL REFERENCES drivers (id),
    amount_cents    INTEGER NOT NULL,
    currency        CHAR(3) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'pending',
    provider_ref    VARCHAR(64) NOT NULL,
    idempotency_key VARCHAR(64) NOT NULL UNIQUE,
    failure_reason  VARCHAR(255),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    captured_at     TIMESTAMPTZ
);
CREATE INDEX ix_payments_status_created ON payments (status, created_at);
CREATE INDEX ix_payments_driver_id ON payments (driver_id);

CREATE TABLE roaming_cdrs (
    id         BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL UNIQUE REFERENCES charging_sessions (id),
    party_id   VARCHAR(8) NOT NULL,
    payload    JSONB NOT NULL,
    status     VARCHAR(16) NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    pushed_at  TIMESTAMPTZ
);
CREATE INDEX ix_cdrs_status_id ON roaming_cdrs (status, id);

CREATE TABLE fleet_webhooks (
    id        SERIAL PRIMARY KEY,
    driver_id INTEGER NOT NULL REFERENCES drivers (id),
    url       VARCHAR(500) NOT NULL,
    secret    VARCHAR(128) NOT NULL,
    active    BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX ix_fleet_webhooks_driver_id ON fleet_webhooks (driver_id);

CREATE TABLE audit_events (
    id         BIGSERIAL PRIMARY KEY,
    kind       VARCHAR(64) NOT NULL,
    subject    VARCHAR(128) NOT NULL,
    payload    JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_audit_kind_created ON audit_events (kind, created_at);

COMMIT;
