CREATE TABLE journal_entries (
    id BIGSERIAL PRIMARY KEY,
    author TEXT NOT NULL,
    payload JSONB NOT NULL,
    tags TEXT[] NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
