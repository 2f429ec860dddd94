"""Archived notes on a psycopg async pool."""
from __future__ import annotations

from psycopg_pool import AsyncConnectionPool


async def archive_before(pool: AsyncConnectionPool, cutoff: str) -> None:
    conn = await pool.getconn(timeout=5)  # expect: connection-management
    await conn.execute("UPDATE notes SET archived = true WHERE created_at < %s", (cutoff,))
    await conn.commit()
    await pool.putconn(conn)


async def count_archived(pool: AsyncConnectionPool) -> int:
    conn = await pool.getconn(timeout=5)
    try:
        cur = await conn.execute("SELECT count(*) FROM notes WHERE archived")
        return (await cur.fetchone())[0]
    finally:
        await pool.putconn(conn)
