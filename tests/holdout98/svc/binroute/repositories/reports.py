from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update

from ..db.models import MissedReport
from .base import BaseRepository


class MissedReportRepository(BaseRepository[MissedReport]):
    model = MissedReport

    async def open_for_bin(self, bin_id: str) -> MissedReport | None:
        stmt = select(MissedReport).where(MissedReport.bin_id == bin_id, MissedReport.status == "open")
        return await self.session.scalar(stmt.limit(1))

    async def recent_open(self, limit: int = 100) -> Sequence[MissedReport]:
        stmt = (
            select(MissedReport)
            .where(MissedReport.status == "open")
            .order_by(MissedReport.created_at.desc())
            .limit(limit)
        )
        return (await self.session.scalars(stmt)).all()

    async def set_photo(self, report_id: int, key: str) -> None:
        await self.session.execute(update(MissedReport).where(MissedReport.id == report_id).values(photo_key=key))

    async def set_status(self, report_id: int, status: str) -> None:
        await self.session.execute(update(MissedReport).where(MissedReport.id == report_id).values(status=status))
