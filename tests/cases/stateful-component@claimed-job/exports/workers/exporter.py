"""CSV exports: one process at a time works through the queued export jobs."""
import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import LockError

logger = logging.getLogger(__name__)


class ExportWorker:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._progress: dict[str, int] = {}  # expect: stateful-component
        self._attempts: dict[str, int] = {}

    def progress(self, job_id: str) -> int:
        return self._progress.get(job_id, 0)

    async def run(self, stop: asyncio.Event) -> None:
        lock = self._redis.lock("lock:exports", timeout=600)
        while not stop.is_set():
            if await lock.acquire(blocking=False):
                try:
                    await self._export_next()
                except LockError:
                    logger.warning("export lock lost")
                finally:
                    await lock.release()
            await asyncio.sleep(5)

    async def _export_next(self) -> None:
        job_id = await self._redis.lpop("exports:queued")
        if job_id is None:
            return
        job_id = job_id.decode()
        self._attempts[job_id] = self._attempts.get(job_id, 0) + 1
        if self._attempts[job_id] > 3:
            await self._redis.hset("exports:status", job_id, "failed")
            return
        for offset in range(0, 10_000, 500):
            await self._write_chunk(job_id, offset)
            self._progress[job_id] = offset + 500

    async def _write_chunk(self, job_id: str, offset: int) -> None:
        rows = await self._redis.lrange(f"exports:{job_id}:rows", offset, offset + 499)
        await self._redis.rpush(f"exports:{job_id}:csv", *rows)
