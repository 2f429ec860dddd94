from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Promotion
from .repository import StatsRepository


class StatsService:
    async def record(self, session: AsyncSession, kind: str, minutes: int) -> None:
        row = await StatsRepository(session).ensure_daily(date.today(), kind)
        row.report_count = row.report_count + 1  # expect: race-condition
        row.total_minutes = row.total_minutes + minutes

    async def record_locked(self, session: AsyncSession, kind: str, minutes: int) -> None:
        # correct: the row is locked until the caller commits
        row = await StatsRepository(session).ensure_daily_locked(date.today(), kind)
        row.report_count = row.report_count + 1
        row.total_minutes = row.total_minutes + minutes

    async def reschedule(self, session: AsyncSession, placer: str, when: datetime | None) -> None:
        # correct: the new time replaces the old one, which is only kept as the fallback
        order = await StatsRepository(session).by_placer(placer)
        if order is not None:
            order.scheduled_at = when or order.scheduled_at


class PromotionService:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def redeem(self, code: str) -> int:
        promo = (await self._s.execute(select(Promotion).where(Promotion.code == code))).scalar_one_or_none()
        if promo is None:
            raise LookupError(code)
        if promo.redeemed_count >= promo.max_redemptions:  # expect: race-condition
            raise ValueError("fully redeemed")
        promo.redeemed_count = promo.redeemed_count + 1
        await self._s.commit()
        return promo.redeemed_count
