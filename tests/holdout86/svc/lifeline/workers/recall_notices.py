from __future__ import annotations

import asyncio
import logging

from lifeline.services.container import Container

log = logging.getLogger(__name__)

CLAIM_SQL = """
UPDATE recall_notices SET status = 'sending', attempts = attempts + 1
WHERE id IN (
    SELECT id FROM recall_notices WHERE status = 'pending'
    ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED
)
RETURNING id, lot_number, hospital_id
"""


class RecallNoticeWorker:
    """Sends queued recall notices; safe to run as several processes."""

    def __init__(self, container: Container) -> None:
        self._c = container

    async def run_once(self, batch: int = 20) -> int:
        async with self._c.pool.acquire(timeout=5) as conn:
            claimed = await conn.fetch(CLAIM_SQL, batch)
        done = 0
        for row in claimed:
            async with self._c.sessions() as session:
                result = await self._c.recalls.notify(session, row["lot_number"])
            status = "sent" if result["failed"] == 0 else "pending"
            async with self._c.pool.acquire(timeout=5) as conn:
                await conn.execute(
                    "UPDATE recall_notices SET status = $2, sent_at = now() WHERE id = $1", row["id"], status
                )
            done += 1
        return done

    async def run_forever(self) -> None:
        while True:
            processed = await self.run_once()
            await asyncio.sleep(5 if processed else 30)
