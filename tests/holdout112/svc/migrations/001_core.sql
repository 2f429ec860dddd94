CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE households (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    external_ref    TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    timezone        TEXT NOT NULL DEFAULT 'Europe/London',
    utility_id      TEXT NOT NULL,
    region          TEXT NOT NULL,
    tariff_id       UUID,
    meter_mpan      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX households_utility_region_idx ON households (utility_id, region);

CREATE TABLE users (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email           TEXT NOT NULL UNIQUE,
    password_hash   TEXT NOT NULL,
    household_id    UUID REFERENCES households (id),
    role            TEXT NOT NULL DEFAULT 'owner',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX users_household_idx ON users (household_id);

CREATE TABLE api_keys (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    key_hash        TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    scopes          TEXT[] NOT NULL DEFAULT '{}',
    revoked_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE household_preferences (
    household_id    UUID PRIMARY KEY REFERENCES households (id),
    prefs           JSONB NOT NULL DEFAULT '{}'::jsonb,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE devices (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    household_id        UUID NOT NULL REFERENCES households (id),
    kind                TEXT NOT NULL,
    model               TEXT NOT NULL,
    serial              TEXT NOT NULL UNIQUE,
    mqtt_client_id      TEXT NOT NULL,
    firmware_version    TEXT NOT NULL,
    capacity_kwh        DOUBLE PRECISION,
    max_power_kw        DOUBLE PRECISION,
    status              TEXT NOT NULL DEFAULT 'online',
    last_seen_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX devices_household_idx ON devices (household_id);
CREATE INDEX devices_model_version_idx ON devices (model, firmware_version);
CREATE INDEX devices_serial_pattern_idx ON devices (serial text_pattern_ops);

CREATE TABLE audit_log (
    id              BIGSERIAL PRIMARY KEY,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    subject         TEXT NOT NULL,
    detail          JSONB NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, created_at);
