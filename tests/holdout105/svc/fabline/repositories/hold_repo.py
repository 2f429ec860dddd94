"""Hold records."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.hold import Hold


class HoldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_for_lot(self, lot_id: int) -> list[Hold]:
        stmt = select(Hold).where(Hold.lot_id == lot_id, Hold.released_at.is_(None))
        return list((await self.session.scalars(stmt)).all())

    async def by_reason(self, reason_code: str, limit: int = 500) -> list[Hold]:
        stmt = (
            select(Hold)
            .where(Hold.reason_code == reason_code, Hold.released_at.is_(None))
            .order_by(Hold.placed_at)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def place(self, lot_id: int, reason: str, user: str, comment: str) -> Hold:
        hold = Hold(lot_id=lot_id, reason_code=reason, placed_by=user, comment=comment)
        self.session.add(hold)
        await self.session.flush()
        return hold

    async def release(self, hold_id: int, user: str) -> int:
        stmt = (
            update(Hold)
            .where(Hold.id == hold_id, Hold.released_at.is_(None))
            .values(released_at=func.now(), released_by=user)
        )
        return (await self.session.execute(stmt)).rowcount
