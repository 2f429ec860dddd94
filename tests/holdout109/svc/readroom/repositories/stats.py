from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import TatDailyStat


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_daily(self, day: date, modality: str, priority: str) -> TatDailyStat | None:
        result = await self.session.execute(
            select(TatDailyStat).where(
                TatDailyStat.day == day, TatDailyStat.modality == modality, TatDailyStat.priority == priority
            )
        )
        return result.scalar_one_or_none()

    async def ensure_daily(self, day: date, modality: str, priority: str) -> TatDailyStat:
        await self.session.execute(
            insert(TatDailyStat)
            .values(day=day, modality=modality, priority=priority, report_count=0, total_minutes=0, breaches=0)
            .on_conflict_do_nothing(constraint="uq_tat_day_mod_prio")
        )
        row = await self.get_daily(day, modality, priority)
        assert row is not None
        return row

    async def add_samples(self, day: date, modality: str, priority: str, *, count: int, total_minutes: int,
                          breaches: int) -> None:
        stmt = insert(TatDailyStat).values(
            day=day, modality=modality, priority=priority, report_count=count, total_minutes=total_minutes,
            breaches=breaches,
        )
        stmt = stmt.on_conflict_do_update(
            constraint="uq_tat_day_mod_prio",
            set_={
                "report_count": TatDailyStat.report_count + count,
                "total_minutes": TatDailyStat.total_minutes + total_minutes,
                "breaches": TatDailyStat.breaches + breaches,
            },
        )
        await self.session.execute(stmt)

    async def range(self, start: date, end: date) -> list[TatDailyStat]:
        result = await self.session.execute(
            select(TatDailyStat).where(TatDailyStat.day >= start, TatDailyStat.day <= end).order_by(TatDailyStat.day)
        )
        return list(result.scalars())
