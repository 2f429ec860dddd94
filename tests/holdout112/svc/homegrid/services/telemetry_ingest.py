from __future__ import annotations

import asyncio
from datetime import datetime
from uuid import UUID

import structlog

from homegrid.errors import NotFound
from homegrid.models import BridgeBatch, TelemetryRow
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.telemetry import TelemetryRepository
from homegrid.services.live import LivePublisher
from homegrid.services.rate_limit import IngestRateLimiter

log = structlog.get_logger(__name__)

LIVE_METRICS = {"grid_power_kw", "battery_soc", "indoor_temp_c", "ev_power_kw", "solar_kw"}


class TelemetryIngestor:
    def __init__(
        self,
        devices: DeviceRepository,
        telemetry: TelemetryRepository,
        live: LivePublisher,
        limiter: IngestRateLimiter,
        flush_rows: int = 5000,
    ) -> None:
        self._devices = devices
        self._telemetry = telemetry
        self._live = live
        self._limiter = limiter
        self._flush_rows = flush_rows
        self._queue: asyncio.Queue[list[TelemetryRow]] = asyncio.Queue()
        self._seen_messages: dict[str, datetime] = {}
        self._writer: asyncio.Task | None = None

    def start(self) -> None:
        self._writer = asyncio.create_task(self._write_loop(), name="telemetry-writer")

    async def stop(self) -> None:
        if self._writer is not None:
            self._writer.cancel()
            try:
                await self._writer
            except asyncio.CancelledError:
                pass

    async def accept(self, batch: BridgeBatch) -> int:
        self._limiter.check(batch.client_id, cost=len(batch.messages))
        device = await self._devices.by_client_id(batch.client_id)
        if device is None:
            raise NotFound("unknown bridge client", client_id=batch.client_id)

        rows: list[TelemetryRow] = []
        live: dict[str, float] = {}
        newest: datetime | None = None
        for message in batch.messages:
            if message.message_id in self._seen_messages:
                continue
            for point in message.points:
                rows.append(
                    TelemetryRow(
                        device_id=device.id, household_id=device.household_id, ts=point.ts,
                        metric=point.metric, value=point.value, message_id=message.message_id,
                    )
                )
                if point.metric in LIVE_METRICS:
                    live[f"{device.kind.value}.{point.metric}"] = point.value
                newest = point.ts if newest is None or point.ts > newest else newest
            self._seen_messages[message.message_id] = newest or datetime.min

        if rows:
            await self._queue.put(rows)
        if live:
            self._live.publish(device.household_id, {"device_id": str(device.id), "values": live, "ts": newest})
        return len(rows)

    async def _write_loop(self) -> None:
        pending: list[TelemetryRow] = []
        seen: dict[UUID, datetime] = {}
        while True:
            try:
                batch = await asyncio.wait_for(self._queue.get(), timeout=1.0)
                pending.extend(batch)
                for row in batch:
                    if row.device_id not in seen or row.ts > seen[row.device_id]:
                        seen[row.device_id] = row.ts
            except asyncio.TimeoutError:
                pass
            if pending and (len(pending) >= self._flush_rows or self._queue.empty()):
                try:
                    await self._telemetry.insert_many(pending)
                    await self._devices.touch_many(seen)
                except Exception:
                    log.exception("telemetry_flush_failed", rows=len(pending))
                    await asyncio.sleep(1.0)
                    continue
                pending = []
                seen = {}
