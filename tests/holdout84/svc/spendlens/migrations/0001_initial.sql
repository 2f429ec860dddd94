-- Core schema. Mirrors the ORM models in spendlens.models.

CREATE TABLE tenants (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    slug        VARCHAR(64) NOT NULL,
    plan        VARCHAR(32) NOT NULL DEFAULT 'team',
    currency    CHAR(3) NOT NULL DEFAULT 'USD',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_tenants_slug UNIQUE (slug)
);

CREATE TABLE api_keys (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    prefix      VARCHAR(12) NOT NULL,
    salt        VARCHAR(64) NOT NULL,
    key_hash    VARCHAR(128) NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_api_keys_prefix UNIQUE (prefix)
);
CREATE INDEX ix_api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE cloud_accounts (
    id                   BIGSERIAL PRIMARY KEY,
    tenant_id            BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider             VARCHAR(8) NOT NULL,
    external_account_id  VARCHAR(128) NOT NULL,
    display_name         TEXT NOT NULL,
    export_prefix        TEXT NOT NULL,
    enabled              BOOLEAN NOT NULL DEFAULT TRUE,
    last_ingested_at     TIMESTAMPTZ,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_cloud_accounts_tenant ON cloud_accounts (tenant_id, provider);

CREATE TABLE cost_line_items (
    id            BIGSERIAL PRIMARY KEY,
    tenant_id     BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    account_id    BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    usage_date    DATE NOT NULL,
    service       VARCHAR(128) NOT NULL,
    sku           VARCHAR(256) NOT NULL,
    resource_id   VARCHAR(512) NOT NULL DEFAULT '',
    region        VARCHAR(64) NOT NULL DEFAULT 'global',
    tags          JSONB NOT NULL DEFAULT '{}',
    cost          NUMERIC(18, 6) NOT NULL,
    currency      CHAR(3) NOT NULL DEFAULT 'USD',
    usage_amount  NUMERIC(24, 6) NOT NULL DEFAULT 0,
    usage_unit    VARCHAR(32) NOT NULL DEFAULT '',
    line_hash     VARCHAR(64) NOT NULL,
    CONSTRAINT uq_cost_line_items_line UNIQUE (account_id, usage_date, line_hash)
);
CREATE INDEX ix_cost_line_items_tenant_date ON cost_line_items (tenant_id, usage_date);
CREATE INDEX ix_cost_line_items_account_date ON cost_line_items (account_id, usage_date);

CREATE TABLE daily_costs (
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    account_id  BIGINT NOT NULL REFERENCES cloud_accounts (id) ON DELETE CASCADE,
    day         DATE NOT NULL,
    service     VARCHAR(128) NOT NULL,
    total       NUMERIC(18, 6) NOT NULL,
    PRIMARY KEY (tenant_id, account_id, day, service)
);

CREATE TABLE budgets (
    id               BIGSERIAL PRIMARY KEY,
    tenant_id        BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    account_id       BIGINT REFERENCES cloud_accounts (id),
    name             TEXT NOT NULL,
    period           VARCHAR(16) NOT NULL DEFAULT 'monthly',
    amount           NUMERIC(18, 2) NOT NULL,
    currency         CHAR(3) NOT NULL DEFAULT 'USD',
    thresholds       INTEGER[] NOT NULL DEFAULT '{50,80,100}',
    notify_emails    TEXT[] NOT NULL DEFAULT '{}',
    slack_webhook    TEXT,
    consumed_amount  NUMERIC(18, 2) NOT NULL DEFAULT 0,
    period_start     DATE NOT NULL DEFAULT current_date,
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_budgets_tenant ON budgets (tenant_id);
CREATE INDEX ix_budgets_account ON budgets (account_id);

CREATE TABLE budget_alerts (
    id            BIGSERIAL PRIMARY KEY,
    budget_id     BIGINT NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    threshold     INTEGER NOT NULL,
    period_start  DATE NOT NULL,
    sent_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_budget_alerts_once UNIQUE (budget_id, threshold, period_start)
);

CREATE TABLE audit_events (
    id          BIGSERIAL PRIMARY KEY,
    tenant_id   BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    action      VARCHAR(64) NOT NULL,
    payload     JSONB NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_audit_events_tenant_created ON audit_events (tenant_id, created_at);
