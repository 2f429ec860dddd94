"""Scan consumer: one task, started once, taking scans off an in-process queue."""
import asyncio
import logging

import redis.asyncio as redis

logger = logging.getLogger(__name__)


class ScanIngestor:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)
        self._consumer: asyncio.Task | None = None
        self._auditor: asyncio.Task | None = None

    async def submit(self, events: list[dict]) -> int:
        for event in events:
            await self._queue.put(event)
        return len(events)

    def start(self) -> None:
        self._consumer = asyncio.create_task(self._consume())
        self._auditor = asyncio.create_task(self._audit())

    async def stop(self) -> None:
        for task in (self._consumer, self._auditor):
            if task is not None:
                task.cancel()

    async def _consume(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._process(event)  # expect: no-recovery
            except (KeyError, ValueError):
                logger.warning("bad scan %r", event)
            finally:
                self._queue.task_done()

    async def _audit(self) -> None:
        while True:
            try:
                await self._redis.incr("scans:audit")
            except Exception:
                logger.exception("audit round failed")
            await asyncio.sleep(60)

    async def _process(self, event: dict) -> None:
        await self._redis.set(f"scan:{event['id']}", event["code"], ex=86_400)
