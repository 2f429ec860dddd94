-- High-volume event tables, written through asyncpg rather than the ORM.
CREATE TABLE IF NOT EXISTS exposures (
    id             BIGSERIAL PRIMARY KEY,
    experiment_id  UUID        NOT NULL,
    variant        VARCHAR(64) NOT NULL,
    user_key       VARCHAR(256) NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    event_id       UUID        NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_exposures_event_id ON exposures (event_id);
CREATE INDEX IF NOT EXISTS ix_exposures_experiment_variant_time
    ON exposures (experiment_id, variant, occurred_at);

CREATE TABLE IF NOT EXISTS conversions (
    id             BIGSERIAL PRIMARY KEY,
    experiment_id  UUID         NOT NULL,
    user_key       VARCHAR(256) NOT NULL,
    metric_key     VARCHAR(128) NOT NULL,
    value          DOUBLE PRECISION NOT NULL DEFAULT 1,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    event_id       UUID         NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_conversions_event_id ON conversions (event_id);
CREATE INDEX IF NOT EXISTS ix_conversions_experiment_user
    ON conversions (experiment_id, user_key);

CREATE TABLE IF NOT EXISTS experiment_results (
    experiment_id  UUID         NOT NULL,
    variant        VARCHAR(64)  NOT NULL,
    exposures      BIGINT       NOT NULL,
    conversions    BIGINT       NOT NULL,
    rate           DOUBLE PRECISION NOT NULL,
    computed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (experiment_id, variant)
);
