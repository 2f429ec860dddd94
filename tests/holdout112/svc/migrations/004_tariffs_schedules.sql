CREATE TABLE tariffs (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    provider_code   TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    export_rate     DOUBLE PRECISION NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tariff_prices (
    tariff_id       UUID NOT NULL REFERENCES tariffs (id),
    slot_start      TIMESTAMPTZ NOT NULL,
    price_pence     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (tariff_id, slot_start)
);

CREATE TABLE charge_schedules (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    household_id    UUID NOT NULL REFERENCES households (id),
    device_id       UUID NOT NULL REFERENCES devices (id),
    day             DATE NOT NULL,
    plan            JSONB NOT NULL,
    cost_pence      DOUBLE PRECISION NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (device_id, day)
);
CREATE INDEX charge_schedules_household_day_idx ON charge_schedules (household_id, day);
