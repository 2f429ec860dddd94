-- Ledger read paths: statements and balances filter by seller and time.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_ledger_entries_seller_created
    ON ledger_entries (seller_id, created_at);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_ledger_entries_payout
    ON ledger_entries (payout_id)
    WHERE payout_id IS NOT NULL;
