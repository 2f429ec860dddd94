CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    owner_email TEXT NOT NULL UNIQUE,
    region TEXT NOT NULL,
    opened_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE transfers (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    approver_id BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    booked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_transfers_account_id ON transfers (account_id);
