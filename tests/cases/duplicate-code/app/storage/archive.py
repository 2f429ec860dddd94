"""Archiving jobs: move old rows into their archive tables."""
from __future__ import annotations

import logging
from datetime import datetime

logger = logging.getLogger(__name__)


class Archiver:
    def __init__(self, pool, batch_size: int = 1000) -> None:
        self.pool = pool
        self.batch_size = batch_size

    async def archive_orders(self, cutoff: datetime) -> int:  # expect: duplicate-code
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                status = await conn.execute(
                    "WITH moved AS (DELETE FROM orders WHERE updated_at < $1 RETURNING *) "
                    "INSERT INTO orders_archive SELECT * FROM moved",
                    cutoff,
                )
        moved = int(status.split()[-1])
        if moved:
            logger.info("archived %d orders older than %s", moved, cutoff.isoformat())
        return moved

    async def archive_alerts(self, cutoff: datetime) -> int:
        async with self.pool.acquire() as conn:
            async with conn.transaction():
                status = await conn.execute(
                    "WITH moved AS (DELETE FROM alerts WHERE created_at < $1 RETURNING *) "
                    "INSERT INTO alerts_archive SELECT * FROM moved",
                    cutoff,
                )
        moved = int(status.split()[-1])
        if moved:
            logger.info("archived %d alerts older than %s", moved, cutoff.isoformat())
        return moved
