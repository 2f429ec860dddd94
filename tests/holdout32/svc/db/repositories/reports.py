"""Cheat reports."""
from __future__ import annotations

from sqlalchemy import select, update

from svc.db.models import CheatReport
from svc.db.repositories.base import BaseRepository
from svc.errors import NotFoundError


class ReportRepository(BaseRepository[CheatReport]):
    model = CheatReport

    async def require(self, report_id: int) -> CheatReport:
        report = await self.get(report_id)
        if report is None:
            raise NotFoundError(f"report {report_id} not found")
        return report

    async def for_suspect(self, suspect_id: int, limit: int = 50) -> list[CheatReport]:
        stmt = (
            select(CheatReport)
            .where(CheatReport.suspect_id == suspect_id)
            .order_by(CheatReport.id.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def for_match(self, match_id: int) -> list[CheatReport]:
        stmt = select(CheatReport).where(CheatReport.match_id == match_id).order_by(CheatReport.id)
        return list(await self.session.scalars(stmt))

    async def by_reporter(self, reporter_id: int, limit: int = 20) -> list[CheatReport]:
        stmt = (
            select(CheatReport)
            .where(CheatReport.reporter_id == reporter_id)
            .order_by(CheatReport.id.desc())
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def set_verdict(self, report_id: int, verdict: str, confidence: float) -> None:
        await self.session.execute(
            update(CheatReport)
            .where(CheatReport.id == report_id)
            .values(verdict=verdict, confidence=confidence, status="scored")
        )
