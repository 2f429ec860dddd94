-- Indexes created outside the ORM metadata (reporting replicas only).
CREATE INDEX IF NOT EXISTS ix_ledger_entry_type_created ON ledger_entries (entry_type, created_at);
CREATE INDEX IF NOT EXISTS ix_reserves_claim_id ON reserves (claim_id);
