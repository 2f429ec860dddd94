from __future__ import annotations

import asyncio
import json
import logging
from concurrent.futures import ProcessPoolExecutor

import redis.asyncio as aioredis

from seqcore.infra.cache import build_redis
from seqcore.infra.storage import ObjectStore
from seqcore.services.qc import load_thresholds, summarize_lanes
from seqcore.settings import Settings

logger = logging.getLogger(__name__)

QC_QUEUE = "seqcore:qc:pending"
QC_DEAD = "seqcore:qc:dead"
REPORT_TTL_S = 90 * 86400
BATCH = 10


async def take_batch(redis: aioredis.Redis, n: int = BATCH) -> list[str]:
    items = await redis.lrange(QC_QUEUE, 0, n - 1)
    if items:
        await redis.ltrim(QC_QUEUE, len(items), -1)
    return items


class QcReportWorker:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._redis = build_redis(settings.redis_url)
        self._store = ObjectStore(settings.storage_endpoint, settings.storage_region)
        self._pool = ProcessPoolExecutor(max_workers=settings.qc_processes)
        self._slots = asyncio.Semaphore(settings.qc_processes)

    async def _process(self, run_folder: str) -> None:
        async with self._slots:
            try:
                raw = await self._store.get_bytes(self._settings.run_bucket, f"{run_folder}/InterOp/tile_counts.json")
                lanes = {int(k): v for k, v in json.loads(raw).items()}
                thresholds = await load_thresholds(self._redis)
                loop = asyncio.get_running_loop()
                report = await loop.run_in_executor(self._pool, summarize_lanes, run_folder, lanes, thresholds)
                await self._redis.set(f"seqcore:qc:report:{run_folder}", json.dumps(report), ex=REPORT_TTL_S)
                logger.info("qc report for %s written", run_folder)
            except Exception:
                logger.exception("qc report for %s failed; moved to dead letter", run_folder)
                await self._redis.rpush(QC_DEAD, run_folder)

    async def run(self) -> None:
        try:
            while True:
                batch = await take_batch(self._redis)
                if not batch:
                    await asyncio.sleep(5)
                    continue
                await asyncio.gather(*(self._process(folder) for folder in batch))
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)
            await self._redis.aclose()


async def run(settings: Settings) -> None:
    await QcReportWorker(settings).run()
