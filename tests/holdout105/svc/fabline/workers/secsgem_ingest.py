"""SECS/GEM event ingest worker.

The SECS/GEM gateway XADDs collection events (S6F11) and alarms (S5F1) to a
redis stream. This worker reads them through a consumer group (so replicas
split the stream), applies them to the tool state machine and acknowledges.
"""
from __future__ import annotations

import asyncio
import logging
import socket

from redis.exceptions import ResponseError

from fabline.core.container import Container
from fabline.workers.common import install_stop_event, worker_container

logger = logging.getLogger("fabline.workers.secsgem_ingest")
CONSUMER = f"{socket.gethostname()}-{id(object()):x}"
PROCESSORS = 4


class Ingestor:
    def __init__(self, container: Container, stop: asyncio.Event) -> None:
        self.container = container
        self.redis = container.redis
        self.stream = container.settings.secsgem_stream
        self.group = container.settings.secsgem_group
        self.stop = stop
        self.queue: asyncio.Queue[tuple[str, dict]] = asyncio.Queue()

    async def ensure_group(self) -> None:
        try:
            await self.redis.xgroup_create(self.stream, self.group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def reclaim_stale(self) -> None:
        """Take over messages a dead consumer read but never acknowledged."""
        await self.redis.xautoclaim(self.stream, self.group, CONSUMER, min_idle_time=60_000, count=100)

    async def reader(self) -> None:
        while not self.stop.is_set():
            batches = await self.redis.xreadgroup(
                self.group, CONSUMER, {self.stream: ">"}, count=self.container.settings.ingest_batch, block=2000
            )
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    await self.queue.put((entry_id, fields))

    async def processor(self, n: int) -> None:
        tool_state = self.container.tool_state
        while not self.stop.is_set():
            entry_id, fields = await self.queue.get()
            try:
                await tool_state.apply_event(fields)
                await self.redis.xack(self.stream, self.group, entry_id)
            except Exception:
                logger.exception("processor %d failed on %s; left pending for reclaim", n, entry_id)
            finally:
                self.queue.task_done()


async def main() -> None:
    async with worker_container() as container:
        stop = install_stop_event()
        ingestor = Ingestor(container, stop)
        await ingestor.ensure_group()
        await ingestor.reclaim_stale()
        async with asyncio.TaskGroup() as tg:
            tg.create_task(ingestor.reader())
            for n in range(PROCESSORS):
                tg.create_task(ingestor.processor(n))


if __name__ == "__main__":
    asyncio.run(main())
