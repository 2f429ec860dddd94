-- Core schema: sites, charge points, drivers, tokens, tariffs, sessions, reservations.
BEGIN;

CREATE TABLE sites (
    id              SERIAL PRIMARY KEY,
    name            VARCHAR(120) NOT NULL,
    grid_ref        VARCHAR(64)  NOT NULL UNIQUE,
    zone            VARCHAR(16)  NOT NULL,
    static_limit_kw NUMERIC(10, 2) NOT NULL
);

CREATE TABLE tariffs (
    id                   SERIAL PRIMARY KEY,
    name                 VARCHAR(80) NOT NULL,
    currency             CHAR(3) NOT NULL DEFAULT 'EUR',
    energy_price_per_kwh NUMERIC(10, 4) NOT NULL,
    time_price_per_min   NUMERIC(10, 4) NOT NULL DEFAULT 0,
    session_fee          NUMERIC(10, 2) NOT NULL DEFAULT 0,
    idle_fee_per_min     NUMERIC(10, 4) NOT NULL DEFAULT 0,
    idle_grace_minutes   INTEGER NOT NULL DEFAULT 30,
    margin_per_kwh       NUMERIC(10, 4) NOT NULL DEFAULT 0,
    dynamic              BOOLEAN NOT NULL DEFAULT FALSE,
    zone                 VARCHAR(16),
    version              INTEGER NOT NULL DEFAULT 1,
    active               BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX ix_tariffs_active ON tariffs (active);

CREATE TABLE chargepoints (
    id                VARCHAR(48) PRIMARY KEY,
    site_id           INTEGER NOT NULL REFERENCES sites (id),
    vendor            VARCHAR(64) NOT NULL DEFAULT '',
    model             VARCHAR(64) NOT NULL DEFAULT '',
    firmware          VARCHAR(64),
    address           VARCHAR(255) NOT NULL,
    password_hash     VARCHAR(200) NOT NULL,
    status            VARCHAR(24) NOT NULL DEFAULT 'Unavailable',
    last_heartbeat_at TIMESTAMPTZ
);
CREATE INDEX ix_chargepoints_site_id ON chargepoints (site_id);

CREATE TABLE connectors (
    id             SERIAL PRIMARY KEY,
    chargepoint_id VARCHAR(48) NOT NULL REFERENCES chargepoints (id),
    connector_no   INTEGER NOT NULL,
    status         VARCHAR(24) NOT NULL DEFAULT 'Unavailable',
    max_kw         NUMERIC(8, 2) NOT NULL,
    tariff_id      INTEGER NOT NULL REFERENCES tariffs (id),
    CONSTRAINT uq_connectors_cp_no UNIQUE (chargepoint_id, connector_no)
);

CREATE TABLE drivers (
    id                   SERIAL PRIMARY KEY,
    email                VARCHAR(254) NOT NULL UNIQUE,
    name                 VARCHAR(120) NOT NULL,
    phone                VARCHAR(32),
    wallet_cents         BIGINT NOT NULL DEFAULT 0,
    payment_method_token VARCHAR(128),
    pin_hash             VARCHAR(200),
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE rfid_tokens (
    id         SERIAL PRIMARY KEY,
    uid        VARCHAR(32) NOT NULL UNIQUE,
    driver_id  INTEGER NOT NULL REFERENCES drivers (id),
    status     VARCHAR(16) NOT NULL DEFAULT 'Accepted',
    expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_rfid_tokens_driver_id ON rfid_tokens (driver_id);

CREATE SEQUENCE ocpp_transaction_id_seq START 1000;

CREATE TABLE charging_sessions (
    id             BIGSERIAL PRIMARY KEY,
    transaction_id INTEGER NOT NULL UNIQUE,
    chargepoint_id VARCHAR(48) NOT NULL REFERENCES chargepoints (id),
    connector_id   INTEGER NOT NULL REFERENCES connectors (id),
    driver_id      INTEGER REFERENCES drivers (id),
    id_tag         VARCHAR(32) NOT NULL,
    tariff_id      INTEGER NOT NULL REFERENCES tariffs (id),
    meter_start_wh BIGINT NOT NULL,
    meter_stop_wh  BIGINT,
    started_at     TIMESTAMPTZ NOT NULL,
    stopped_at     TIMESTAMPTZ,
    stop_reason    VARCHAR(32),
    idle_minutes   INTEGER NOT NULL DEFAULT 0,
    status         VARCHAR(16) NOT NULL DEFAULT 'active',
    cost_cents     INTEGER,
    roaming_party  VARCHAR(8)
);
CREATE INDEX ix_sessions_cp_started ON charging_sessions (chargepoint_id, started_at);
CREATE INDEX ix_sessions_connector_status ON charging_sessions (connector_id, status);
CREATE INDEX ix_sessions_driver_id ON charging_sessions (driver_id, id);
CREATE INDEX ix_sessions_started_at ON charging_sessions (started_at);

CREATE TABLE reservations (
    id           SERIAL PRIMARY KEY,
    connector_id INTEGER NOT NULL REFERENCES connectors (id),
    driver_id    INTEGER NOT NULL REFERENCES drivers (id),
    status       VARCHAR(16) NOT NULL DEFAULT 'active',
    expires_at   TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_reservations_connector_status ON reservations (connector_id, status);
CREATE INDEX ix_reservations_status_expires ON reservations (status, expires_at);

COMMIT;
