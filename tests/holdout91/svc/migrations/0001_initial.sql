CREATE TABLE sites (
    id SERIAL PRIMARY KEY,
    code VARCHAR(16) NOT NULL,
    name VARCHAR(120) NOT NULL,
    kind VARCHAR(8) NOT NULL,
    capacity_kw DOUBLE PRECISION NOT NULL,
    region VARCHAR(32) NOT NULL,
    timezone VARCHAR(40) NOT NULL DEFAULT 'UTC',
    CONSTRAINT uq_sites_code UNIQUE (code)
);

CREATE TABLE assets (
    id SERIAL PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    kind VARCHAR(12) NOT NULL,
    serial VARCHAR(40) NOT NULL,
    rated_kw DOUBLE PRECISION NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'running',
    CONSTRAINT uq_assets_serial UNIQUE (serial)
);
CREATE INDEX ix_assets_site_id ON assets (site_id);

CREATE TABLE alarms (
    id SERIAL PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    asset_id INTEGER REFERENCES assets(id),
    code VARCHAR(24) NOT NULL,
    severity INTEGER NOT NULL,
    raised_at TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by VARCHAR(64),
    escalation_level INTEGER NOT NULL DEFAULT 0,
    cleared_at TIMESTAMPTZ
);
CREATE INDEX ix_alarms_site_raised ON alarms (site_id, raised_at);

CREATE TABLE technicians (
    id SERIAL PRIMARY KEY,
    name VARCHAR(80) NOT NULL,
    phone VARCHAR(24) NOT NULL,
    region VARCHAR(32) NOT NULL,
    on_shift BOOLEAN NOT NULL DEFAULT FALSE,
    skills JSON NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_technicians_region_shift ON technicians (region, on_shift);

CREATE TABLE work_orders (
    id SERIAL PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    asset_id INTEGER REFERENCES assets(id),
    alarm_id INTEGER REFERENCES alarms(id),
    title VARCHAR(200) NOT NULL,
    priority VARCHAR(8) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'open',
    technician_id INTEGER REFERENCES technicians(id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_work_orders_site_status ON work_orders (site_id, status);
