"""Tag storage on asyncpg: functions the routes call with the app's pool."""
from __future__ import annotations

import asyncpg


async def rename_tag(pool: asyncpg.Pool, tag_id: int, name: str) -> None:
    async with pool.acquire(timeout=5) as conn:
        await conn.execute("UPDATE tags SET name = $2 WHERE id = $1", tag_id, name)


async def purge_unused(pool: asyncpg.Pool) -> int:
    conn = await pool.acquire(timeout=5)  # expect: connection-management
    status = await conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM note_tags)")
    await pool.release(conn)
    return int(status.split()[-1])
