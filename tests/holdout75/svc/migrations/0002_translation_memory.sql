-- Translation memory is shared by every project of an organisation and queried
-- with pg_trgm similarity, so it lives outside the ORM.
BEGIN;

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE tm_entries (
    id             bigserial PRIMARY KEY,
    org_id         integer NOT NULL REFERENCES organisations(id),
    project_id     integer REFERENCES projects(id) ON DELETE SET NULL,
    source_locale  varchar(16) NOT NULL,
    target_locale  varchar(16) NOT NULL,
    source_text    text NOT NULL,
    source_hash    varchar(64) NOT NULL,
    target_text    text NOT NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_tm_entry UNIQUE (org_id, source_locale, target_locale, source_hash)
);
CREATE INDEX ix_tm_source_trgm ON tm_entries USING gin (source_text gin_trgm_ops);

COMMIT;
