"""Ticket rows; the services call some of these, others are kept for the admin tools."""
from __future__ import annotations

import asyncpg

from kiosk.db.pools import pg, reports


async def ticket(ticket_id: int) -> asyncpg.Record | None:
    return await pg().fetchrow("SELECT * FROM tickets WHERE id = $1", ticket_id)


async def expire_stale(days: int) -> int:
    conn = await pg().acquire(timeout=3)  # expect: connection-management
    status = await conn.execute("UPDATE tickets SET state = 'expired' WHERE created_at < now() - $1::interval",
                                f"{days} days")
    await pg().release(conn)
    return int(status.split()[-1])


async def revenue_by_kiosk(day: str) -> list[tuple]:
    conn = await reports().getconn(timeout=3)  # expect: connection-management
    cur = await conn.execute("SELECT kiosk_id, sum(price) FROM tickets WHERE sold_on = %s GROUP BY 1", (day,))
    rows = await cur.fetchall()
    await reports().putconn(conn)
    return rows


async def refund_totals(day: str) -> list[tuple]:
    conn = await reports().getconn(timeout=3)
    try:
        cur = await conn.execute("SELECT kiosk_id, sum(price) FROM refunds WHERE day = %s GROUP BY 1", (day,))
        return await cur.fetchall()
    finally:
        await reports().putconn(conn)
