"""Turns device frames into reading rows and writes them to Postgres in batches.

Devices push frames over the websocket (``svc.ws.devices``) and back-fills over HTTP
(``svc.api.readings``); both end in :meth:`IngestPipeline.submit`, which only enqueues.
The writer task started in the lifespan drains the queue.
"""
from __future__ import annotations

import asyncio
import functools
import logging
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta, timezone

import asyncpg

from svc.errors import CapacityError, InvalidInputError
from svc.models.schemas import ReadingIn
from svc.repositories.devices import DevicesRepository
from svc.repositories.readings import ReadingRecord, ReadingsRepository
from svc.settings import Settings

log = logging.getLogger(__name__)

_last_seen: dict[uuid.UUID, datetime] = {}

_UNITS: dict[str, tuple[str, float, float]] = {
    "c": ("c", 1.0, 0.0),
    "°c": ("c", 1.0, 0.0),
    "f": ("c", 5 / 9, -32 * 5 / 9),
    "°f": ("c", 5 / 9, -32 * 5 / 9),
    "k": ("c", 1.0, -273.15),
    "%": ("%", 1.0, 0.0),
    "pa": ("hpa", 0.01, 0.0),
    "hpa": ("hpa", 1.0, 0.0),
    "kpa": ("hpa", 10.0, 0.0),
    "ppm": ("ppm", 1.0, 0.0),
    "v": ("v", 1.0, 0.0),
    "mv": ("v", 0.001, 0.0),
}

_WRITE_ERRORS = (asyncpg.PostgresError, OSError, asyncio.TimeoutError)


@functools.lru_cache(maxsize=256)
def parse_unit(unit: str) -> tuple[str, float, float]:
    """(canonical unit, scale, offset) for a unit label sent by a device."""
    try:
        return _UNITS[unit.strip().lower()]
    except KeyError:
        raise InvalidInputError(f"unknown unit {unit!r}") from None


def normalize(device_id: uuid.UUID, reading: ReadingIn) -> ReadingRecord:
    value = reading.value
    if reading.unit:
        _, scale, offset = parse_unit(reading.unit)
        value = value * scale + offset
    ts = reading.ts if reading.ts.tzinfo else reading.ts.replace(tzinfo=timezone.utc)
    return ReadingRecord(device_id=device_id, ts=ts, metric=reading.metric.lower(), value=value, quality=reading.quality)


def dedupe_readings(device_id: uuid.UUID, readings: Iterable[ReadingIn]) -> list[ReadingRecord]:
    """Normalise readings and drop repeated (metric, ts) pairs, keeping the first."""
    records: list[ReadingRecord] = []
    seen: list[tuple[str, datetime]] = []
    for reading in readings:
        key = (reading.metric.lower(), reading.ts)
        if key in seen:
            continue
        seen.append(key)
        records.append(normalize(device_id, reading))
    return records


def last_seen(device_id: uuid.UUID) -> datetime | None:
    return _last_seen.get(device_id)


def online_since(window: timedelta) -> list[uuid.UUID]:
    cutoff = datetime.now(timezone.utc) - window
    return [device_id for device_id, seen in _last_seen.items() if seen >= cutoff]


class IngestPipeline:
    def __init__(
        self,
        readings: ReadingsRepository,
        devices: DevicesRepository,
        on_batch: Callable[[list[ReadingRecord]], Awaitable[int]],
        settings: Settings,
    ) -> None:
        self._readings = readings
        self._devices = devices
        self._on_batch = on_batch
        self._batch_size = settings.ingest_batch_size
        self._flush_interval = settings.ingest_flush_interval
        self._queue: asyncio.Queue[ReadingRecord] = asyncio.Queue(maxsize=settings.ingest_queue_size)
        self._backlog: list[list[ReadingRecord]] = []
        self._stats_lock = threading.Lock()
        self._counters = {"accepted": 0, "written": 0, "failed": 0}

    def _count(self, name: str, n: int) -> None:
        with self._stats_lock:
            self._counters[name] += n

    def stats(self) -> dict[str, int]:
        snapshot = dict(self._counters)
        snapshot["queued"] = self._queue.qsize()
        snapshot["backlog_batches"] = len(self._backlog)
        return snapshot

    async def submit(self, device_id: uuid.UUID, readings: list[ReadingIn]) -> int:
        """Queue readings for writing; raises CapacityError when the writer is behind."""
        records = dedupe_readings(device_id, readings)
        for record in records:
            try:
                self._queue.put_nowait(record)
            except asyncio.QueueFull:
                raise CapacityError("ingest queue is full, retry later") from None
        self._count("accepted", len(records))
        now = datetime.now(timezone.utc)
        _last_seen[device_id] = now
        asyncio.create_task(self._devices.touch(device_id, now))
        return len(records)

    async def run_writer(self) -> None:
        """Drain the queue into the database in batches. Runs for the life of the process."""
        while True:
            batch = await self._next_batch()
            if not batch:
                continue
            try:
                await self._readings.insert_many(batch)
            except _WRITE_ERRORS:
                log.warning("readings write failed; keeping %d rows for retry", len(batch), exc_info=True)
                self._count("failed", len(batch))
                self._backlog.append(batch)
                await asyncio.sleep(1.0)
                continue
            self._count("written", len(batch))
            await self._on_batch(batch)
            if self._backlog:
                await self._drain_backlog()

    async def _next_batch(self) -> list[ReadingRecord]:
        try:
            first = await asyncio.wait_for(self._queue.get(), timeout=self._flush_interval)
        except asyncio.TimeoutError:
            return []
        batch = [first]
        while len(batch) < self._batch_size:
            try:
                batch.append(self._queue.get_nowait())
            except asyncio.QueueEmpty:
                break
        return batch

    async def _drain_backlog(self) -> None:
        while self._backlog:
            batch = self._backlog.pop(0)
            try:
                await self._readings.insert_many(batch)
            except _WRITE_ERRORS:
                self._backlog.insert(0, batch)
                return
            self._count("written", len(batch))
