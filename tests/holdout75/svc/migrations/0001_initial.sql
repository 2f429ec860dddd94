-- Core schema. Mirrors glossa/db/models.py; keep the two in step.
BEGIN;

CREATE TABLE organisations (
    id          serial PRIMARY KEY,
    slug        varchar(64) NOT NULL UNIQUE,
    name        varchar(200) NOT NULL,
    plan        varchar(32) NOT NULL DEFAULT 'free',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id            serial PRIMARY KEY,
    org_id        integer NOT NULL REFERENCES organisations(id),
    email         varchar(320) NOT NULL UNIQUE,
    display_name  varchar(120) NOT NULL,
    role          varchar(20) NOT NULL DEFAULT 'translator',
    api_key_hash  varchar(128) NOT NULL
);
CREATE INDEX ix_users_org_id ON users (org_id);
CREATE UNIQUE INDEX ix_users_api_key_hash ON users (api_key_hash);

CREATE TABLE projects (
    id              serial PRIMARY KEY,
    org_id          integer NOT NULL REFERENCES organisations(id),
    slug            varchar(64) NOT NULL,
    name            varchar(200) NOT NULL,
    source_locale   varchar(16) NOT NULL DEFAULT 'en',
    target_locales  varchar(16)[] NOT NULL DEFAULT '{}',
    settings        jsonb NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_projects_org_slug UNIQUE (org_id, slug)
);

CREATE TABLE source_strings (
    id           bigserial PRIMARY KEY,
    project_id   integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    key          varchar(512) NOT NULL,
    context      varchar(200) NOT NULL DEFAULT '',
    text         text NOT NULL,
    text_hash    varchar(64) NOT NULL,
    max_length   integer,
    is_obsolete  boolean NOT NULL DEFAULT false,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_strings_project_key UNIQUE (project_id, key, context)
);
CREATE INDEX ix_strings_project_id ON source_strings (project_id, id);
CREATE INDEX ix_strings_key_pattern ON source_strings (project_id, key text_pattern_ops);
CREATE INDEX ix_strings_project_hash ON source_strings (project_id, text_hash);

CREATE TABLE translations (
    id             bigserial PRIMARY KEY,
    string_id      bigint NOT NULL REFERENCES source_strings(id) ON DELETE CASCADE,
    locale         varchar(16) NOT NULL,
    text           text NOT NULL,
    status         varchar(20) NOT NULL DEFAULT 'translated',
    translator_id  integer REFERENCES users(id),
    reviewer_id    integer REFERENCES users(id),
    version        integer NOT NULL DEFAULT 1,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_translations_string_locale UNIQUE (string_id, locale)
);
CREATE INDEX ix_translations_locale_status ON translations (locale, status);

CREATE TABLE assignments (
    id             serial PRIMARY KEY,
    project_id     integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    locale         varchar(16) NOT NULL,
    translator_id  integer REFERENCES users(id),
    reviewer_id    integer REFERENCES users(id),
    state          varchar(20) NOT NULL DEFAULT 'open',
    word_count     integer NOT NULL DEFAULT 0,
    due_at         timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_assignments_project_locale ON assignments (project_id, locale, state);

CREATE TABLE releases (
    id            serial PRIMARY KEY,
    project_id    integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    version       integer NOT NULL,
    string_count  integer NOT NULL DEFAULT 0,
    created_by    integer NOT NULL REFERENCES users(id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_releases_project_version UNIQUE (project_id, version)
);

CREATE TABLE export_jobs (
    id            serial PRIMARY KEY,
    project_id    integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    format        varchar(16) NOT NULL,
    locales       varchar(16)[] NOT NULL,
    status        varchar(16) NOT NULL DEFAULT 'queued',
    requested_by  integer NOT NULL REFERENCES users(id),
    artifact_key  varchar(512),
    error         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    finished_at   timestamptz
);
CREATE INDEX ix_export_jobs_status_created ON export_jobs (status, created_at);
CREATE INDEX ix_export_jobs_project ON export_jobs (project_id);

CREATE TABLE webhook_endpoints (
    id          serial PRIMARY KEY,
    project_id  integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    url         varchar(2048) NOT NULL,
    secret      varchar(128) NOT NULL,
    events      varchar(64)[] NOT NULL,
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX ix_webhook_endpoints_project ON webhook_endpoints (project_id);

CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    endpoint_id      integer NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event            varchar(64) NOT NULL,
    payload          jsonb NOT NULL,
    state            varchar(16) NOT NULL DEFAULT 'pending',
    attempts         integer NOT NULL DEFAULT 0,
    last_status      integer,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX ix_deliveries_sending ON webhook_deliveries (updated_at) WHERE state = 'sending';
CREATE INDEX ix_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

CREATE TABLE git_links (
    id                serial PRIMARY KEY,
    project_id        integer NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    repo              varchar(200) NOT NULL,
    branch            varchar(200) NOT NULL DEFAULT 'main',
    path_glob         varchar(200) NOT NULL DEFAULT 'locales/*.json',
    strategy          varchar(16) NOT NULL DEFAULT 'api',
    interval_seconds  integer,
    last_commit       varchar(64),
    last_error        text,
    last_synced_at    timestamptz,
    next_sync_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_git_links_next_sync ON git_links (next_sync_at);
CREATE INDEX ix_git_links_project ON git_links (project_id);

COMMIT;
