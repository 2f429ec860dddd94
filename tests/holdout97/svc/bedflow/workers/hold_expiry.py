from __future__ import annotations

import asyncio
import logging

from ..container import Container
from ..repositories.assignments import AssignmentRepository
from ..utils.timeutil import utcnow

logger = logging.getLogger(__name__)

POLL_SECONDS = 15


class HoldExpiryWorker:
    name = "hold-expiry"

    def __init__(self, container: Container) -> None:
        self._c = container
        self._holds = AssignmentRepository(container.pool)

    async def run_once(self) -> int:
        expired = await self._holds.claim_expired(utcnow())
        for hold in expired:
            async with self._c.pool.acquire(timeout=5) as conn:
                ward_id = await conn.fetchval(
                    "UPDATE beds SET state = 'ready', updated_at = now() WHERE id = $1 AND state = 'held' RETURNING ward_id",
                    hold.bed_id,
                )
                await conn.execute("UPDATE bed_requests SET status = 'pending' WHERE id = $1", hold.request_id)
            if ward_id is not None:
                await self._c.notifier.notify_ward(ward_id, {"type": "hold_expired", "bed_id": hold.bed_id})
        if expired:
            logger.info("released %d expired holds", len(expired))
        return len(expired)

    async def run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(POLL_SECONDS)
