"""Tables of the ledger service."""

DDL = """
CREATE TABLE IF NOT EXISTS entries (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    memo TEXT,
    booked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_entries_account ON entries (account_id);

CREATE TABLE IF NOT EXISTS currencies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    minor_units INT NOT NULL
);
"""
