from __future__ import annotations

import json
import threading
from datetime import datetime, timezone
from typing import Any

import redis.asyncio as aioredis

from fieldwise.logging_setup import get_logger
from fieldwise.repositories.equipment import PositionRepository
from fieldwise.services.container import Services
from fieldwise.services.fieldmap import FieldMapHub

log = get_logger(__name__)

POSITION_TTL_S = 300


class TelemetryService:
    """Tractor telemetry: persists positions and keeps a live snapshot per farm."""

    def __init__(self, deps: Services, hub: FieldMapHub) -> None:
        self._redis: aioredis.Redis = deps.redis
        self._positions = PositionRepository(deps.pg)
        self._hub = hub
        self._lock = threading.Lock()
        self._last: dict[int, dict[str, Any]] = {}
        self._stats_lock = threading.Lock()
        self._frames = 0

    def count_frame(self) -> int:
        with self._stats_lock:
            self._frames += 1
            return self._frames

    async def record(self, farm_id: int, tractor_id: int, frame: dict[str, Any]) -> None:
        ts = datetime.fromtimestamp(frame["ts"], tz=timezone.utc)
        await self._positions.append(tractor_id, ts, frame["lat"], frame["lon"],
                                     frame.get("speed"), frame.get("fuel"))
        snapshot = {"tractor_id": tractor_id, "lat": frame["lat"], "lon": frame["lon"], "ts": frame["ts"]}
        with self._lock:
            self._last[tractor_id] = snapshot
            await self._redis.hset(f"farm:{farm_id}:tractors", str(tractor_id), json.dumps(snapshot))
        await self._redis.expire(f"farm:{farm_id}:tractors", POSITION_TTL_S)
        if frame.get("field_id"):
            self._hub.publish(int(frame["field_id"]), {"type": "tractor", **snapshot})
        self.count_frame()

    async def fleet(self, farm_id: int) -> list[dict[str, Any]]:
        raw = await self._redis.hgetall(f"farm:{farm_id}:tractors")
        return [json.loads(v) for v in raw.values()]
