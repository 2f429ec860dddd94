CREATE TABLE members (
    id            BIGSERIAL PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    bio           TEXT,
    password_hash TEXT NOT NULL,
    avatar        BYTEA,
    settings      JSONB NOT NULL DEFAULT '{}',
    team_id       BIGINT,
    joined_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_members_team_joined ON members (team_id, joined_at DESC);

CREATE TABLE tags (
    id    BIGSERIAL PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE TABLE notes (
    id         BIGSERIAL PRIMARY KEY,
    body       TEXT NOT NULL,
    title      TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_notes_created ON notes (created_at);
CREATE INDEX ix_notes_body_trgm ON notes USING gin (body gin_trgm_ops);
CREATE INDEX ix_notes_lower_title ON notes (lower(title));
