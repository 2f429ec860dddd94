"""In-process grading consumer: reliable redis queue (BLMOVE into a processing list), bounded concurrency."""
from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.metrics import LocalStats
from svc.services.grading import GradingService

logger = logging.getLogger(__name__)

PROCESSING = settings.grading_queue + ":processing"
DEAD_LETTER = settings.grading_queue + ":dead"


class GradingWorker:
    def __init__(self, redis: Redis, concurrency: int = settings.grading_concurrency) -> None:
        self._redis = redis
        self._slots = asyncio.Semaphore(concurrency)
        self._inflight: set[asyncio.Task] = set()
        self._stopping = asyncio.Event()
        self.stats = LocalStats()

    async def run(self) -> None:
        logger.info("grading worker started (concurrency=%d)", settings.grading_concurrency)
        while not self._stopping.is_set():
            await self._slots.acquire()
            raw = await self._redis.blmove(settings.grading_queue, PROCESSING, 2, "RIGHT", "LEFT")
            if raw is None:
                self._slots.release()
                continue
            task = asyncio.create_task(self._handle(raw))
            self._inflight.add(task)
            task.add_done_callback(self._inflight.discard)

    async def _handle(self, raw: str) -> None:
        try:
            job = json.loads(raw)
            async with SessionLocal() as session:
                result = await GradingService(session).grade_attempt(int(job["attempt_id"]))
            self.stats.incr("graded" if result else "skipped")
            await self._redis.lrem(PROCESSING, 1, raw)
        except Exception:
            logger.exception("grading job failed: %s", raw)
            self.stats.incr("failed")
            await self._dead_letter(raw)
        finally:
            self._slots.release()

    async def _dead_letter(self, raw: str) -> None:
        pipe = self._redis.pipeline(transaction=True)
        pipe.lrem(PROCESSING, 1, raw)
        pipe.lpush(DEAD_LETTER, raw)
        await pipe.execute()

    async def stop(self, grace: float = 20.0) -> None:
        self._stopping.set()
        if self._inflight:
            done, pending = await asyncio.wait(self._inflight, timeout=grace)
            for task in pending:
                task.cancel()
