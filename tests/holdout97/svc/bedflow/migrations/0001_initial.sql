CREATE TYPE bed_state AS ENUM ('occupied', 'dirty', 'cleaning', 'ready', 'blocked', 'held');

CREATE TABLE wards (
    id SERIAL PRIMARY KEY,
    code VARCHAR(16) NOT NULL UNIQUE,
    name VARCHAR(120) NOT NULL,
    facility VARCHAR(16) NOT NULL,
    isolation_rooms INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE patients (
    id SERIAL PRIMARY KEY,
    mrn VARCHAR(32) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    isolation_code VARCHAR(16),
    admitted_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX ix_patients_mrn ON patients (mrn);

CREATE TABLE beds (
    id SERIAL PRIMARY KEY,
    ward_id INTEGER NOT NULL REFERENCES wards(id),
    label VARCHAR(16) NOT NULL,
    room VARCHAR(16) NOT NULL,
    room_is_shared BOOLEAN NOT NULL DEFAULT TRUE,
    state bed_state NOT NULL DEFAULT 'ready',
    patient_id INTEGER REFERENCES patients(id),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_beds_ward_label UNIQUE (ward_id, label)
);
CREATE INDEX ix_beds_ward_state ON beds (ward_id, state);

CREATE TABLE bed_requests (
    id SERIAL PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    target_ward_id INTEGER REFERENCES wards(id),
    priority INTEGER NOT NULL,
    isolation VARCHAR(16),
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_bed_requests_patient ON bed_requests (patient_id);
CREATE INDEX ix_bed_requests_ward ON bed_requests (target_ward_id);

CREATE TABLE bed_assignments (
    id SERIAL PRIMARY KEY,
    bed_id INTEGER NOT NULL REFERENCES beds(id),
    request_id INTEGER NOT NULL REFERENCES bed_requests(id),
    hold_expires_at TIMESTAMPTZ NOT NULL,
    released_at TIMESTAMPTZ
);
CREATE INDEX ix_bed_assignments_hold_expires ON bed_assignments (hold_expires_at) WHERE released_at IS NULL;
CREATE INDEX ix_bed_assignments_bed ON bed_assignments (bed_id);
