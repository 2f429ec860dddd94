CREATE TYPE pay_run_status AS ENUM ('draft', 'approved', 'executing', 'paid', 'failed');
CREATE TABLE pay_runs (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    pay_date DATE NOT NULL,
    status pay_run_status NOT NULL DEFAULT 'draft',
    gross_total NUMERIC(16, 2) NOT NULL DEFAULT 0,
    tax_total NUMERIC(16, 2) NOT NULL DEFAULT 0,
    net_total NUMERIC(16, 2) NOT NULL DEFAULT 0,
    approved_by INTEGER REFERENCES users(id),
    executed_at TIMESTAMPTZ,
    accounting_synced_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_pay_runs_company_pay_date ON pay_runs (company_id, pay_date);
CREATE INDEX ix_pay_runs_status ON pay_runs (status);

CREATE TABLE pay_run_lines (
    id BIGSERIAL PRIMARY KEY,
    pay_run_id INTEGER NOT NULL REFERENCES pay_runs(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    regular_hours NUMERIC(8, 2) NOT NULL DEFAULT 0,
    overtime_hours NUMERIC(8, 2) NOT NULL DEFAULT 0,
    gross NUMERIC(14, 2) NOT NULL,
    federal_tax NUMERIC(14, 2) NOT NULL DEFAULT 0,
    state_tax NUMERIC(14, 2) NOT NULL DEFAULT 0,
    social_tax NUMERIC(14, 2) NOT NULL DEFAULT 0,
    deductions NUMERIC(14, 2) NOT NULL DEFAULT 0,
    net NUMERIC(14, 2) NOT NULL,
    jurisdiction VARCHAR(16) NOT NULL
);
CREATE UNIQUE INDEX ix_pay_run_lines_run_employee ON pay_run_lines (pay_run_id, employee_id);
CREATE INDEX ix_pay_run_lines_employee ON pay_run_lines (employee_id);

CREATE TABLE contractors (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    legal_name VARCHAR(200) NOT NULL,
    email VARCHAR(320) NOT NULL,
    country CHAR(2) NOT NULL,
    currency CHAR(3) NOT NULL,
    tax_id_last4 CHAR(4),
    bank_account_token VARCHAR(128),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_contractors_company ON contractors (company_id);

CREATE TABLE contractor_invoices (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    contractor_id INTEGER NOT NULL REFERENCES contractors(id),
    number VARCHAR(32) NOT NULL,
    amount NUMERIC(14, 2) NOT NULL,
    currency CHAR(3) NOT NULL,
    fee NUMERIC(14, 2) NOT NULL DEFAULT 0,
    status VARCHAR(16) NOT NULL DEFAULT 'submitted',
    service_date DATE NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_contractor_invoices_number UNIQUE (company_id, number)
);
CREATE INDEX ix_contractor_invoices_contractor_status ON contractor_invoices (contractor_id, status);

CREATE TYPE payout_status AS ENUM ('pending', 'submitted', 'settled', 'returned', 'failed');
CREATE TABLE payouts (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    pay_run_id INTEGER REFERENCES pay_runs(id),
    employee_id INTEGER REFERENCES employees(id),
    contractor_id INTEGER REFERENCES contractors(id),
    amount NUMERIC(14, 2) NOT NULL,
    currency CHAR(3) NOT NULL,
    destination_token VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(80) NOT NULL,
    provider_payout_id VARCHAR(64),
    status payout_status NOT NULL DEFAULT 'pending',
    failure_reason VARCHAR(200),
    next_poll_at TIMESTAMPTZ,
    settled_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_payouts_status_next_poll ON payouts (status, next_poll_at);
CREATE INDEX ix_payouts_pay_run ON payouts (pay_run_id);
CREATE UNIQUE INDEX ix_payouts_idempotency_key ON payouts (idempotency_key);

CREATE TABLE payslips (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    pay_run_id INTEGER NOT NULL REFERENCES pay_runs(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    storage_key VARCHAR(300),
    generated_at TIMESTAMPTZ,
    emailed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_payslips_employee_run ON payslips (employee_id, pay_run_id);
CREATE INDEX ix_payslips_pay_run ON payslips (pay_run_id);

CREATE TABLE tax_forms (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    employee_id INTEGER REFERENCES employees(id),
    contractor_id INTEGER REFERENCES contractors(id),
    tax_year INTEGER NOT NULL,
    kind VARCHAR(16) NOT NULL,
    storage_key VARCHAR(300),
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_tax_forms_company_year_kind ON tax_forms (company_id, tax_year, kind);
CREATE INDEX ix_tax_forms_employee_year ON tax_forms (employee_id, tax_year);
