from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

_INSERT = text(
    """
    INSERT INTO telemetry_points (vehicle_id, recorded_at, lat, lon, battery_pct, speed_kmh)
    VALUES (:vehicle_id, :recorded_at, :lat, :lon, :battery_pct, :speed_kmh)
    """
)

_TRACK = text(
    """
    SELECT recorded_at, lat, lon, speed_kmh
      FROM telemetry_points
     WHERE vehicle_id = :vehicle_id AND recorded_at BETWEEN :start AND :end
     ORDER BY recorded_at
     LIMIT 5000
    """
)

_PRUNE = text("DELETE FROM telemetry_points WHERE recorded_at < now() - interval '30 days'")


class TelemetryRepository:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def insert_batch(self, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        async with self._engine.begin() as conn:
            await conn.execute(_INSERT, list(rows))

    async def track(self, vehicle_id: str, start: Any, end: Any) -> list[dict[str, Any]]:
        async with self._engine.connect() as conn:
            result = await conn.execute(_TRACK, {"vehicle_id": vehicle_id, "start": start, "end": end})
            return [dict(r._mapping) for r in result]

    async def prune(self) -> int:
        conn = await self._engine.connect()
        result = await conn.execute(_PRUNE)
        await conn.commit()
        await conn.close()
        return result.rowcount or 0
