-- Raw request events pushed by gateway nodes. Written with COPY by the ingest path,
-- read by the analytics API and the hourly rollup. Partitioned by month.
CREATE TABLE IF NOT EXISTS usage_events (
    id          BIGSERIAL,
    tenant_id   UUID        NOT NULL,
    api_key_id  UUID        NOT NULL,
    route       TEXT        NOT NULL,
    method      VARCHAR(8)  NOT NULL,
    status_code SMALLINT    NOT NULL,
    latency_ms  INTEGER     NOT NULL,
    bytes_out   BIGINT      NOT NULL DEFAULT 0,
    ts          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (id, ts)
) PARTITION BY RANGE (ts);

CREATE INDEX IF NOT EXISTS ix_usage_events_tenant_ts ON usage_events (tenant_id, ts);
CREATE INDEX IF NOT EXISTS ix_usage_events_ts_brin ON usage_events USING BRIN (ts);

CREATE TABLE IF NOT EXISTS ingest_batches (
    batch_id    TEXT        PRIMARY KEY,
    node_id     TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
