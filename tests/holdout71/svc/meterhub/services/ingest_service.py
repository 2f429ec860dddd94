from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from ..db import SessionLocal, get_redis, readings_pool
from ..observability import READINGS_INGESTED, READINGS_REJECTED
from ..repositories.accounts import MeterRepository
from ..repositories.readings import ReadingsRepository

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BridgeReading:
    serial: str
    read_at: datetime
    register: int
    value: Decimal
    quality: str = "A"


@dataclass(slots=True)
class BridgeBatch:
    message_id: str
    gateway_id: str
    readings: list[BridgeReading]


class IngestService:
    """Receives reading batches pushed by the MQTT bridge and persists them."""

    def __init__(self) -> None:
        self._readings = ReadingsRepository(readings_pool)
        self._redis = get_redis()

    async def accept(self, batch: BridgeBatch) -> bool:
        first = await self._redis.set(f"ingest:msg:{batch.message_id}", batch.gateway_id, nx=True, ex=86_400)
        if not first:
            log.debug("duplicate bridge message %s from %s", batch.message_id, batch.gateway_id)
            return False
        asyncio.create_task(self._process(batch))
        return True

    async def _process(self, batch: BridgeBatch) -> None:
        async with SessionLocal() as session:
            meters = await MeterRepository(session).by_serials(r.serial for r in batch.readings)
        rows = []
        seen: dict[int, tuple[int, datetime, str]] = {}
        for r in batch.readings:
            hit = meters.get(r.serial)
            if hit is None:
                READINGS_REJECTED.labels("bridge", "unknown_meter").inc()
                continue
            meter_id, feeder_id, commodity = hit
            rows.append((meter_id, r.read_at, r.register, r.value, r.quality, "bridge"))
            READINGS_INGESTED.labels("bridge", commodity).inc()
            prev = seen.get(meter_id)
            if prev is None or prev[1] < r.read_at:
                seen[meter_id] = (meter_id, r.read_at, feeder_id)
        if rows:
            inserted = await self._readings.insert_batch(rows)
            await self._readings.touch_last_seen(list(seen.values()))
            log.info("bridge batch %s: %d/%d readings stored", batch.message_id, inserted, len(rows))
