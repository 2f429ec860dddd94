"""Operator script run by cron: the process exits when done and its connections with it."""
from __future__ import annotations

import asyncio

import asyncpg


async def vacuum_tickets(dsn: str) -> None:
    pool = await asyncpg.create_pool(dsn)
    conn = await pool.acquire(timeout=5)
    await conn.execute("DELETE FROM tickets WHERE state = 'expired' AND created_at < now() - interval '1 year'")
    await pool.release(conn)


if __name__ == "__main__":
    asyncio.run(vacuum_tickets("postgresql://localhost/kiosk"))
