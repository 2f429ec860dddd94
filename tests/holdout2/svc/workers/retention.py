"""Archives raw readings older than the retention period to object storage, then deletes them."""
from __future__ import annotations

import asyncio
import logging
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import asyncpg

from svc.settings import Settings

log = logging.getLogger(__name__)

_ARCHIVE_SQL = "SELECT device_id, ts, metric, value, quality FROM readings WHERE ts < $1 ORDER BY ts"


class RetentionWorker:
    def __init__(self, pool: asyncpg.Pool, settings: Settings) -> None:
        self._pool = pool
        self._days = settings.retention_days
        self._interval = settings.retention_interval
        self._archive_dir = Path(settings.archive_dir)
        self._bucket = settings.archive_bucket.rstrip("/")

    async def run(self) -> None:
        while True:
            cutoff = datetime.now(timezone.utc) - timedelta(days=self._days)
            try:
                archived = await self._archive_before(cutoff)
                deleted = await self._purge(cutoff)
                log.info("retention: archived %d and deleted %d rows older than %s", archived, deleted, cutoff.date())
            except (asyncpg.PostgresError, OSError, subprocess.SubprocessError):
                log.exception("retention pass failed")
            await asyncio.sleep(self._interval)

    async def _archive_before(self, cutoff: datetime) -> int:
        path = self._archive_dir / f"readings-before-{cutoff:%Y%m%d}.csv"
        async with self._pool.acquire() as conn:
            status = await conn.copy_from_query(_ARCHIVE_SQL, cutoff, output=str(path), format="csv", header=True)
        self._upload(path)
        return int(status.split()[-1])

    def _upload(self, path: Path) -> None:
        subprocess.run(
            ["aws", "s3", "cp", str(path), f"{self._bucket}/{path.name}", "--only-show-errors"], check=True, timeout=900
        )
        path.unlink()

    async def _purge(self, cutoff: datetime) -> int:
        deleted = 0
        async with self._pool.acquire(timeout=10) as conn:
            for table, column in (("readings", "ts"), ("readings_hourly", "bucket")):
                status = await conn.execute(f"DELETE FROM {table} WHERE {column} < $1", cutoff)
                deleted += int(status.split()[-1])
        return deleted
