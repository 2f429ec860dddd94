"""Claims of due rows through a subquery on the same table."""
from __future__ import annotations

import asyncpg


async def lease_due(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    # the outer `id IN (...)` uses the primary key, but only after the subquery scanned for its rows
    return await conn.fetch(
        """
        UPDATE deliveries SET status = 'sending'
        WHERE id IN (
            SELECT id FROM deliveries
            WHERE status = 'pending' AND next_attempt_at <= now()  -- # expect: missing-index
            ORDER BY next_attempt_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        )
        RETURNING id, payload
        """,
        limit,
    )


async def drop_expired(conn: asyncpg.Connection) -> str:
    return await conn.execute(
        "DELETE FROM holds WHERE id IN (SELECT id FROM holds WHERE expires_at < now() LIMIT 500)"  # expect: missing-index
    )


async def claim_jobs(conn: asyncpg.Connection, limit: int) -> list[asyncpg.Record]:
    # look-alike: the partial index on the pending rows serves the subquery
    return await conn.fetch(
        """
        UPDATE jobs SET status = 'running'
        WHERE id IN (
            SELECT id FROM jobs
            WHERE status = 'pending'
            ORDER BY created_at
            LIMIT $1
            FOR UPDATE SKIP LOCKED
        )
        RETURNING id
        """,
        limit,
    )


async def release(conn: asyncpg.Connection, ids: list[int]) -> str:
    # look-alike: keys given by the caller, served by the primary key
    return await conn.execute("DELETE FROM holds WHERE id IN ($1, $2)", ids[0], ids[1])


async def swept(conn: asyncpg.Connection, sweep_id: int) -> list[asyncpg.Record]:
    # look-alike: the subquery reads another table by its primary key, the outer one by its own
    return await conn.fetch("SELECT id FROM holds WHERE id IN (SELECT hold_id FROM sweeps WHERE id = $1)", sweep_id)


async def last_done(conn: asyncpg.Connection, url: str) -> asyncpg.Record | None:
    # the partial index holds the live rows: it cannot find a finished task by its url
    return await conn.fetchrow("SELECT id FROM tasks WHERE url = $1 AND status = 'done' LIMIT 1", url)  # expect: missing-index
