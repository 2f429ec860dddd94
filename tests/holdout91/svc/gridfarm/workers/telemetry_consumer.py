from __future__ import annotations

import asyncio
import logging

from aiokafka import AIOKafkaConsumer
from pydantic import ValidationError

from ..schemas import TelemetryBatch
from ..services.telemetry_service import TelemetryService

log = logging.getLogger(__name__)


class TelemetryConsumer:
    """Consumes gateway telemetry published to Kafka by the site edge collectors."""

    def __init__(self, bootstrap: str, topic: str, service: TelemetryService, workers: int = 4) -> None:
        self._consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=bootstrap, group_id="gridfarm-telemetry", enable_auto_commit=False,
        )
        self._service = service
        self._workers = workers
        self._queue: asyncio.Queue[TelemetryBatch] = asyncio.Queue()

    async def _fetch(self) -> None:
        async for record in self._consumer:
            try:
                batch = TelemetryBatch.model_validate_json(record.value)
            except ValidationError:
                log.warning("skipping malformed telemetry at offset %s", record.offset)
                continue
            await self._queue.put(batch)

    async def _work(self) -> None:
        while True:
            batch = await self._queue.get()
            try:
                await self._service.ingest_from_queue(batch)
            except Exception:
                log.exception("failed to ingest batch from %s", batch.gateway_id)
            finally:
                self._queue.task_done()

    async def run(self) -> None:
        await self._consumer.start()
        workers = [asyncio.create_task(self._work()) for _ in range(self._workers)]
        try:
            await self._fetch()
        finally:
            for w in workers:
                w.cancel()
            await self._consumer.stop()


class OrderedTelemetryConsumer:
    """Single-partition variant used for replays: process then commit, one record at a time."""

    def __init__(self, bootstrap: str, topic: str, service: TelemetryService) -> None:
        self._consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=bootstrap, group_id="gridfarm-replay", enable_auto_commit=False,
        )
        self._service = service
        self._pending: asyncio.Queue[TelemetryBatch] = asyncio.Queue(maxsize=100)

    async def run(self) -> None:
        await self._consumer.start()
        try:
            async for record in self._consumer:
                batch = TelemetryBatch.model_validate_json(record.value)
                await self._pending.put(batch)
                await self._service.ingest_from_queue(await self._pending.get())
                await self._consumer.commit()
        finally:
            await self._consumer.stop()
