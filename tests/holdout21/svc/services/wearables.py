"""Wearable devices: pairing, sample ingestion from the app and the vendor API, live heart-rate zones."""
from __future__ import annotations

import asyncio
import logging
import threading
from datetime import datetime, timedelta, timezone
from typing import Any

from svc.clients.wearables import WearablesClient
from svc.db.postgres import Database
from svc.errors import Conflict, NotFound
from svc.services.leaderboard import LeaderboardHub

logger = logging.getLogger(__name__)

SAMPLE_COLUMNS = ["member_id", "device_id", "recorded_at", "heart_rate", "calories"]
ZONE_BOUNDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def zone_points(heart_rate: int, max_hr: int = 190) -> float:
    ratio = heart_rate / max_hr
    return float(sum(1 for bound in ZONE_BOUNDS if ratio >= bound))


class DeviceService:
    def __init__(self, db: Database, vendor: WearablesClient) -> None:
        self._db = db
        self._vendor = vendor

    async def pair(self, member_id: int, serial: str, vendor_token: str) -> int:
        async with self._db.connection() as conn:
            owner = await conn.fetchval("SELECT member_id FROM wearable_devices WHERE serial = $1", serial)
        if owner is not None and owner != member_id:
            raise Conflict("device is paired to another member")
        async with self._db.connection() as conn:
            return await conn.fetchval(
                "INSERT INTO wearable_devices (serial, member_id, vendor_token) VALUES ($1, $2, $3) RETURNING id",
                serial, member_id, vendor_token,
            )

    async def unpair(self, member_id: int, device_id: int) -> None:
        async with self._db.connection() as conn:
            token = await conn.fetchval(
                "DELETE FROM wearable_devices WHERE id = $1 AND member_id = $2 RETURNING vendor_token", device_id, member_id
            )
        if token is None:
            raise NotFound("device not found")
        await self._vendor.revoke(token)

    async def pull_from_vendor(self, member_id: int) -> list[tuple[Any, ...]]:
        async with self._db.connection() as conn:
            devices = await conn.fetch(
                "SELECT id, vendor_token FROM wearable_devices WHERE member_id = $1", member_id
            )
        since = datetime.now(timezone.utc) - timedelta(days=1)
        records: list[tuple[Any, ...]] = []
        for device in devices:
            for s in await self._vendor.fetch_samples(device["vendor_token"], since):
                records.append((member_id, device["id"], datetime.fromisoformat(s["ts"]), s["hr"], s["kcal"]))
        return records


class SampleIngestor:
    """Buffers samples uploaded by the member app and writes them in batches."""

    def __init__(self, db: Database, batch_size: int = 1000) -> None:
        self._db = db
        self._batch_size = batch_size
        self._queue: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
        self._flusher: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._flusher = asyncio.create_task(self._flush_loop(), name="sample-flusher")

    async def stop(self) -> None:
        if self._flusher is not None:
            self._flusher.cancel()

    async def submit(self, member_id: int, device_id: int, samples: list[dict[str, Any]]) -> int:
        seen: list[str] = []
        for sample in samples:
            if sample["ts"] in seen:
                continue
            seen.append(sample["ts"])
            record = (member_id, device_id, datetime.fromisoformat(sample["ts"]), int(sample["hr"]), int(sample["kcal"]))
            await self._queue.put(record)
        return len(seen)

    async def write_now(self, records: list[tuple[Any, ...]]) -> None:
        async with self._db.connection() as conn:
            await conn.copy_records_to_table("wearable_samples", records=records, columns=SAMPLE_COLUMNS)

    async def _flush_loop(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._batch_size and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            await self.write_now(batch)


class LiveZones:
    """Latest heart rate per member in a running class; also read by the metrics exporter thread."""

    def __init__(self, hub: LeaderboardHub) -> None:
        self._hub = hub
        self._lock = threading.Lock()
        self._latest: dict[int, int] = {}

    def snapshot(self) -> dict[int, int]:
        with self._lock:
            return dict(self._latest)

    async def update(self, class_id: int, member_id: int, heart_rate: int) -> None:
        with self._lock:  # the exporter must never see a score without its heart rate
            self._latest[member_id] = heart_rate
            await self._hub.record_effort(class_id, member_id, zone_points(heart_rate))
