"""Glaze sweep: every process expires the same stale batches each minute."""
import asyncio
import logging

import asyncpg

log = logging.getLogger(__name__)


class GlazeSweep:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def loop(self) -> None:  # expect: worker-coordination
        while True:
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    await conn.execute(
                        "UPDATE glaze_batches SET state = 'expired' WHERE state = 'mixed' AND mixed_at < now() - interval '2 days'"
                    )
            except Exception:
                log.exception("glaze sweep failed")
            await asyncio.sleep(60)
