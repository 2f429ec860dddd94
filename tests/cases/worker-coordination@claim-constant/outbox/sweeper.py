"""Expiry sweep: every process runs the same UPDATE on the same rows each minute."""
import asyncio
import logging

import asyncpg

logger = logging.getLogger(__name__)

class Sweeper:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run_forever(self, stop: asyncio.Event) -> None:  # expect: worker-coordination
        while not stop.is_set():
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    await conn.execute(
                        "UPDATE deliveries SET status = 'expired' WHERE status = 'pending' AND due_at < now() - interval '7 days'"
                    )
            except Exception:
                logger.exception("sweep failed")
            await asyncio.sleep(60)
