-- 001_init.sql: initial schema for the trading backend.

CREATE TABLE IF NOT EXISTS users (
    id              BIGSERIAL PRIMARY KEY,
    email           TEXT        NOT NULL UNIQUE,
    display_name    TEXT        NOT NULL,
    password_hash   TEXT        NOT NULL,
    api_key         TEXT        NOT NULL UNIQUE,
    is_admin        BOOLEAN     NOT NULL DEFAULT FALSE,
    is_active       BOOLEAN     NOT NULL DEFAULT TRUE,
    cash_balance    NUMERIC(18, 4) NOT NULL DEFAULT 0,
    settings        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS instruments (
    id              BIGSERIAL PRIMARY KEY,
    symbol          TEXT        NOT NULL UNIQUE,
    name            TEXT        NOT NULL,
    exchange        TEXT        NOT NULL,
    currency        CHAR(3)     NOT NULL DEFAULT 'USD',
    tick_size       NUMERIC(18, 8) NOT NULL DEFAULT 0.01,
    lot_size        INTEGER     NOT NULL DEFAULT 1,
    is_active       BOOLEAN     NOT NULL DEFAULT TRUE,
    last_price      NUMERIC(18, 8),
    last_price_at   TIMESTAMPTZ
);

CREATE INDEX IF NOT EXISTS idx_instruments_symbol_prefix
    ON instruments (symbol text_pattern_ops);

CREATE TABLE IF NOT EXISTS orders (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    instrument_id   BIGINT      NOT NULL REFERENCES instruments (id),
    side            TEXT        NOT NULL CHECK (side IN ('buy', 'sell')),
    order_type      TEXT        NOT NULL CHECK (order_type IN ('market', 'limit', 'stop')),
    quantity        NUMERIC(18, 8) NOT NULL,
    limit_price     NUMERIC(18, 8),
    status          TEXT        NOT NULL DEFAULT 'new',
    filled_quantity NUMERIC(18, 8) NOT NULL DEFAULT 0,
    avg_fill_price  NUMERIC(18, 8),
    client_ref      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_orders_user_created
    ON orders (user_id, created_at DESC);

CREATE TABLE IF NOT EXISTS orders_archive (LIKE orders INCLUDING DEFAULTS);

CREATE TABLE IF NOT EXISTS positions (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    instrument_id   BIGINT      NOT NULL REFERENCES instruments (id),
    quantity        NUMERIC(18, 8) NOT NULL DEFAULT 0,
    avg_price       NUMERIC(18, 8) NOT NULL DEFAULT 0,
    realized_pnl    NUMERIC(18, 4) NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, instrument_id)
);

CREATE TABLE IF NOT EXISTS alerts (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    instrument_id   BIGINT      NOT NULL REFERENCES instruments (id),
    direction       TEXT        NOT NULL CHECK (direction IN ('above', 'below')),
    threshold       NUMERIC(18, 8) NOT NULL,
    is_active       BOOLEAN     NOT NULL DEFAULT TRUE,
    triggered_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_alerts_user
    ON alerts (user_id);

CREATE TABLE IF NOT EXISTS alerts_archive (LIKE alerts INCLUDING DEFAULTS);

CREATE TABLE IF NOT EXISTS audit_log (
    id              BIGSERIAL PRIMARY KEY,
    user_id         BIGINT,
    action          TEXT        NOT NULL,
    details         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS idx_audit_log_created
    ON audit_log (created_at);

CREATE INDEX IF NOT EXISTS idx_audit_log_user_created
    ON audit_log (user_id, created_at DESC);
