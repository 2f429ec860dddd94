from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.models import AbuseReport


class AbuseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, report: AbuseReport) -> AbuseReport:
        self._session.add(report)
        await self._session.flush()
        return report

    async def list_open(self, limit: int = 200) -> list[AbuseReport]:
        stmt = select(AbuseReport).where(AbuseReport.status == "open").order_by(AbuseReport.id).limit(limit)
        return list((await self._session.execute(stmt)).scalars())

    async def list_by_reporter(self, email: str, limit: int = 50) -> list[AbuseReport]:
        stmt = (
            select(AbuseReport)
            .where(AbuseReport.reporter_email == email)
            .order_by(AbuseReport.id.desc())
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def set_status(self, report_id: int, status: str) -> None:
        await self._session.execute(update(AbuseReport).where(AbuseReport.id == report_id).values(status=status))
