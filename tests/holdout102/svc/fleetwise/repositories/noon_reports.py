from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from fleetwise.db.models import NoonReport
from fleetwise.repositories.base import BaseRepository


class NoonReportRepository(BaseRepository[NoonReport]):
    model = NoonReport

    async def for_voyage(self, voyage_id: int) -> list[NoonReport]:
        result = await self.session.execute(
            select(NoonReport).where(NoonReport.voyage_id == voyage_id).order_by(NoonReport.reported_at)
        )
        return list(result.scalars())

    async def for_vessel_between(self, vessel_id: int, start: datetime, end: datetime) -> list[NoonReport]:
        result = await self.session.execute(
            select(NoonReport)
            .where(NoonReport.vessel_id == vessel_id, NoonReport.reported_at >= start, NoonReport.reported_at < end)
            .order_by(NoonReport.reported_at)
        )
        return list(result.scalars())
