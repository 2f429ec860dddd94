-- schema for the missing-index case
CREATE TABLE accounts (
    id          BIGSERIAL PRIMARY KEY,
    email       TEXT NOT NULL UNIQUE,
    tenant_id   BIGINT NOT NULL,
    region      TEXT NOT NULL,
    is_active   BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_accounts_tenant_created ON accounts (tenant_id, created_at DESC);

CREATE TABLE payments (
    id          BIGSERIAL PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts (id),
    reference   TEXT NOT NULL,
    state       TEXT NOT NULL,
    amount      NUMERIC NOT NULL,
    paid_at     TIMESTAMPTZ,
    CONSTRAINT payments_reference_key UNIQUE (reference)
);

CREATE TABLE ledger (
    id          BIGSERIAL PRIMARY KEY,
    account_id  BIGINT NOT NULL,
    entry_type  TEXT NOT NULL,
    booked_at   TIMESTAMPTZ NOT NULL
);

ALTER TABLE ledger ADD CONSTRAINT ledger_account_type UNIQUE (account_id, entry_type, booked_at);
