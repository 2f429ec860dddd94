from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.errors import NotFound
from fieldwise.repositories.farms import FarmRepository
from fieldwise.repositories.fields import FieldRepository
from fieldwise.repositories.readings import ReadingsRepository
from fieldwise.schemas.api import FieldStatus
from fieldwise.services.container import Services

DASHBOARD_TTL_S = 60


class FarmService:
    def __init__(self, session: AsyncSession, deps: Services) -> None:
        self._farms = FarmRepository(session)
        self._fields = FieldRepository(session)
        self._readings = ReadingsRepository(deps.pg)
        self._redis = deps.redis

    async def field_status(self, farm_id: int) -> list[FieldStatus]:
        cached = await self._redis.get("dashboard:field-status")
        if cached:
            return [FieldStatus(**row) for row in json.loads(cached)]
        farm = await self._farms.get_with_fields(farm_id)
        if farm is None:
            raise NotFound(f"farm {farm_id}")
        out: list[FieldStatus] = []
        for field in farm.fields:
            latest = await self._readings.latest_for_field(field.id)
            out.append(
                FieldStatus(
                    field_id=field.id,
                    name=field.name,
                    moisture_pct=latest["moisture_pct"] if latest else None,
                    temperature_c=latest["temperature_c"] if latest else None,
                    last_reading_at=latest["recorded_at"] if latest else None,
                )
            )
        payload = json.dumps([s.model_dump(mode="json") for s in out])
        await self._redis.set("dashboard:field-status", payload, ex=DASHBOARD_TTL_S)
        return out

    async def field_status_bulk(self, farm_id: int) -> list[FieldStatus]:
        fields = await self._fields.list_for_farm(farm_id)
        latest = await self._readings.latest_for_fields([f.id for f in fields])
        return [
            FieldStatus(
                field_id=f.id,
                name=f.name,
                moisture_pct=latest[f.id]["moisture_pct"] if f.id in latest else None,
                temperature_c=latest[f.id]["temperature_c"] if f.id in latest else None,
                last_reading_at=latest[f.id]["recorded_at"] if f.id in latest else None,
            )
            for f in fields
        ]
