-- Tables managed outside the ORM (raw asyncpg paths).
CREATE TABLE IF NOT EXISTS table_status (
    table_id      integer PRIMARY KEY REFERENCES dining_tables(id),
    restaurant_id integer NOT NULL REFERENCES restaurants(id),
    state         varchar(16) NOT NULL DEFAULT 'free',
    booking_id    bigint,
    changed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_table_status_restaurant ON table_status (restaurant_id);

CREATE TABLE IF NOT EXISTS sms_outbox (
    id          bigserial PRIMARY KEY,
    phone       varchar(32) NOT NULL,
    body        text NOT NULL,
    kind        varchar(24) NOT NULL,
    sent_at     timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_sms_outbox_unsent ON sms_outbox (created_at) WHERE sent_at IS NULL;

CREATE TABLE IF NOT EXISTS staff (
    id             serial PRIMARY KEY,
    code           varchar(16) NOT NULL UNIQUE,
    role           varchar(16) NOT NULL DEFAULT 'host',
    pin_hash       text NOT NULL,
    pin_salt       text NOT NULL,
    restaurant_ids integer[] NOT NULL DEFAULT '{}',
    active         boolean NOT NULL DEFAULT true
);
