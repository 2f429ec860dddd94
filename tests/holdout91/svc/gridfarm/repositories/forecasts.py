from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Forecast


class ForecastRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def latest(self, site_id: int, horizon_start: datetime) -> Forecast | None:
        result = await self._session.execute(
            select(Forecast)
            .where(Forecast.site_id == site_id, Forecast.horizon_start == horizon_start)
            .order_by(Forecast.issued_at.desc())
            .limit(1)
        )
        return result.scalar_one_or_none()

    async def most_recent_any(self, site_id: int) -> Forecast | None:
        result = await self._session.execute(
            select(Forecast).where(Forecast.site_id == site_id).order_by(Forecast.horizon_start.desc()).limit(1)
        )
        return result.scalar_one_or_none()

    async def save(self, site_id: int, horizon_start: datetime, issued_at: datetime, hourly_kw: list[float]) -> None:
        await self._session.execute(
            insert(Forecast).values(
                site_id=site_id, horizon_start=horizon_start, issued_at=issued_at, hourly_kw=hourly_kw
            )
        )
