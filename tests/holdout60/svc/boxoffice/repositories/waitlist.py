from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import WaitlistEntry


class WaitlistRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event_id: int, customer_id: int, position: int) -> WaitlistEntry:
        entry = WaitlistEntry(event_id=event_id, customer_id=customer_id, position=position)
        self._session.add(entry)
        await self._session.commit()
        return entry

    async def next_waiting(self, event_id: int, count: int) -> Sequence[WaitlistEntry]:
        stmt = (
            select(WaitlistEntry)
            .where(WaitlistEntry.event_id == event_id, WaitlistEntry.status == "waiting")
            .order_by(WaitlistEntry.position)
            .limit(count)
        )
        return (await self._session.execute(stmt)).scalars().all()

    async def all_waiting(self, event_id: int) -> Sequence[WaitlistEntry]:
        stmt = select(WaitlistEntry).where(WaitlistEntry.event_id == event_id, WaitlistEntry.status == "waiting")
        return (await self._session.execute(stmt)).scalars().all()

    async def mark_offered(self, entry_ids: Sequence[int], when: datetime) -> None:
        await self._session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.id.in_(entry_ids))
            .values(status="offered", offered_at=when)
        )
        await self._session.commit()

    async def expire_offers(self, event_id: int, cutoff: datetime) -> int:
        result = await self._session.execute(
            update(WaitlistEntry)
            .where(
                WaitlistEntry.event_id == event_id,
                WaitlistEntry.status == "offered",
                WaitlistEntry.offered_at < cutoff,
            )
            .values(status="expired")
        )
        await self._session.commit()
        return result.rowcount
