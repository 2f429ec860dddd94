"""Relays outbox rows; each poll claims its batch with SKIP LOCKED, so replicas share the rows."""
import asyncio

import httpx

from fleet import db

CLAIM = """
    SELECT id, topic, body FROM outbox
    WHERE sent_at IS NULL
    ORDER BY id
    LIMIT $1
    FOR UPDATE SKIP LOCKED
"""


async def claim_batch(conn, size: int = 100) -> list:
    rows = await conn.fetch(CLAIM, size)
    await conn.execute("UPDATE outbox SET claimed_at = now() WHERE id = ANY($1)", [r["id"] for r in rows])
    return rows


async def mark_sent(conn, row_id: int) -> None:
    await conn.execute("UPDATE outbox SET sent_at = now() WHERE id = $1", row_id)


async def relay_forever(stop: asyncio.Event) -> None:
    async with httpx.AsyncClient(base_url="http://broker.internal") as client:
        while not stop.is_set():
            async with db.pool.acquire() as conn, conn.transaction():
                batch = await claim_batch(conn)
                for row in batch:
                    await client.post(f"/topics/{row['topic']}", content=row["body"])
                    await mark_sent(conn, row["id"])
            await asyncio.sleep(2)
