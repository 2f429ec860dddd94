from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.db.models import Hold


class HoldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def count_active(self, patron_id: int) -> int:
        stmt = select(func.count()).select_from(Hold).where(
            Hold.patron_id == patron_id, Hold.status.in_(("queued", "in_transit", "ready"))
        )
        return int(await self._session.scalar(stmt) or 0)

    async def add(self, hold: Hold) -> Hold:
        self._session.add(hold)
        await self._session.flush()
        return hold

    async def for_patron(self, patron_id: int) -> list[Hold]:
        rows = await self._session.scalars(select(Hold).where(Hold.patron_id == patron_id).order_by(Hold.queued_at))
        return list(rows)

    async def queue_for_title(self, title_id: int) -> list[Hold]:
        stmt = select(Hold).where(Hold.title_id == title_id, Hold.status == "queued").order_by(Hold.queued_at)
        return list(await self._session.scalars(stmt))

    async def next_batch_queued(self, limit: int) -> list[Hold]:
        stmt = select(Hold).where(Hold.status == "queued").order_by(Hold.queued_at).limit(limit)
        return list(await self._session.scalars(stmt))

    async def expired_ready(self, now: datetime, limit: int) -> list[Hold]:
        stmt = (
            select(Hold)
            .where(Hold.status == "ready", Hold.pickup_by < now)
            .order_by(Hold.pickup_by)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(await self._session.scalars(stmt))

    async def mark(self, hold_id: int, **values: object) -> None:
        await self._session.execute(update(Hold).where(Hold.id == hold_id).values(**values))
