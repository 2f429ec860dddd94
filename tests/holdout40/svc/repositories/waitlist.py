from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import WaitlistEntry


async def waiting(session: AsyncSession, flight_id: int, cabin: str) -> Sequence[WaitlistEntry]:
    stmt = (
        select(WaitlistEntry)
        .where(WaitlistEntry.flight_id == flight_id, WaitlistEntry.cabin == cabin, WaitlistEntry.state == "WAITING")
        .order_by(WaitlistEntry.priority)
    )
    return (await session.execute(stmt)).scalars().all()


async def set_state(session: AsyncSession, entry_id: int, state: str) -> None:
    await session.execute(update(WaitlistEntry).where(WaitlistEntry.id == entry_id).values(state=state))


async def add(session: AsyncSession, entry: WaitlistEntry) -> WaitlistEntry:
    session.add(entry)
    await session.flush()
    return entry
