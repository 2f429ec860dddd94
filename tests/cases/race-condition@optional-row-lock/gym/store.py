"""Data access for sessions and reservations."""
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gym.models import Reservation, Session


class SessionStore:
    def __init__(self, db: AsyncSession) -> None:
        self._db = db

    async def load(self, session_id: int, for_update: bool = False) -> Session | None:
        query = select(Session).where(Session.id == session_id)
        if for_update:
            query = query.with_for_update()
        return await self._db.scalar(query)

    async def taken(self, session_id: int) -> int:
        return await self._db.scalar(
            select(func.count(Reservation.id)).where(Reservation.session_id == session_id, Reservation.state == "held"))

    def reserve(self, reservation: Reservation) -> None:
        self._db.add(reservation)


async def fetch_session(db: AsyncSession, session_id: int, *, locked: bool = False) -> Session | None:
    query = select(Session).where(Session.id == session_id)
    if locked:
        query = query.with_for_update(nowait=False)
    return (await db.execute(query)).scalar_one_or_none()
