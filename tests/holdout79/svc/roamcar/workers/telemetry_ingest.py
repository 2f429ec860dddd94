"""Telemetry ingest: readings from the vendor bridge arrive on a redis stream.

Readings are stored in Postgres, the vehicle's last position is updated, and each reading
is republished on the positions channel for the ops desk. Alerts (crash, low battery,
geofence exit) come on a separate stream consumed through a consumer group.
"""
from __future__ import annotations

import asyncio
import copy
import json
import logging
import uuid
from datetime import datetime, timezone
from typing import Any

from redis.exceptions import ResponseError

from ..db import SessionFactory
from ..repositories import TelemetryRepository, VehicleRepository
from ..utils.geo import parse_coordinate, zone_for
from .runner import WorkerContext

logger = logging.getLogger(__name__)

READ_COUNT = 500
ALERT_CONCURRENCY = 8


def parse_reading(fields: dict[str, str]) -> dict[str, Any] | None:
    lat = parse_coordinate(fields.get("lat"), limit=90)
    lon = parse_coordinate(fields.get("lon"), limit=180)
    if lat is None or lon is None or "vehicle_id" not in fields:
        return None
    return {
        "vehicle_id": fields["vehicle_id"],
        "branch_id": fields.get("branch_id"),
        "recorded_at": fields.get("ts") or datetime.now(timezone.utc).isoformat(),
        "lat": lat,
        "lon": lon,
        "fuel_pct": float(fields.get("fuel_pct") or 0),
        "charge_pct": float(fields["charge_pct"]) if fields.get("charge_pct") else None,
        "odometer_km": int(fields.get("odometer_km") or 0),
        "speed_kph": float(fields.get("speed_kph") or 0),
        "zone": zone_for(lat, lon),
    }


def dedupe_readings(readings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The vendor bridge re-sends a reading when it does not get an ack in time."""
    unique: list[dict[str, Any]] = []
    for reading in readings:
        if reading not in unique:
            unique.append(reading)
    return unique


def _row(reading: dict[str, Any]) -> tuple[Any, ...]:
    return (
        uuid.UUID(reading["vehicle_id"]),
        datetime.fromisoformat(reading["recorded_at"]),
        reading["lat"],
        reading["lon"],
        reading["fuel_pct"],
        reading["charge_pct"],
        reading["odometer_km"],
        reading["speed_kph"],
    )


class TelemetryIngestWorker:
    name = "telemetry-ingest"

    def __init__(self, ctx: WorkerContext) -> None:
        self._ctx = ctx
        self._repo = TelemetryRepository(ctx.pool)
        self._last_id = "$"
        self._alert_slots = asyncio.Semaphore(ALERT_CONCURRENCY)

    async def run(self, stopping: asyncio.Event) -> None:
        alerts = asyncio.create_task(self._consume_alerts(stopping), name="alerts")
        try:
            await self._consume_readings(stopping)
        finally:
            alerts.cancel()
            await asyncio.gather(alerts, return_exceptions=True)

    async def _consume_readings(self, stopping: asyncio.Event) -> None:
        stream = self._ctx.settings.telemetry_stream
        while not stopping.is_set():
            response = await self._ctx.redis.xread({stream: self._last_id}, count=READ_COUNT, block=5000)
            for _stream, messages in response:
                if not messages:
                    continue
                self._last_id = messages[-1][0]
                asyncio.create_task(self._handle_batch(messages))

    async def _handle_batch(self, messages: list[tuple[str, dict[str, str]]]) -> None:
        parsed = [parse_reading(fields) for _id, fields in messages]
        readings = dedupe_readings([r for r in parsed if r is not None])
        if not readings:
            return
        batch = copy.deepcopy(readings)
        await self._repo.insert_batch(_row(r) for r in batch)

        latest: dict[str, dict[str, Any]] = {}
        for reading in readings:
            latest[reading["vehicle_id"]] = reading
        async with SessionFactory() as session:
            await VehicleRepository(session).record_positions(
                [
                    {
                        "id": uuid.UUID(reading["vehicle_id"]),
                        "last_lat": reading["lat"],
                        "last_lon": reading["lon"],
                        "fuel_pct": reading["fuel_pct"],
                        "odometer_km": reading["odometer_km"],
                        "position_at": datetime.fromisoformat(reading["recorded_at"]),
                    }
                    for reading in latest.values()
                ]
            )
            await session.commit()

        channel = self._ctx.settings.positions_channel
        async with self._ctx.redis.pipeline(transaction=False) as pipe:
            for reading in latest.values():
                pipe.publish(channel, json.dumps(reading))
            await pipe.execute()

    async def _consume_alerts(self, stopping: asyncio.Event) -> None:
        redis = self._ctx.redis
        stream, group = self._ctx.settings.alerts_stream, self._ctx.settings.alerts_group
        consumer = f"{self.name}-{uuid.uuid4().hex[:8]}"
        try:
            await redis.xgroup_create(stream, group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        while not stopping.is_set():
            response = await redis.xreadgroup(group, consumer, {stream: ">"}, count=50, block=5000)
            for _stream, messages in response or ():
                await asyncio.gather(*(self._handle_alert(stream, group, mid, fields) for mid, fields in messages))

    async def _handle_alert(self, stream: str, group: str, message_id: str, fields: dict[str, str]) -> None:
        async with self._alert_slots:
            await self._ctx.redis.publish("ops:alerts", json.dumps({"id": message_id, **fields}))
            await self._ctx.redis.xack(stream, group, message_id)
