from __future__ import annotations

import asyncpg

from procurement.config import get_settings

EDI_OUTBOX = """
CREATE TABLE IF NOT EXISTS edi_outbox (
    id BIGSERIAL PRIMARY KEY,
    po_id BIGINT NOT NULL,
    message_type TEXT NOT NULL,
    payload JSONB NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_edi_outbox_pending ON edi_outbox (created_at) WHERE status = 'pending';
"""

AUDIT_LOG = """
CREATE TABLE IF NOT EXISTS audit_log (
    id BIGSERIAL PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id BIGINT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    detail JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_audit_entity ON audit_log (entity, entity_id);
"""

DUNNING_LOG = """
CREATE TABLE IF NOT EXISTS dunning_log (
    id BIGSERIAL PRIMARY KEY,
    po_id BIGINT NOT NULL,
    level INT NOT NULL,
    channel TEXT NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

SUPPLIER_API_KEYS = """
CREATE TABLE IF NOT EXISTS supplier_api_keys (
    key_id TEXT PRIMARY KEY,
    supplier_id BIGINT NOT NULL,
    salt BYTEA NOT NULL,
    key_hash BYTEA NOT NULL,
    expires_at TIMESTAMPTZ
);
"""

DDL_ALL = [EDI_OUTBOX, AUDIT_LOG, DUNNING_LOG, SUPPLIER_API_KEYS]

_pool: asyncpg.Pool | None = None


async def open_pool() -> asyncpg.Pool:
    global _pool
    settings = get_settings()
    _pool = await asyncpg.create_pool(
        settings.raw_dsn,
        min_size=2,
        max_size=10,
        command_timeout=15,
        timeout=10,
    )
    async with _pool.acquire(timeout=5) as conn:
        for statement in DDL_ALL:
            await conn.execute(statement)
    return _pool


async def close_pool() -> None:
    if _pool is not None:
        await _pool.close()


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("asyncpg pool not open")
    return _pool
