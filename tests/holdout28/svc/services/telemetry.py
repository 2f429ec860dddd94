"""Telemetry ingestion: validation and hand-off to the redis stream."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from datetime import datetime
from operator import attrgetter

import redis.asyncio as aioredis
from pydantic import BaseModel, Field

from svc.config import Settings
from svc.db.devices_repo import DeviceRecord
from svc.realtime import MapHub, PositionUpdate
from svc.services.alerts import AlertService

logger = logging.getLogger(__name__)

_stats: dict[str, int] = {"batches": 0, "points": 0, "rejected": 0}


class TelemetryPointIn(BaseModel):
    recorded_at: datetime
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    speed_kph: float = Field(ge=0, le=400, default=0.0)
    heading: float | None = Field(default=None, ge=0, lt=360)
    odometer_km: float | None = None
    ignition: bool = True


class TelemetryBatch(BaseModel):
    sequence: int
    points: list[TelemetryPointIn]


def ingest_stats() -> dict[str, int]:
    return dict(_stats)


class TelemetryService:
    def __init__(self, redis: aioredis.Redis, hub: MapHub, alerts: AlertService, settings: Settings) -> None:
        self._redis = redis
        self._hub = hub
        self._alerts = alerts
        self._stream = settings.telemetry_stream
        self._maxlen = settings.telemetry_stream_maxlen

    async def enqueue_batch(self, device: DeviceRecord, batch: TelemetryBatch) -> str:
        points = copy.deepcopy(batch.points)
        points.sort(key=attrgetter("recorded_at"))
        payload = json.dumps([p.model_dump(mode="json") for p in points])
        entry_id = await self._redis.xadd(
            self._stream,
            {"device_id": str(device.id), "seq": str(batch.sequence), "points": payload},
            maxlen=self._maxlen,
            approximate=True,
        )
        _stats["batches"] += 1
        _stats["points"] += len(points)

        last = points[-1]
        self._hub.publish(
            PositionUpdate(device.fleet_id, device.id, last.recorded_at, last.lat, last.lon, last.speed_kph, last.heading)
        )
        asyncio.create_task(self._alerts.evaluate(device, points))
        return entry_id
