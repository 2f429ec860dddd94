from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bays.models import AuditEntry, Booking


class BookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def clashes(self, bay_id: int, starts: datetime, ends: datetime) -> list[Booking]:
        stmt = select(Booking).where(Booking.bay_id == bay_id, Booking.starts < ends, Booking.ends > starts)
        return list((await self._session.scalars(stmt)).all())

    async def bay_is_free(self, bay_id: int, starts: datetime, ends: datetime) -> bool:
        return not await self.clashes(bay_id, starts, ends)

    async def book(self, bay_id: int, starts: datetime, ends: datetime) -> Booking:
        booking = Booking(bay_id=bay_id, starts=starts, ends=ends)
        self._session.add(booking)
        await self._session.flush()
        return booking

    async def note(self, text: str) -> None:
        self._session.add(AuditEntry(note=text))
        await self._session.flush()
