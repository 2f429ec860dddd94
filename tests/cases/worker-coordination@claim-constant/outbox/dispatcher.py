"""Outbox dispatcher: each process claims its own rows with SKIP LOCKED, so running it everywhere is safe."""
import asyncio
import logging

import asyncpg

logger = logging.getLogger(__name__)

CLAIM_SQL = """
UPDATE deliveries
   SET status = 'in_flight', attempts = attempts + 1
 WHERE id IN (
        SELECT id FROM deliveries
         WHERE status = 'pending' AND due_at <= now()
         ORDER BY due_at
         LIMIT $1
           FOR UPDATE SKIP LOCKED)
RETURNING id, url, payload
"""


class Dispatcher:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    batch = await conn.fetch(CLAIM_SQL, 100)
                    for row in batch:
                        await conn.execute("UPDATE deliveries SET status = 'sent' WHERE id = $1", row["id"])
                if not batch:
                    await asyncio.sleep(1.0)
            except Exception:
                logger.exception("dispatch round failed")
                await asyncio.sleep(5.0)
