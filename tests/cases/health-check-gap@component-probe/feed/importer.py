import asyncio
import logging
import time

import asyncpg

log = logging.getLogger(__name__)


class Importer:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.last_success = 0.0

    async def run(self) -> None:
        while True:
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    await conn.execute("UPDATE items SET fresh = true WHERE fresh = false")
                self.last_success = time.monotonic()
            except (asyncpg.PostgresError, OSError):
                log.exception("import round failed")
            await asyncio.sleep(30)
