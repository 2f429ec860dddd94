from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from venue.models import Seat


class SeatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def first_open(self, section: str) -> Seat | None:
        return await self.session.scalar(
            select(Seat).where(Seat.section == section, Seat.holder_id.is_(None)).order_by(Seat.id).limit(1)
        )

    async def first_open_locked(self, section: str) -> Seat | None:
        return await self.session.scalar(
            select(Seat).where(Seat.section == section, Seat.holder_id.is_(None)).limit(1)
            .with_for_update(skip_locked=True)
        )

    async def give(self, seat_id: int, holder_id: int) -> None:
        await self.session.execute(update(Seat).where(Seat.id == seat_id).values(holder_id=holder_id))

    async def give_if_open(self, seat_id: int, holder_id: int) -> bool:
        result = await self.session.execute(
            update(Seat).where(Seat.id == seat_id, Seat.holder_id.is_(None)).values(holder_id=holder_id)
        )
        return result.rowcount == 1
