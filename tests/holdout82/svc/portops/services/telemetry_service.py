from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from datetime import datetime

import redis.asyncio as aioredis

from portops.cache.pubsub import TELEMETRY_CHANNEL, EventPublisher
from portops.cache.redis_client import key
from portops.repositories.telemetry import TelemetryStore
from portops.utils.timeutil import shift_date

log = logging.getLogger(__name__)

FLUSH_BATCH = 500
FLUSH_INTERVAL_S = 1.0


@dataclass
class Sample:
    equipment_id: str
    kind: str
    lat: float
    lon: float
    speed_kmh: float | None
    spreader_load_kg: int | None
    recorded_at: datetime

    def as_row(self) -> tuple:
        return (self.equipment_id, self.kind, self.lat, self.lon, self.speed_kmh, self.spreader_load_kg, self.recorded_at)


class TelemetryService:
    """Buffers equipment telemetry from the websocket feed, fans it out and persists it in batches."""

    def __init__(self, store: TelemetryStore, redis: aioredis.Redis, publisher: EventPublisher) -> None:
        self.store = store
        self.redis = redis
        self.publisher = publisher
        self._queue: asyncio.Queue[Sample] = asyncio.Queue()
        self._alerts: asyncio.Queue[dict] = asyncio.Queue(maxsize=1000)
        self._stats_lock = threading.Lock()
        self._stats = {"received": 0, "flushed": 0}
        self._tasks: set[asyncio.Task] = set()

    async def ingest(self, sample: Sample) -> None:
        await self._queue.put(sample)
        self.publisher.publish(TELEMETRY_CHANNEL, {"id": sample.equipment_id, "lat": sample.lat, "lon": sample.lon})
        if sample.spreader_load_kg and sample.spreader_load_kg > 65_000:
            try:
                self._alerts.put_nowait({"equipment": sample.equipment_id, "load": sample.spreader_load_kg})
            except asyncio.QueueFull:
                log.warning("overload alert queue full; dropping alert for %s", sample.equipment_id)

    async def count_move(self, crane_id: str, when: datetime) -> int:
        return await self.redis.incrby(key("crane-moves", crane_id, shift_date(when).isoformat()), 1)

    def notify_async(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < FLUSH_BATCH and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await self._flush(batch)

    async def _flush(self, batch: list[Sample]) -> None:
        with self._stats_lock:  # stats() is also read from the metrics exporter thread
            await self.store.insert_positions([s.as_row() for s in batch])
            self._stats["flushed"] += len(batch)

    def stats(self) -> dict:
        with self._stats_lock:
            return dict(self._stats)

    async def next_alert(self) -> dict:
        return await self._alerts.get()
