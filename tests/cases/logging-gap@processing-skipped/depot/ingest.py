"""Scan consumer: a scan whose shipment is unknown raises KeyError in `_process`."""
import asyncio
import json
import logging

import asyncpg

logger = logging.getLogger(__name__)


class ScanIngestor:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)
        self._tasks: list[asyncio.Task] = []

    async def submit(self, events: list[dict]) -> int:
        for event in events:
            await self._queue.put(event)
        return len(events)

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._consume()), asyncio.create_task(self._replay())]
        for task in self._tasks:
            task.add_done_callback(self._ended)

    def _ended(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.error("scan task died", exc_info=task.exception())

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()

    async def _consume(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._process(event)
            except (KeyError, ValueError):  # expect: logging-gap
                continue
            except Exception:
                logger.exception("scan processing failed")
            finally:
                self._queue.task_done()

    async def _replay(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._process(event)
            except (KeyError, ValueError) as exc:
                logger.warning("dropping scan %s: %r", event.get("id"), exc)
                continue
            except Exception:
                logger.exception("scan replay failed")

    async def _process(self, event: dict) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            shipment = await conn.fetchrow("SELECT id FROM shipments WHERE tracking_number = $1", event["tracking"])
            await conn.execute("INSERT INTO scans (shipment_id, payload) VALUES ($1, $2)",
                               shipment["id"], json.dumps(event))
