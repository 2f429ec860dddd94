CREATE TABLE deliveries (
    id BIGSERIAL PRIMARY KEY,
    status TEXT NOT NULL,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    payload TEXT NOT NULL
);
CREATE TABLE holds (
    id BIGSERIAL PRIMARY KEY,
    seat_id BIGINT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_jobs_pending ON jobs (created_at) WHERE status = 'pending';
CREATE TABLE sweeps (
    id BIGSERIAL PRIMARY KEY,
    hold_id BIGINT NOT NULL
);
CREATE TABLE tasks (
    id BIGSERIAL PRIMARY KEY,
    url TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_tasks_live ON tasks (status, created_at) WHERE status IN ('queued', 'running');
