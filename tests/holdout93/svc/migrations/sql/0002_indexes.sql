-- Indexes added after the first quarter of production traffic.
CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_rate_locks_status_expires
    ON rate_locks (status, expires_at);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_documents_application_kind
    ON documents (application_id, kind);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_credit_reports_borrower_pulled
    ON credit_reports (borrower_id, pulled_at DESC);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_conditions_application_status
    ON conditions (application_id, status);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_delivery_batches_status
    ON delivery_batches (status);
