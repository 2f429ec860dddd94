CREATE TABLE telemetry_samples (
    id BIGSERIAL PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES assets(id),
    ts TIMESTAMPTZ NOT NULL,
    metric VARCHAR(32) NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    CONSTRAINT uq_telemetry_point UNIQUE (asset_id, metric, ts)
);
CREATE INDEX ix_telemetry_asset_ts ON telemetry_samples (asset_id, ts);

CREATE TABLE curtailment_orders (
    id SERIAL PRIMARY KEY,
    command_id VARCHAR(64) NOT NULL,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    limit_kw DOUBLE PRECISION NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ,
    received_at TIMESTAMPTZ NOT NULL,
    acked_at TIMESTAMPTZ,
    status VARCHAR(16) NOT NULL DEFAULT 'received',
    CONSTRAINT uq_curtailment_command UNIQUE (command_id)
);
CREATE INDEX ix_curtailment_site_starts ON curtailment_orders (site_id, starts_at);

CREATE TABLE forecasts (
    id SERIAL PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    horizon_start TIMESTAMPTZ NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    hourly_kw JSON NOT NULL
);
CREATE INDEX ix_forecasts_site_horizon ON forecasts (site_id, horizon_start);

CREATE TABLE nominations (
    id SERIAL PRIMARY KEY,
    site_id INTEGER NOT NULL REFERENCES sites(id),
    delivery_day DATE NOT NULL,
    hourly_mwh JSON NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'draft',
    market_ref VARCHAR(64),
    submitted_at TIMESTAMPTZ,
    CONSTRAINT uq_nomination_site_day UNIQUE (site_id, delivery_day)
);

CREATE TABLE daily_settlements (
    site_id INTEGER NOT NULL REFERENCES sites(id),
    day DATE NOT NULL,
    energy_mwh DOUBLE PRECISION NOT NULL,
    revenue_eur NUMERIC(14, 2) NOT NULL,
    availability_pct DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (site_id, day)
);

CREATE TABLE kpi_daily_availability (
    site_id INTEGER NOT NULL REFERENCES sites(id),
    day DATE NOT NULL,
    availability_pct DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (site_id, day)
);
