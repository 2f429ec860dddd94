-- Metered usage, reported hourly to billing by the metering worker.
BEGIN;

CREATE TABLE usage_events (
    id               bigserial PRIMARY KEY,
    org_id           integer NOT NULL REFERENCES organisations(id),
    project_id       integer REFERENCES projects(id) ON DELETE SET NULL,
    meter            varchar(32) NOT NULL,
    quantity         bigint NOT NULL,
    occurred_at      timestamptz NOT NULL DEFAULT now(),
    billed           boolean NOT NULL DEFAULT false,
    idempotency_key  varchar(128) UNIQUE
);
CREATE INDEX ix_usage_project_time ON usage_events (project_id, occurred_at);
CREATE INDEX ix_usage_unbilled ON usage_events (occurred_at) WHERE NOT billed;

COMMIT;
