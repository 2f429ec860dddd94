CREATE TABLE companies (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    legal_country CHAR(2) NOT NULL,
    default_jurisdiction VARCHAR(16) NOT NULL,
    currency CHAR(3) NOT NULL DEFAULT 'USD',
    pay_frequency VARCHAR(16) NOT NULL DEFAULT 'biweekly',
    funding_account_id VARCHAR(64),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE employees (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    external_ref VARCHAR(64),
    first_name VARCHAR(100) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    email VARCHAR(320) NOT NULL,
    department_id INTEGER,
    manager_id INTEGER REFERENCES employees(id),
    status VARCHAR(16) NOT NULL DEFAULT 'active',
    jurisdiction VARCHAR(16) NOT NULL,
    pay_type VARCHAR(16) NOT NULL DEFAULT 'hourly',
    hourly_rate NUMERIC(12, 4) NOT NULL DEFAULT 0,
    annual_salary NUMERIC(14, 2) NOT NULL DEFAULT 0,
    filing_status VARCHAR(16) NOT NULL DEFAULT 'single',
    allowances INTEGER NOT NULL DEFAULT 0,
    bank_account_token VARCHAR(128),
    advance_balance NUMERIC(12, 2) NOT NULL DEFAULT 0,
    kiosk_pin_hash VARCHAR(200),
    hire_date DATE NOT NULL,
    locale VARCHAR(8) NOT NULL DEFAULT 'en',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_employees_company_status ON employees (company_id, status);
CREATE UNIQUE INDEX ix_employees_company_email ON employees (company_id, email);
CREATE INDEX ix_employees_manager_id ON employees (manager_id);

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    email VARCHAR(320) NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    role VARCHAR(32) NOT NULL DEFAULT 'manager',
    employee_id INTEGER REFERENCES employees(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_company_id ON users (company_id);

CREATE TABLE kiosk_devices (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    serial VARCHAR(64) NOT NULL,
    label VARCHAR(120) NOT NULL,
    cert_fingerprint VARCHAR(128) NOT NULL,
    enabled BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ix_kiosk_devices_serial ON kiosk_devices (serial);
CREATE INDEX ix_kiosk_devices_company_id ON kiosk_devices (company_id);

CREATE TABLE clock_events (
    id BIGSERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    kind VARCHAR(8) NOT NULL,
    source VARCHAR(16) NOT NULL,
    device_id INTEGER REFERENCES kiosk_devices(id),
    occurred_at TIMESTAMPTZ NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    jurisdiction VARCHAR(16),
    shift_id VARCHAR(36) NOT NULL
);
CREATE INDEX ix_clock_events_employee_occurred ON clock_events (employee_id, occurred_at);
CREATE INDEX ix_clock_events_company_occurred ON clock_events (company_id, occurred_at);

CREATE TYPE timesheet_status AS ENUM ('open', 'submitted', 'approved', 'rejected', 'locked');
CREATE TABLE timesheets (
    id SERIAL PRIMARY KEY,
    company_id INTEGER NOT NULL REFERENCES companies(id),
    employee_id INTEGER NOT NULL REFERENCES employees(id),
    period_start DATE NOT NULL,
    period_end DATE NOT NULL,
    regular_hours NUMERIC(8, 2) NOT NULL DEFAULT 0,
    overtime_hours NUMERIC(8, 2) NOT NULL DEFAULT 0,
    status timesheet_status NOT NULL DEFAULT 'open',
    approver_id INTEGER REFERENCES users(id),
    approvals_required INTEGER NOT NULL DEFAULT 1,
    approvals_received INTEGER NOT NULL DEFAULT 0,
    submitted_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_timesheets_employee_period UNIQUE (employee_id, period_start)
);
CREATE INDEX ix_timesheets_company_period_status ON timesheets (company_id, period_start, status);

CREATE TABLE timesheet_approvals (
    id SERIAL PRIMARY KEY,
    timesheet_id INTEGER NOT NULL REFERENCES timesheets(id),
    approver_id INTEGER NOT NULL REFERENCES users(id),
    step INTEGER NOT NULL,
    decision VARCHAR(16) NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    comment VARCHAR(500),
    CONSTRAINT uq_approvals_sheet_approver UNIQUE (timesheet_id, approver_id)
);
CREATE INDEX ix_timesheet_approvals_timesheet_id ON timesheet_approvals (timesheet_id);
