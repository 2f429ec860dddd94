from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from loyalty.db.models import LedgerEntry


class LedgerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def record(self, member_id: int, points: int, kind: str, reference: str | None = None,
                     reward_id: int | None = None) -> LedgerEntry:
        entry = LedgerEntry(member_id=member_id, delta=points, kind=kind, reference=reference, reward_id=reward_id)
        self._session.add(entry)
        await self._session.flush()
        return entry

    async def for_member_between(self, member_id: int, start: datetime, end: datetime) -> list[LedgerEntry]:
        stmt = (
            select(LedgerEntry)
            .where(LedgerEntry.member_id == member_id, LedgerEntry.created_at >= start, LedgerEntry.created_at < end)
            .order_by(LedgerEntry.created_at)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def history_page(self, member_id: int, before_id: int | None, limit: int = 50) -> list[LedgerEntry]:
        stmt = select(LedgerEntry).where(LedgerEntry.member_id == member_id)
        if before_id is not None:
            stmt = stmt.where(LedgerEntry.id < before_id)
        stmt = stmt.order_by(LedgerEntry.id.desc()).limit(limit)
        return list((await self._session.execute(stmt)).scalars())

    async def audit_page(self, page: int, page_size: int = 100) -> list[LedgerEntry]:
        stmt = select(LedgerEntry).order_by(LedgerEntry.created_at.desc()).offset(page * page_size).limit(page_size)
        return list((await self._session.execute(stmt)).scalars())

    async def total_issued(self) -> int:
        stmt = select(func.coalesce(func.sum(LedgerEntry.delta), 0)).where(LedgerEntry.delta > 0)
        return int((await self._session.execute(stmt)).scalar_one())
