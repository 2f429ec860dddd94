"""Firing dispatcher: reads the firings due and runs each one in its own task."""
import asyncio
import logging

import asyncpg

from kiln.firing import FiringRunner

log = logging.getLogger(__name__)

DUE = "SELECT id, kiln_id FROM firings WHERE state = 'queued' AND start_at <= now() ORDER BY start_at LIMIT 10"


class FiringDispatcher:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._runner = FiringRunner(pool)
        self._running: set[asyncio.Task[None]] = set()

    async def poll(self) -> None:
        while True:
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    claimed = await conn.fetch(DUE)
                for firing in claimed:
                    task = asyncio.create_task(self._fire(firing["id"], firing["kiln_id"]))  # expect: worker-coordination
                    self._running.add(task)
                    task.add_done_callback(self._running.discard)
            except Exception:
                log.exception("dispatch round failed")
            await asyncio.sleep(2)

    async def _fire(self, firing_id: int, kiln_id: int) -> None:
        log.info("firing %s on kiln %s", firing_id, kiln_id)
        await self._runner.run(firing_id, kiln_id)
