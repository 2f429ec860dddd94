from __future__ import annotations

import asyncpg

from docflow.config import get_settings

class RawPool:
    """Thin holder for the asyncpg pool used by the realtime write path."""

    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None

    async def open(self) -> None:
        settings = get_settings()
        self.pool = await asyncpg.create_pool(
            settings.raw_dsn,
            min_size=2,
            max_size=10,
            command_timeout=10,
        )
        async with self.pool.acquire(timeout=5) as conn:
            for ddl in ALL_DDL:
                await conn.execute(ddl)

    async def close(self) -> None:
        if self.pool is not None:
            await self.pool.close()

    def get(self) -> asyncpg.Pool:
        if self.pool is None:
            raise RuntimeError("raw pool not open")
        return self.pool


raw_pool = RawPool()


OPERATIONS_DDL = """
CREATE TABLE IF NOT EXISTS doc_operations (
    id           BIGSERIAL PRIMARY KEY,
    document_id  UUID NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    client_id    TEXT NOT NULL,
    user_id      UUID NOT NULL,
    op           JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_doc_operations_created ON doc_operations (created_at);
"""

WEBHOOK_DELIVERIES_DDL = """
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id            BIGSERIAL PRIMARY KEY,
    endpoint_id   BIGINT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    event         TEXT NOT NULL,
    payload       JSONB NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending',
    attempts      INT NOT NULL DEFAULT 0,
    next_attempt  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error    TEXT
);
CREATE INDEX IF NOT EXISTS ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt);
"""

SEARCH_OUTBOX_DDL = """
CREATE TABLE IF NOT EXISTS search_outbox (
    id           BIGSERIAL PRIMARY KEY,
    document_id  UUID NOT NULL,
    enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_by   TEXT,
    claimed_at   TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_search_outbox_unclaimed ON search_outbox (id) WHERE claimed_by IS NULL;
"""

ALL_DDL = [OPERATIONS_DDL, WEBHOOK_DELIVERIES_DDL, SEARCH_OUTBOX_DDL]
