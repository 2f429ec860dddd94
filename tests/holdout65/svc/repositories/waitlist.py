from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import WaitlistEntry


class WaitlistRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def waiting(self, restaurant_id: int) -> list[WaitlistEntry]:
        stmt = (
            select(WaitlistEntry)
            .where(WaitlistEntry.restaurant_id == restaurant_id, WaitlistEntry.status.in_(("waiting", "notified")))
            .order_by(WaitlistEntry.created_at)
        )
        return list((await self.session.scalars(stmt)).all())

    async def get(self, entry_id: int) -> WaitlistEntry | None:
        return await self.session.get(WaitlistEntry, entry_id)

    async def add(self, entry: WaitlistEntry) -> WaitlistEntry:
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def mark_notified(self, entry_id: int, at: datetime) -> None:
        await self.session.execute(
            update(WaitlistEntry).where(WaitlistEntry.id == entry_id).values(status="notified", notified_at=at)
        )

    async def set_status(self, entry_id: int, status: str) -> None:
        await self.session.execute(update(WaitlistEntry).where(WaitlistEntry.id == entry_id).values(status=status))

    async def expired_notifications(self, restaurant_id: int, cutoff: datetime) -> list[WaitlistEntry]:
        stmt = select(WaitlistEntry).where(
            WaitlistEntry.restaurant_id == restaurant_id,
            WaitlistEntry.status == "notified",
            WaitlistEntry.notified_at < cutoff,
        )
        return list((await self.session.scalars(stmt)).all())
