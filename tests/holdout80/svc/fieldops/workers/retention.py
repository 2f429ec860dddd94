from __future__ import annotations

import asyncio

from fieldops.logging_setup import get_logger
from fieldops.workers.common import Resources

logger = get_logger(__name__)

PURGE_BATCH = """
DELETE FROM technician_locations
WHERE id IN (
    SELECT id FROM technician_locations
    WHERE recorded_at < now() - make_interval(days => $1)
    LIMIT $2
)
"""


class RetentionWorker:
    """Deletes GPS history older than the retention window in small batches."""

    def __init__(self, resources: Resources, keep_days: int = 90, batch: int = 5000) -> None:
        self._pool = resources.pg_pool
        self._keep_days = keep_days
        self._batch = batch

    async def purge(self) -> int:
        total = 0
        while True:
            async with self._pool.acquire(timeout=10) as conn:
                status = await conn.execute(PURGE_BATCH, self._keep_days, self._batch)
            deleted = int(status.split()[-1])
            total += deleted
            if deleted < self._batch:
                return total
            await asyncio.sleep(0.5)

    async def run_forever(self) -> None:
        while True:
            removed = await self.purge()
            logger.info("location history purged", rows=removed)
            await asyncio.sleep(6 * 3600)
