"""Nightly league maintenance."""
import asyncio
import logging

import asyncpg

from league.pacing import Lease, pause

log = logging.getLogger(__name__)

DEMOTE_SQL = """
UPDATE standings
   SET division = division + 1
 WHERE points < 10 AND season_id = $1
"""


class Demotion:
    """Moves weak teams down a division once a day."""

    def __init__(self, pool: asyncpg.Pool, interval: float = 86_400.0) -> None:
        self._pool = pool
        self._interval = interval

    async def run(self, stop: asyncio.Event) -> None:  # expect: worker-coordination
        while not stop.is_set():
            try:
                async with self._pool.acquire(timeout=5) as conn:
                    await conn.execute(DEMOTE_SQL, 7)
            except Exception:
                log.exception("demotion failed")
            await pause(stop, self._interval)


class Archiver:
    """Archives finished fixtures; a redis lease lets one replica work per round."""

    def __init__(self, pool: asyncpg.Pool, cache, interval: float = 3600.0) -> None:
        self._pool = pool
        self._lease = Lease(cache, "archiver", ttl_ms=int(interval * 2000))
        self._interval = interval

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            if await self._lease.ensure():
                await self.archive()
            await pause(stop, self._interval)

    async def archive(self) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("DELETE FROM fixtures WHERE finished_at < now() - interval '30 days'")
