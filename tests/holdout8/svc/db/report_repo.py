"""Anti-cheat report persistence (SQLAlchemy 2.0 async ORM)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update

from svc.db.inventory_repo import BaseRepository
from svc.db.models import AntiCheatReport, ReportStatus


class ReportRepository(BaseRepository):
    async def get(self, report_id: int) -> AntiCheatReport | None:
        return await self._session.get(AntiCheatReport, report_id)

    async def pending_batch(self, limit: int = 100) -> Sequence[AntiCheatReport]:
        stmt = (
            select(AntiCheatReport)
            .where(AntiCheatReport.status == ReportStatus.PENDING)
            .order_by(AntiCheatReport.created_at)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def all_pending(self) -> Sequence[AntiCheatReport]:
        stmt = select(AntiCheatReport).where(AntiCheatReport.verdict.is_(None))
        return (await self._session.scalars(stmt)).all()

    async def awaiting_verdict(self, limit: int = 200) -> Sequence[AntiCheatReport]:
        stmt = (
            select(AntiCheatReport)
            .where(AntiCheatReport.case_id.is_not(None), AntiCheatReport.verdict.is_(None))
            .order_by(AntiCheatReport.case_id)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def count_against(self, suspect_id: int, since: datetime) -> int:
        stmt = select(func.count()).where(
            AntiCheatReport.suspect_id == suspect_id, AntiCheatReport.created_at >= since
        )
        return int(await self._session.scalar(stmt) or 0)

    async def by_reporter(self, reporter_id: int, limit: int = 50) -> Sequence[AntiCheatReport]:
        stmt = (
            select(AntiCheatReport)
            .where(AntiCheatReport.reporter_id == reporter_id)
            .order_by(AntiCheatReport.id.desc())
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()

    async def mark_submitted(self, report_ids: Sequence[int], case_id: str) -> None:
        await self._session.execute(
            update(AntiCheatReport)
            .where(AntiCheatReport.id.in_(report_ids))
            .values(status=ReportStatus.SUBMITTED, case_id=case_id)
        )
