CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    username VARCHAR(64) NOT NULL UNIQUE,
    display_name VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    signing_pin_hash VARCHAR(255),
    role VARCHAR(16) NOT NULL DEFAULT 'radiologist',
    subspecialties JSON NOT NULL DEFAULT '[]',
    active BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE patients (
    id SERIAL PRIMARY KEY,
    mrn VARCHAR(32) NOT NULL UNIQUE,
    family_name VARCHAR(120) NOT NULL,
    given_name VARCHAR(120) NOT NULL,
    birth_date DATE,
    sex VARCHAR(1),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE referrers (
    id SERIAL PRIMARY KEY,
    npi VARCHAR(16) NOT NULL UNIQUE,
    display_name VARCHAR(255) NOT NULL,
    fax_number VARCHAR(32),
    email VARCHAR(255),
    preferred_channel VARCHAR(8) NOT NULL DEFAULT 'FAX'
);

CREATE TABLE imaging_orders (
    id SERIAL PRIMARY KEY,
    accession_number VARCHAR(32) NOT NULL UNIQUE,
    placer_order_number VARCHAR(64) NOT NULL,
    filler_order_number VARCHAR(64),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    referrer_id INTEGER REFERENCES referrers(id),
    modality VARCHAR(8) NOT NULL,
    procedure_code VARCHAR(32) NOT NULL,
    procedure_description VARCHAR(255) NOT NULL,
    body_part VARCHAR(64),
    priority VARCHAR(8) NOT NULL DEFAULT 'ROUTINE',
    station_aet VARCHAR(16),
    scheduled_at TIMESTAMPTZ,
    status VARCHAR(16) NOT NULL DEFAULT 'SCHEDULED',
    clinical_history TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_orders_patient ON imaging_orders (patient_id);
CREATE INDEX ix_orders_referrer ON imaging_orders (referrer_id);
CREATE INDEX ix_orders_status_scheduled ON imaging_orders (status, scheduled_at);
CREATE INDEX ix_orders_modality_station ON imaging_orders (modality, station_aet);

CREATE TABLE worklist_entries (
    id SERIAL PRIMARY KEY,
    order_id INTEGER NOT NULL UNIQUE REFERENCES imaging_orders(id),
    accession_number VARCHAR(32) NOT NULL,
    station_aet VARCHAR(16) NOT NULL,
    modality VARCHAR(8) NOT NULL,
    scheduled_start TIMESTAMPTZ NOT NULL,
    requested_procedure_id VARCHAR(16) NOT NULL,
    scheduled_step_id VARCHAR(16) NOT NULL,
    patient_name VARCHAR(255) NOT NULL,
    patient_mrn VARCHAR(32) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'SCHEDULED'
);
CREATE INDEX ix_mwl_accession ON worklist_entries (accession_number);
CREATE INDEX ix_mwl_station_start ON worklist_entries (station_aet, scheduled_start);

CREATE TABLE studies (
    id SERIAL PRIMARY KEY,
    study_instance_uid VARCHAR(64) NOT NULL UNIQUE,
    accession_number VARCHAR(32) NOT NULL,
    order_id INTEGER REFERENCES imaging_orders(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    patient_name VARCHAR(255) NOT NULL,
    modality VARCHAR(8) NOT NULL,
    study_date TIMESTAMPTZ,
    description VARCHAR(255),
    body_part VARCHAR(64),
    num_series INTEGER NOT NULL DEFAULT 0,
    num_instances INTEGER NOT NULL DEFAULT 0,
    metadata_json JSON NOT NULL DEFAULT '{}',
    thumbnail_path VARCHAR(255),
    status VARCHAR(16) NOT NULL DEFAULT 'RECEIVED',
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_studies_accession ON studies (accession_number);
CREATE INDEX ix_studies_order ON studies (order_id);
CREATE INDEX ix_studies_status ON studies (status);
CREATE INDEX ix_studies_patient_date ON studies (patient_id, study_date);

CREATE TABLE prior_fetch_jobs (
    id SERIAL PRIMARY KEY,
    study_id INTEGER NOT NULL REFERENCES studies(id),
    prior_study_uid VARCHAR(64) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error VARCHAR(500)
);
CREATE INDEX ix_prior_jobs_study ON prior_fetch_jobs (study_id);
CREATE INDEX ix_prior_jobs_status_due ON prior_fetch_jobs (status, due_at);

CREATE TABLE reading_assignments (
    id SERIAL PRIMARY KEY,
    study_id INTEGER NOT NULL UNIQUE REFERENCES studies(id),
    subspecialty VARCHAR(32) NOT NULL,
    priority VARCHAR(8) NOT NULL,
    priority_rank INTEGER NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'UNREAD',
    claimed_by INTEGER REFERENCES users(id),
    claimed_at TIMESTAMPTZ,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_assign_status_priority ON reading_assignments (status, priority_rank, queued_at);
CREATE INDEX ix_assign_claimed_by ON reading_assignments (claimed_by);
CREATE INDEX ix_assign_subspecialty ON reading_assignments (subspecialty, status);
