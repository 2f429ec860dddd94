from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import DailyStat, Order


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def ensure_daily(self, day: date, kind: str) -> DailyStat:
        await self.session.execute(insert(DailyStat).values(day=day, kind=kind).on_conflict_do_nothing())
        result = await self.session.execute(select(DailyStat).where(DailyStat.day == day, DailyStat.kind == kind))
        return result.scalar_one()

    async def ensure_daily_locked(self, day: date, kind: str) -> DailyStat:
        await self.session.execute(insert(DailyStat).values(day=day, kind=kind).on_conflict_do_nothing())
        result = await self.session.execute(
            select(DailyStat).where(DailyStat.day == day, DailyStat.kind == kind).with_for_update()
        )
        return result.scalar_one()

    async def by_placer(self, placer: str) -> Order | None:
        result = await self.session.execute(select(Order).where(Order.placer == placer))
        return result.scalar_one_or_none()
