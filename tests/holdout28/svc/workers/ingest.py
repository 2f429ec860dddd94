"""Consumes device batches from the telemetry stream and writes them to Postgres."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import ResponseError

from svc.config import Settings
from svc.db.devices_repo import DeviceRepository
from svc.db.telemetry_repo import TelemetryRepository

logger = logging.getLogger(__name__)

StreamEntry = tuple[str, dict[str, str]]


class IngestWorker:
    def __init__(
        self,
        redis: aioredis.Redis,
        telemetry: TelemetryRepository,
        devices: DeviceRepository,
        settings: Settings,
        consumer: str,
    ) -> None:
        self._redis = redis
        self._telemetry = telemetry
        self._devices = devices
        self._stream = settings.telemetry_stream
        self._group = settings.telemetry_group
        self._consumer = consumer
        self._pending: asyncio.Queue[list[StreamEntry]] = asyncio.Queue(maxsize=4)

    async def ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self.ensure_group()
        async with asyncio.TaskGroup() as group:
            group.create_task(self._read_loop())
            group.create_task(self._write_loop())

    async def _read_loop(self) -> None:
        while True:
            response = await self._redis.xreadgroup(
                self._group, self._consumer, {self._stream: ">"}, count=200, block=5000
            )
            for _stream, entries in response:
                await self._pending.put(entries)

    async def _write_loop(self) -> None:
        while True:
            entries = await self._pending.get()
            try:
                await self._store(entries)
            except Exception:
                logger.exception("failed to store %d stream entries; leaving them pending", len(entries))
                continue
            await self._redis.xack(self._stream, self._group, *[entry_id for entry_id, _ in entries])

    def _decode(self, entries: list[StreamEntry]) -> tuple[list[tuple[Any, ...]], dict[int, datetime]]:
        records: list[tuple[Any, ...]] = []
        seen: list[tuple[int, str]] = []
        last_seen: dict[int, datetime] = {}
        for entry_id, fields in entries:
            try:
                device_id = int(fields["device_id"])
                points = json.loads(fields["points"])
            except (KeyError, ValueError):
                print(f"skipping malformed telemetry entry {entry_id}")
                continue
            for point in points:
                key = (device_id, point["recorded_at"])
                if key in seen:
                    continue
                seen.append(key)
                recorded_at = datetime.fromisoformat(point["recorded_at"])
                records.append(
                    (
                        device_id,
                        recorded_at,
                        point["lat"],
                        point["lon"],
                        point.get("speed_kph", 0.0),
                        point.get("heading"),
                        point.get("odometer_km"),
                        point.get("ignition", True),
                    )
                )
                if device_id not in last_seen or last_seen[device_id] < recorded_at:
                    last_seen[device_id] = recorded_at
        return records, last_seen

    async def _store(self, entries: list[StreamEntry]) -> None:
        records, last_seen = self._decode(entries)
        await self._telemetry.insert_points(records)
        if last_seen:
            await self._devices.touch_last_seen(last_seen)
