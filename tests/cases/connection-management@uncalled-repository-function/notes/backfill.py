"""One-off operator script: the process exits when done, taking its connection with it."""
from __future__ import annotations

import asyncio

import asyncpg


async def backfill_slugs(dsn: str) -> None:
    pool = await asyncpg.create_pool(dsn, command_timeout=30)
    conn = await pool.acquire(timeout=5)
    await conn.execute("UPDATE tags SET slug = lower(name) WHERE slug IS NULL")
    await pool.release(conn)


if __name__ == "__main__":
    asyncio.run(backfill_slugs("postgresql://localhost/notes"))
