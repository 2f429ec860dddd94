from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

from ..container import Container
from ..infra.locks import LockNotAcquired, redis_lock
from ..repositories.census import CensusRepository
from ..utils.files import write_census_csv
from ..utils.timeutil import seconds_until, utcnow

logger = logging.getLogger(__name__)


class CensusReportWorker:
    name = "census-report"

    def __init__(self, container: Container) -> None:
        self._c = container
        self._census = container.census()
        self._repo = CensusRepository(container.pool, container.settings)

    async def generate(self) -> Path | None:
        day = (utcnow() - timedelta(days=1)).date()
        try:
            async with redis_lock(self._c.redis, f"lock:census:{day.isoformat()}", ttl=900, wait=0.5):
                if await self._c.redis.exists(f"census:done:{day.isoformat()}"):
                    return None
                rows = await self._census.build_census(day)
                await self._repo.save_snapshot(day, rows)
                path = Path(self._c.settings.report_dir) / f"census-{day.isoformat()}.csv"
                written = await asyncio.to_thread(write_census_csv, path, rows)
                await self._c.redis.set(f"census:done:{day.isoformat()}", "1", ex=3 * 86400)
        except LockNotAcquired:
            logger.info("census for %s is being produced by another worker", day)
            return None
        logger.info("census %s: %d wards written to %s", day, written, path)
        return path

    async def run(self) -> None:
        while True:
            await asyncio.sleep(seconds_until(2, 15))
            await self.generate()
