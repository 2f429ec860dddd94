CREATE TABLE accounting_connections (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    provider VARCHAR(16) NOT NULL,
    realm_id VARCHAR(64) NOT NULL,
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    token_expires_at TIMESTAMPTZ NOT NULL,
    wages_account_code VARCHAR(32) NOT NULL DEFAULT '6000',
    tax_liability_account_code VARCHAR(32) NOT NULL DEFAULT '2100',
    bank_account_code VARCHAR(32) NOT NULL DEFAULT '1000',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_accounting_connections_company ON accounting_connections (company_id);

CREATE TABLE accounting_sync_log (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    pay_run_id INTEGER NOT NULL REFERENCES pay_runs(id),
    external_id VARCHAR(64),
    status VARCHAR(16) NOT NULL,
    message TEXT,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_accounting_sync_log_run ON accounting_sync_log (pay_run_id);

CREATE TABLE reminders (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    user_id INTEGER REFERENCES users(id),
    employee_id INTEGER REFERENCES employees(id),
    kind VARCHAR(32) NOT NULL,
    email VARCHAR(320) NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    sent_at TIMESTAMPTZ,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_reminders_due_sent ON reminders (due_at, sent_at);

CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    actor_id INTEGER,
    action VARCHAR(64) NOT NULL,
    entity VARCHAR(64) NOT NULL,
    entity_id VARCHAR(64) NOT NULL,
    payload JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_audit_log_company_created ON audit_log (company_id, created_at);
