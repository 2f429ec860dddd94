"""Batches meter values received over OCPP and writes them to the telemetry database."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

from svc.db.repositories.telemetry import TelemetryRepository
from svc.observability import metrics
from svc.services.telemetry import MeterReading

log = logging.getLogger(__name__)


def dedupe_readings(batch: Sequence[MeterReading]) -> list[tuple[Any, ...]]:
    """Charge points resend unacknowledged MeterValues after a reconnect; keep the first copy."""
    seen_keys: set[tuple[str, int, str, Any]] = set()
    rows: list[tuple[Any, ...]] = []
    for reading in batch:
        key = (reading.chargepoint_id, reading.connector_no, reading.measurand, reading.measured_at)
        if key in seen_keys:
            continue
        seen_keys.add(key)
        rows.append(reading.as_row())
    return rows


class IngestPipeline:
    def __init__(self, repo: TelemetryRepository, *, batch_size: int) -> None:
        self._repo = repo
        self._batch_size = batch_size
        self._queue: asyncio.Queue[MeterReading] = asyncio.Queue()

    def submit(self, readings: Iterable[MeterReading]) -> None:
        for reading in readings:
            self._queue.put_nowait(reading)

    @property
    def backlog(self) -> int:
        return self._queue.qsize()

    async def _next_batch(self) -> list[MeterReading]:
        batch = [await self._queue.get()]
        while len(batch) < self._batch_size:
            try:
                batch.append(self._queue.get_nowait())
            except asyncio.QueueEmpty:
                break
        return batch

    async def run(self) -> None:
        while True:
            batch = await self._next_batch()
            started = time.perf_counter()
            rows = dedupe_readings(batch)
            await self._repo.insert_batch(rows)
            metrics.inc("meter_values_ingested_total", len(rows))
            metrics.observe("meter_values_insert_seconds", time.perf_counter() - started)
