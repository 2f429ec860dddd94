from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from gym.models import Booking


async def count_for_member(session: AsyncSession, member_id: int) -> int:
    stmt = select(func.count()).select_from(Booking).where(Booking.member_id == member_id)
    return (await session.execute(stmt)).scalar_one()


async def find(session: AsyncSession, class_id: int, member_id: int) -> Booking | None:
    stmt = select(Booking).where(Booking.class_id == class_id, Booking.member_id == member_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def create(session: AsyncSession, class_id: int, member_id: int) -> Booking:
    booking = Booking(class_id=class_id, member_id=member_id, status="booked")
    session.add(booking)
    await session.flush()
    return booking
