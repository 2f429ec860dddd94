CREATE TABLE zones (
    id              SERIAL PRIMARY KEY,
    city_id         INTEGER NOT NULL,
    name            VARCHAR(120) NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    polygon_wkt     TEXT NOT NULL,
    per_minute_cents INTEGER NOT NULL DEFAULT 25,
    unlock_fee_cents INTEGER,
    speed_limit_kmh INTEGER,
    target_vehicles INTEGER NOT NULL DEFAULT 0,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_zones_city_id ON zones (city_id);

CREATE TABLE riders (
    id              UUID PRIMARY KEY,
    email           VARCHAR(320) NOT NULL UNIQUE,
    phone           VARCHAR(32) NOT NULL UNIQUE,
    full_name       VARCHAR(200) NOT NULL,
    password_hash   VARCHAR(200) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'active',
    city_id         INTEGER NOT NULL,
    locale          VARCHAR(8) NOT NULL DEFAULT 'en',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_riders_city_id ON riders (city_id);
CREATE INDEX ix_riders_email_lower ON riders (email);

CREATE TABLE wallets (
    id              UUID PRIMARY KEY,
    rider_id        UUID NOT NULL UNIQUE REFERENCES riders (id),
    balance_cents   BIGINT NOT NULL DEFAULT 0,
    currency        CHAR(3) NOT NULL DEFAULT 'EUR',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE wallet_transactions (
    id              UUID PRIMARY KEY,
    wallet_id       UUID NOT NULL REFERENCES wallets (id),
    amount_cents    BIGINT NOT NULL,
    kind            VARCHAR(32) NOT NULL,
    reference       VARCHAR(64) NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_wallet_tx_reference UNIQUE (wallet_id, reference)
);
CREATE INDEX ix_wallet_tx_wallet_created ON wallet_transactions (wallet_id, created_at);

CREATE TABLE payment_methods (
    id              UUID PRIMARY KEY,
    rider_id        UUID NOT NULL REFERENCES riders (id),
    gateway_token   VARCHAR(128) NOT NULL,
    brand           VARCHAR(16) NOT NULL,
    last4           CHAR(4) NOT NULL,
    is_default      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_payment_methods_rider_id ON payment_methods (rider_id);

CREATE TABLE vehicles (
    id              UUID PRIMARY KEY,
    qr_code         VARCHAR(16) NOT NULL UNIQUE,
    iot_device_id   VARCHAR(64) NOT NULL UNIQUE,
    vehicle_type    VARCHAR(16) NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'available',
    battery_pct     INTEGER NOT NULL DEFAULT 100,
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    zone_id         INTEGER REFERENCES zones (id),
    city_id         INTEGER NOT NULL,
    last_seen_at    TIMESTAMPTZ,
    firmware        VARCHAR(32) NOT NULL DEFAULT '',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_vehicles_city_status ON vehicles (city_id, status);
CREATE INDEX ix_vehicles_zone_status ON vehicles (zone_id, status);

CREATE TABLE rides (
    id              UUID PRIMARY KEY,
    rider_id        UUID NOT NULL REFERENCES riders (id),
    vehicle_id      UUID NOT NULL REFERENCES vehicles (id),
    zone_id         INTEGER REFERENCES zones (id),
    status          VARCHAR(16) NOT NULL DEFAULT 'active',
    started_at      TIMESTAMPTZ NOT NULL,
    ended_at        TIMESTAMPTZ,
    start_lat       DOUBLE PRECISION NOT NULL,
    start_lon       DOUBLE PRECISION NOT NULL,
    end_lat         DOUBLE PRECISION,
    end_lon         DOUBLE PRECISION,
    distance_m      INTEGER NOT NULL DEFAULT 0,
    fare_cents      BIGINT,
    settled         BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_rides_rider_started ON rides (rider_id, started_at);
CREATE INDEX ix_rides_status_started ON rides (status, started_at);
CREATE INDEX ix_rides_settled_ended ON rides (settled, ended_at);

CREATE TABLE telemetry_points (
    id              BIGSERIAL PRIMARY KEY,
    vehicle_id      UUID NOT NULL REFERENCES vehicles (id),
    recorded_at     TIMESTAMPTZ NOT NULL,
    lat             DOUBLE PRECISION NOT NULL,
    lon             DOUBLE PRECISION NOT NULL,
    battery_pct     INTEGER NOT NULL,
    speed_kmh       DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE INDEX ix_telemetry_vehicle_recorded ON telemetry_points (vehicle_id, recorded_at);
