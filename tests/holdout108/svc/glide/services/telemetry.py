from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from typing import Any

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glide.models import VehicleStatus
from glide.repositories.telemetry import TelemetryRepository
from glide.repositories.vehicles import VehicleRepository
from glide.settings import Settings
from glide.utils.timeutil import utcnow

log = logging.getLogger(__name__)

POSITIONS_CHANNEL = "vehicle-positions"
BATCH_SIZE = 500
SPEED_CAP_KMH = 25.0


class TelemetryService:
    def __init__(
        self,
        repo: TelemetryRepository,
        sessions: async_sessionmaker[AsyncSession],
        redis: aioredis.Redis,
        settings: Settings,
    ) -> None:
        self._repo = repo
        self._sessions = sessions
        self._redis = redis
        self._settings = settings
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @staticmethod
    def _parse(payload: dict[str, Any]) -> dict[str, Any]:
        try:
            recorded_at = datetime.fromisoformat(payload["ts"])
        except:
            recorded_at = utcnow()
        return {
            "device_id": str(payload["device_id"]),
            "recorded_at": recorded_at,
            "lat": float(payload["lat"]),
            "lon": float(payload["lon"]),
            "battery_pct": int(payload.get("battery", 0)),
            "speed_kmh": float(payload.get("speed", 0.0)),
        }

    async def record_heartbeat(self, payload: dict[str, Any]) -> None:
        point = self._parse(payload)
        await self._queue.put(point)
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hset(
                f"veh:{point['device_id']}",
                mapping={
                    "lat": point["lat"],
                    "lon": point["lon"],
                    "battery": point["battery_pct"],
                    "ts": point["recorded_at"].isoformat(),
                },
            )
            pipe.expire(f"veh:{point['device_id']}", 3600)
            pipe.publish(POSITIONS_CHANNEL, json.dumps(point, default=str))
            await pipe.execute()

    async def record_many(self, payloads: list[dict[str, Any]]) -> int:
        points = [self._parse(p) for p in payloads]
        async with self._redis.pipeline(transaction=False) as pipe:
            for point in points:
                key = f"veh:{point['device_id']}"
                pipe.hset(key, mapping={"lat": point["lat"], "lon": point["lon"], "battery": point["battery_pct"]})
                pipe.expire(key, 3600)
                pipe.publish(POSITIONS_CHANNEL, json.dumps(point, default=str))
            await pipe.execute()
        for point in points:
            await self._queue.put(point)
        return len(points)

    async def track(self, vehicle_id: str, start: datetime, end: datetime) -> dict[str, Any]:
        points = await self._repo.track(vehicle_id, start, end)
        top_speed = max((p["speed_kmh"] for p in points), default=0.0)
        speeding = [p for p in points if p["speed_kmh"] > SPEED_CAP_KMH]
        return {
            "points": [{"t": p["recorded_at"].isoformat(), "lat": p["lat"], "lon": p["lon"]} for p in points],
            "top_speed_kmh": top_speed,
            "speeding_samples": len(speeding),
        }

    async def _drain(self) -> list[dict[str, Any]]:
        batch = [await self._queue.get()]
        while len(batch) < BATCH_SIZE and not self._queue.empty():
            batch.append(self._queue.get_nowait())
        return batch

    async def run_writer(self) -> None:
        while True:
            batch = await self._drain()
            async with self._sessions() as session:
                vehicles = VehicleRepository(session)
                by_device = await vehicles.by_devices(list({p["device_id"] for p in batch}))
                rows = []
                for p in batch:
                    vehicle = by_device.get(p["device_id"])
                    if vehicle is None:
                        continue
                    rows.append({**{k: v for k, v in p.items() if k != "device_id"}, "vehicle_id": vehicle.id})
                    vehicle.lat, vehicle.lon = p["lat"], p["lon"]
                    vehicle.battery_pct = p["battery_pct"]
                    vehicle.last_seen_at = p["recorded_at"]
                    if vehicle.status == VehicleStatus.AVAILABLE and p["battery_pct"] < self._settings.low_battery_pct:
                        vehicle.status = VehicleStatus.LOW_BATTERY
                await session.commit()
            await self._repo.insert_batch(rows)
