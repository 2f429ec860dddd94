from __future__ import annotations

import asyncio
import copy
from datetime import datetime, timezone
from typing import Any

from fieldwise.db.engine import SessionFactory
from fieldwise.errors import IngestionError
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.readings import ReadingsRepository
from fieldwise.repositories.sensors import SensorRepository
from fieldwise.schemas.api import ReadingBatch, ReadingIn
from fieldwise.services.container import Services
from fieldwise.services.fieldmap import FieldMapHub

log = get_logger(__name__)

DRAIN_MAX = 500


def _row(sensor_id: int, r: ReadingIn) -> tuple[Any, ...]:
    return (sensor_id, r.ts, r.moisture_pct, r.temperature_c, r.humidity_pct, r.rain_mm)


def reading_from_doc(doc: dict[str, Any]) -> ReadingIn:
    try:
        return ReadingIn(
            serial=doc["serial"],
            ts=datetime.fromtimestamp(doc["ts"], tz=timezone.utc),
            moisture_pct=doc.get("vwc"),
            temperature_c=doc.get("t"),
            humidity_pct=doc.get("rh"),
            rain_mm=doc.get("rain"),
        )
    except KeyError:
        raise IngestionError(f"reading from {doc.get('gateway')} lacks a required key")


class IngestionService:
    def __init__(self, deps: Services, hub: FieldMapHub) -> None:
        self._readings = ReadingsRepository(deps.pg)
        self._hub = hub

    async def ingest_batch(self, batch: ReadingBatch) -> dict[str, int]:
        """HTTP batch path: one lookup for all serials, one COPY for all rows."""
        readings = copy.deepcopy(batch.readings)
        async with SessionFactory() as session:
            sensors = await SensorRepository(session).get_many_by_serial(sorted({r.serial for r in readings}))
        rows = [_row(sensors[r.serial].id, r) for r in readings if r.serial in sensors]
        unknown = len(readings) - len(rows)
        if rows:
            await self._readings.insert_batch(rows)
        if unknown:
            log.warning("ingest.unknown_serials", gateway=batch.gateway_id, count=unknown)
        return {"accepted": len(rows), "unknown": unknown}

    async def consume(self, inbox: asyncio.Queue[dict[str, Any]]) -> None:
        """MQTT path: drain what has arrived and write it in one COPY."""
        while True:
            docs = [await inbox.get()]
            while not inbox.empty() and len(docs) < DRAIN_MAX:
                docs.append(inbox.get_nowait())
            rows: list[tuple[Any, ...]] = []
            async with SessionFactory() as session:
                sensors = SensorRepository(session)
                for doc in docs:
                    reading = reading_from_doc(doc)
                    sensor = await sensors.get_by_serial(reading.serial)
                    if sensor is None:
                        continue
                    rows.append(_row(sensor.id, reading))
                    self._hub.publish(sensor.field_id, {"type": "reading", "sensor": sensor.id,
                                                        "moisture": reading.moisture_pct})
            if rows:
                await self._readings.insert_batch(rows)
