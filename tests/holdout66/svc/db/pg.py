"""Raw asyncpg pool for the high-volume analytics tables."""
from __future__ import annotations

import asyncpg

from svc.config import settings

ANALYTICS_DDL = """
CREATE TABLE IF NOT EXISTS listen_events (
    id           BIGSERIAL PRIMARY KEY,
    episode_id   BIGINT      NOT NULL,
    show_id      BIGINT      NOT NULL,
    listener_key TEXT        NOT NULL,
    user_agent   TEXT,
    country      TEXT,
    bytes_served BIGINT      NOT NULL DEFAULT 0,
    listen_seconds INTEGER   NOT NULL DEFAULT 0,
    occurred_at  TIMESTAMPTZ NOT NULL,
    rolled_up    BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX IF NOT EXISTS ix_listen_events_pending ON listen_events (id) WHERE NOT rolled_up;
CREATE INDEX IF NOT EXISTS ix_listen_events_show_time ON listen_events (show_id, occurred_at);

CREATE TABLE IF NOT EXISTS rollup_cursor (
    name        TEXT PRIMARY KEY,
    last_id     BIGINT NOT NULL DEFAULT 0,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

_pool: asyncpg.Pool | None = None


async def init_pool() -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(
        settings.analytics_dsn,
        min_size=settings.analytics_pool_min,
        max_size=settings.analytics_pool_max,
        command_timeout=15,
        timeout=10,
    )
    async with _pool.acquire(timeout=10) as conn:
        await conn.execute(ANALYTICS_DDL)
    return _pool


def pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("analytics pool not initialised")
    return _pool


async def close_pool() -> None:
    global _pool
    if _pool is not None:
        await _pool.close()
        _pool = None
