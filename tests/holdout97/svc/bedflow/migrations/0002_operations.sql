CREATE TABLE cleaning_tasks (
    id SERIAL PRIMARY KEY,
    bed_id INTEGER NOT NULL REFERENCES beds(id),
    assignee_id VARCHAR(32),
    status VARCHAR(16) NOT NULL DEFAULT 'open',
    isolation_clean BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    escalated_at TIMESTAMPTZ
);
CREATE INDEX ix_cleaning_tasks_bed ON cleaning_tasks (bed_id);
CREATE INDEX ix_cleaning_tasks_status_created ON cleaning_tasks (status, created_at);

CREATE TABLE transport_requests (
    id SERIAL PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    from_location VARCHAR(64) NOT NULL,
    to_bed_id INTEGER NOT NULL REFERENCES beds(id),
    status VARCHAR(16) NOT NULL DEFAULT 'requested',
    porter_id VARCHAR(32),
    vendor_job_id VARCHAR(64)
);
CREATE INDEX ix_transport_status ON transport_requests (status);

CREATE TABLE adt_events (
    id SERIAL PRIMARY KEY,
    message_control_id VARCHAR(64) NOT NULL,
    event_type VARCHAR(8) NOT NULL,
    patient_id INTEGER REFERENCES patients(id),
    ward_code VARCHAR(16),
    bed_label VARCHAR(16),
    event_time TIMESTAMPTZ NOT NULL,
    raw TEXT NOT NULL,
    CONSTRAINT uq_adt_events_mcid UNIQUE (message_control_id)
);
CREATE INDEX ix_adt_events_event_time ON adt_events (event_time);

CREATE TABLE audit_log (
    id SERIAL PRIMARY KEY,
    actor VARCHAR(64) NOT NULL,
    action VARCHAR(64) NOT NULL,
    subject VARCHAR(64) NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE census_snapshots (
    id SERIAL PRIMARY KEY,
    census_date DATE NOT NULL,
    ward_code VARCHAR(16) NOT NULL,
    occupied INTEGER NOT NULL,
    available INTEGER NOT NULL,
    CONSTRAINT uq_census_snapshot UNIQUE (census_date, ward_code)
);
