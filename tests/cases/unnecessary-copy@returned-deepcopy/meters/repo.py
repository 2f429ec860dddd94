from __future__ import annotations

from datetime import datetime
from uuid import UUID

import asyncpg
from pydantic import BaseModel


class Reading(BaseModel):
    meter_id: UUID
    ts: datetime
    kwh: float


class ReadingRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self._latest: dict[UUID, Reading] = {}

    async def before(self, meter_id: UUID, before: datetime, limit: int) -> list[Reading]:
        rows = await self.pool.fetch(
            "SELECT meter_id, ts, kwh FROM readings WHERE meter_id = $1 AND ts < $2 ORDER BY ts DESC LIMIT $3",
            meter_id, before, limit,
        )
        return [Reading(**dict(r)) for r in rows]

    async def latest(self, meter_id: UUID) -> Reading | None:
        return self._latest.get(meter_id)
