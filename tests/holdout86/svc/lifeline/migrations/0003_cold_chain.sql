-- Cold chain, recalls and the audit trail.
CREATE TABLE sensors (
    id varchar(40) PRIMARY KEY,
    site_id integer NOT NULL REFERENCES sites (id),
    fridge_label varchar(40) NOT NULL,
    min_celsius real NOT NULL,
    max_celsius real NOT NULL
);
CREATE INDEX ix_sensors_site_id ON sensors (site_id);

CREATE TABLE sensor_readings (
    sensor_id varchar(40) NOT NULL REFERENCES sensors (id),
    celsius real NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (sensor_id, recorded_at)
);

CREATE TABLE excursions (
    id serial PRIMARY KEY,
    sensor_id varchar(40) NOT NULL REFERENCES sensors (id),
    started_at timestamptz NOT NULL,
    closed_at timestamptz,
    peak_celsius real NOT NULL
);
CREATE UNIQUE INDEX ux_excursions_open ON excursions (sensor_id) WHERE closed_at IS NULL;

CREATE TABLE recall_notices (
    id serial PRIMARY KEY,
    lot_number varchar(40) NOT NULL,
    hospital_id integer NOT NULL REFERENCES sites (id),
    status varchar(20) NOT NULL DEFAULT 'pending',
    attempts integer NOT NULL DEFAULT 0,
    sent_at timestamptz
);
CREATE INDEX ix_recall_notices_status ON recall_notices (status) WHERE status = 'pending';

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor varchar(80) NOT NULL,
    action varchar(60) NOT NULL,
    subject varchar(80) NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}'
);
