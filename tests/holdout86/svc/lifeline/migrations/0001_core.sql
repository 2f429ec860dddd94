-- Core registry, drives and bookings.
CREATE TABLE sites (
    id serial PRIMARY KEY,
    name varchar(120) NOT NULL,
    kind varchar(20) NOT NULL,
    region varchar(40) NOT NULL
);

CREATE TABLE donors (
    id serial PRIMARY KEY,
    national_id_hash varchar(128) NOT NULL,
    first_name varchar(80) NOT NULL,
    last_name varchar(80) NOT NULL,
    email varchar(200),
    phone varchar(32),
    sex char(1) NOT NULL,
    abo varchar(2) NOT NULL,
    rh char(1) NOT NULL,
    birth_date timestamptz NOT NULL,
    last_donation_at timestamptz,
    opted_out boolean NOT NULL DEFAULT false,
    CONSTRAINT uq_donors_national_id_hash UNIQUE (national_id_hash)
);
CREATE INDEX ix_donors_email ON donors (email);
CREATE INDEX ix_donors_last_name ON donors (last_name);

CREATE TABLE deferrals (
    id serial PRIMARY KEY,
    donor_id integer NOT NULL REFERENCES donors (id),
    reason varchar(60) NOT NULL,
    until timestamptz,
    permanent boolean NOT NULL DEFAULT false
);
CREATE INDEX ix_deferrals_donor_id_until ON deferrals (donor_id, until);

CREATE TABLE drives (
    id serial PRIMARY KEY,
    site_id integer NOT NULL REFERENCES sites (id),
    title varchar(120) NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    capacity integer NOT NULL
);
CREATE INDEX ix_drives_site_starts ON drives (site_id, starts_at);

CREATE TABLE slots (
    id serial PRIMARY KEY,
    drive_id integer NOT NULL REFERENCES drives (id),
    starts_at timestamptz NOT NULL,
    capacity integer NOT NULL
);
CREATE INDEX ix_slots_drive_id ON slots (drive_id);

CREATE TABLE appointments (
    id serial PRIMARY KEY,
    slot_id integer NOT NULL REFERENCES slots (id),
    donor_id integer NOT NULL REFERENCES donors (id),
    status varchar(20) NOT NULL DEFAULT 'booked',
    reminder_due_at timestamptz,
    reminder_sent_at timestamptz,
    CONSTRAINT uq_appointments_slot_donor UNIQUE (slot_id, donor_id)
);
CREATE INDEX ix_appointments_slot_id ON appointments (slot_id);
