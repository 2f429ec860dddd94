-- Anomalies, recommendations, tag policies and the job tables used by the workers.

CREATE TABLE anomalies (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    service     VARCHAR(128) NOT NULL,
    day         DATE NOT NULL,
    observed    NUMERIC(18, 6) NOT NULL,
    expected    NUMERIC(18, 6) NOT NULL,
    zscore      DOUBLE PRECISION NOT NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'open'
);
CREATE INDEX ix_anomalies_tenant_day ON anomalies (tenant_id, day);
CREATE INDEX ix_anomalies_tenant_status ON anomalies (tenant_id, status);

CREATE TABLE recommendations (
    id               BIGSERIAL PRIMARY KEY,
    tenant_id        BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    account_id       BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    resource_id      VARCHAR(512) NOT NULL,
    kind             VARCHAR(32) NOT NULL,
    current_type     VARCHAR(64) NOT NULL,
    suggested_type   VARCHAR(64) NOT NULL,
    monthly_savings  NUMERIC(18, 2) NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_recommendations_tenant_created ON recommendations (tenant_id, created_at);
CREATE INDEX ix_recommendations_account ON recommendations (account_id);

CREATE TABLE tag_policies (
    id              BIGSERIAL PRIMARY KEY,
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    required_keys   TEXT[] NOT NULL,
    allowed_values  JSONB NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_tag_policies_tenant ON tag_policies (tenant_id);

CREATE TABLE tag_violations (
    id            BIGSERIAL PRIMARY KEY,
    tenant_id     BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    policy_id     BIGINT NOT NULL REFERENCES tag_policies (id) ON DELETE CASCADE,
    account_id    BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    resource_id   VARCHAR(512) NOT NULL,
    missing_keys  TEXT[] NOT NULL,
    detected_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_tag_violations_tenant_policy ON tag_violations (tenant_id, policy_id);

CREATE TABLE ingest_jobs (
    id           BIGSERIAL PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    export_key   TEXT NOT NULL,
    status       VARCHAR(16) NOT NULL DEFAULT 'pending',
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX ix_ingest_jobs_status_created ON ingest_jobs (status, created_at);

CREATE TABLE scan_jobs (
    id           BIGSERIAL PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    status       VARCHAR(16) NOT NULL DEFAULT 'pending',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX ix_scan_jobs_status_created ON scan_jobs (status, created_at);
