CREATE TYPE trip_status AS ENUM ('requested','accepted','in_progress','completed','cancelled','expired');

CREATE TABLE riders (
    id BIGSERIAL PRIMARY KEY,
    phone VARCHAR(32) NOT NULL UNIQUE,
    name VARCHAR(120) NOT NULL,
    push_token VARCHAR(255),
    psp_customer_id VARCHAR(64),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE vehicles (
    id BIGSERIAL PRIMARY KEY,
    plate VARCHAR(16) NOT NULL UNIQUE,
    model VARCHAR(64) NOT NULL,
    seats INTEGER NOT NULL DEFAULT 4
);

CREATE TABLE drivers (
    id BIGSERIAL PRIMARY KEY,
    phone VARCHAR(32) NOT NULL UNIQUE,
    name VARCHAR(120) NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    city VARCHAR(32) NOT NULL,
    vehicle_id BIGINT REFERENCES vehicles(id),
    rating NUMERIC(3,2) NOT NULL DEFAULT 5.00,
    balance_cents BIGINT NOT NULL DEFAULT 0,
    push_token VARCHAR(255),
    bank_account_ref VARCHAR(64)
);
CREATE INDEX ix_drivers_city ON drivers (city);

CREATE TABLE trips (
    id BIGSERIAL PRIMARY KEY,
    rider_id BIGINT NOT NULL REFERENCES riders(id),
    driver_id BIGINT REFERENCES drivers(id),
    status trip_status NOT NULL,
    city VARCHAR(32) NOT NULL,
    zone_id VARCHAR(16) NOT NULL,
    pickup_lat DOUBLE PRECISION NOT NULL,
    pickup_lng DOUBLE PRECISION NOT NULL,
    dropoff_lat DOUBLE PRECISION NOT NULL,
    dropoff_lng DOUBLE PRECISION NOT NULL,
    pickup_address TEXT NOT NULL,
    fare_cents BIGINT,
    surge_multiplier NUMERIC(4,2) NOT NULL DEFAULT 1.00,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at TIMESTAMPTZ
);
CREATE INDEX ix_trips_driver_id ON trips (driver_id);
CREATE INDEX ix_trips_status_created ON trips (status, created_at);
CREATE INDEX ix_trips_city_created ON trips (city, created_at);

CREATE TABLE payments (
    id BIGSERIAL PRIMARY KEY,
    trip_id BIGINT NOT NULL UNIQUE REFERENCES trips(id),
    amount_cents BIGINT NOT NULL,
    currency VARCHAR(3) NOT NULL DEFAULT 'USD',
    status VARCHAR(16) NOT NULL DEFAULT 'authorized',
    psp_reference VARCHAR(64),
    idempotency_key VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_payments_psp_reference ON payments (psp_reference);

CREATE TABLE payouts (
    id BIGSERIAL PRIMARY KEY,
    driver_id BIGINT NOT NULL REFERENCES drivers(id),
    amount_cents BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    bank_reference VARCHAR(64),
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_payouts_status_created ON payouts (status, created_at);

CREATE TABLE ratings (
    id BIGSERIAL PRIMARY KEY,
    trip_id BIGINT NOT NULL UNIQUE REFERENCES trips(id),
    driver_id BIGINT NOT NULL REFERENCES drivers(id),
    stars INTEGER NOT NULL,
    comment TEXT
);
CREATE INDEX ix_ratings_driver_id ON ratings (driver_id);

CREATE TABLE promotions (
    code VARCHAR(32) PRIMARY KEY,
    discount_pct INTEGER NOT NULL,
    max_uses INTEGER NOT NULL,
    uses INTEGER NOT NULL DEFAULT 0
);
