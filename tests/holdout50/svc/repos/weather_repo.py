from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import WeatherObservation


class WeatherRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def exists(self, station_id: str, observed_at: datetime) -> bool:
        found = await self._session.scalar(
            select(WeatherObservation.id).where(
                WeatherObservation.station_id == station_id,
                WeatherObservation.observed_at == observed_at,
            )
        )
        return found is not None

    def add(self, obs: dict[str, Any]) -> None:
        self._session.add(WeatherObservation(**{**obs, "raw": json.dumps(obs["raw"])}))

    async def upsert_many(self, observations: list[dict[str, Any]]) -> None:
        if not observations:
            return
        rows = [{**o, "raw": json.dumps(o["raw"])} for o in observations]
        stmt = insert(WeatherObservation).values(rows).on_conflict_do_nothing(
            constraint="uq_obs_station_time"
        )
        await self._session.execute(stmt)

    async def latest(self, station_id: str) -> WeatherObservation | None:
        return await self._session.scalar(
            select(WeatherObservation)
            .where(WeatherObservation.station_id == station_id)
            .order_by(WeatherObservation.observed_at.desc())
            .limit(1)
        )
