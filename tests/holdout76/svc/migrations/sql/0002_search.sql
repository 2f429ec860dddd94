-- Search support for the conflict check and the document vault.
-- Applied after 0001_initial; run with psql -v ON_ERROR_STOP=1.

BEGIN;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Conflict checks match prospective party names against every party the firm has seen.
CREATE INDEX IF NOT EXISTS ix_parties_normalized_trgm
    ON parties USING gin (normalized_name gin_trgm_ops);

-- Full-text search over OCR output.
ALTER TABLE documents
    ADD COLUMN IF NOT EXISTS ocr_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(ocr_text, ''))) STORED;
CREATE INDEX IF NOT EXISTS ix_documents_ocr_tsv ON documents USING gin (ocr_tsv);

-- Per-firm counters for human-readable matter numbers.
CREATE TABLE IF NOT EXISTS firm_counters (
    firm_id      bigint PRIMARY KEY,
    next_matter  integer NOT NULL DEFAULT 1
);

CREATE TABLE IF NOT EXISTS conflict_checks (
    id            bigserial PRIMARY KEY,
    firm_id       bigint NOT NULL,
    requested_by  bigint NOT NULL REFERENCES users (id),
    matter_id     bigint REFERENCES matters (id),
    names         text[] NOT NULL,
    hits          jsonb NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_conflict_checks_firm_created ON conflict_checks (firm_id, created_at DESC);

CREATE TABLE IF NOT EXISTS conflict_waivers (
    check_id    bigint NOT NULL REFERENCES conflict_checks (id) ON DELETE CASCADE,
    party_id    bigint NOT NULL REFERENCES parties (id) ON DELETE CASCADE,
    waived_by   bigint NOT NULL REFERENCES users (id),
    reason      text NOT NULL,
    waived_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (check_id, party_id)
);

COMMIT;
