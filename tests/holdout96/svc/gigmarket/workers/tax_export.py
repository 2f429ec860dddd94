from __future__ import annotations

import csv
from datetime import date
import logging
from pathlib import Path

import asyncpg
import redis.asyncio as aioredis

from ..repositories.payouts_repo import TaxRepository
from ..settings import Settings
from ..utils.locks import LockNotAcquired, redis_lock


logger = logging.getLogger(__name__)

REPORTING_THRESHOLD_CENTS = 60_000
FIELDS = ("freelancer_id", "display_name", "country", "tax_id_last4", "total", "currency")


class TaxExportWorker:
    """Nightly 1099-style export of the previous year's earners, one CSV per freelancer."""

    def __init__(self, settings: Settings, pool: asyncpg.Pool, redis: aioredis.Redis) -> None:
        self.settings = settings
        self.repo = TaxRepository(pool)
        self.redis = redis

    async def run_once(self, year: int | None = None) -> int:
        year = year or date.today().year - 1
        try:
            async with redis_lock(self.redis, f"tax-export:{year}", ttl=3600):
                return await self._export(year)
        except LockNotAcquired:
            logger.info("tax export for %s already running elsewhere", year)
            return 0

    async def _export(self, year: int) -> int:
        rows = await self.repo.earners_for_year(year, REPORTING_THRESHOLD_CENTS)
        out_dir = Path(self.settings.tax_export_dir) / str(year)
        out_dir.mkdir(parents=True, exist_ok=True)
        summary_path = out_dir / "summary.csv"
        with open(summary_path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=FIELDS)
            writer.writeheader()
            for row in rows:
                writer.writerow({field: row[field] for field in FIELDS})
        await self.repo.record_export(year, str(summary_path), len(rows))
        logger.info("tax export %s: %d forms", year, len(rows))
        return len(rows)
