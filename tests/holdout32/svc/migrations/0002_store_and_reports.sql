-- 0002: store, inventory, audit, cheat reports, seasons
CREATE TABLE store_items (
    sku         VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    kind        VARCHAR(32)  NOT NULL,
    price_cents INTEGER      NOT NULL,
    currency    CHAR(3)      NOT NULL DEFAULT 'USD',
    active      BOOLEAN      NOT NULL DEFAULT TRUE,
    attributes  JSONB        NOT NULL DEFAULT '{}'
);

CREATE TABLE purchases (
    id              UUID PRIMARY KEY,
    player_id       BIGINT      NOT NULL REFERENCES players (id),
    sku             VARCHAR(64) NOT NULL REFERENCES store_items (sku),
    quantity        INTEGER     NOT NULL DEFAULT 1,
    amount_cents    INTEGER     NOT NULL,
    currency        CHAR(3)     NOT NULL,
    status          VARCHAR(16) NOT NULL DEFAULT 'pending',
    provider_ref    VARCHAR(64) UNIQUE,
    idempotency_key VARCHAR(64) NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_purchases_player_id ON purchases (player_id);
CREATE INDEX ix_purchases_status_created ON purchases (status, created_at);

CREATE TABLE inventory_items (
    player_id  BIGINT      NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    sku        VARCHAR(64) NOT NULL REFERENCES store_items (sku),
    quantity   INTEGER     NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id, sku)
);

CREATE TABLE audit_log (
    id         BIGSERIAL PRIMARY KEY,
    actor_id   BIGINT,
    action     VARCHAR(64) NOT NULL,
    payload    JSONB       NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE cheat_reports (
    id             BIGSERIAL PRIMARY KEY,
    reporter_id    BIGINT      NOT NULL REFERENCES players (id),
    suspect_id     BIGINT      NOT NULL REFERENCES players (id),
    match_id       BIGINT      REFERENCES matches (id),
    reason         VARCHAR(32) NOT NULL,
    details        TEXT,
    telemetry_key  VARCHAR(255),
    aim_snap_ratio DOUBLE PRECISION,
    status         VARCHAR(16) NOT NULL DEFAULT 'new',
    verdict        VARCHAR(16),
    confidence     DOUBLE PRECISION,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_cheat_reports_suspect_id ON cheat_reports (suspect_id);
CREATE INDEX ix_cheat_reports_reporter_id ON cheat_reports (reporter_id);

CREATE TABLE seasons (
    id                 SERIAL PRIMARY KEY,
    name               VARCHAR(64) NOT NULL,
    starts_at          TIMESTAMPTZ NOT NULL,
    ends_at            TIMESTAMPTZ NOT NULL,
    rewards_granted_at TIMESTAMPTZ
);

CREATE TABLE season_rewards (
    id         BIGSERIAL PRIMARY KEY,
    season_id  INTEGER     NOT NULL REFERENCES seasons (id),
    player_id  BIGINT      NOT NULL REFERENCES players (id),
    tier       VARCHAR(16) NOT NULL,
    sku        VARCHAR(64) NOT NULL REFERENCES store_items (sku),
    claimed_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_season_rewards_season_player UNIQUE (season_id, player_id)
);
