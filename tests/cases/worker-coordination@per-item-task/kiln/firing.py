"""One firing: a heartbeat keeps the kiln's lease alive while the firing program runs."""
import asyncio
import logging

import asyncpg

log = logging.getLogger(__name__)


class FiringRunner:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def run(self, firing_id: int, kiln_id: int) -> None:
        beat = asyncio.create_task(self._keep_lease(kiln_id))
        try:
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("UPDATE firings SET state = 'done' WHERE id = $1", firing_id)
        finally:
            beat.cancel()

    async def _keep_lease(self, kiln_id: int) -> None:
        while True:
            await asyncio.sleep(30)
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("UPDATE kilns SET lease_until = now() + interval '1 minute' WHERE id = $1", kiln_id)
                await conn.execute("UPDATE kilns SET lease_until = NULL WHERE lease_until < now()")
