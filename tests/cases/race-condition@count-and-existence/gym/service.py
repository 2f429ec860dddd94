from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gym import bookings_repo


class Full(Exception):
    pass


async def book(session: AsyncSession, class_id: int, member_id: int) -> int:
    if await bookings_repo.count_for_member(session, member_id) >= 3:  # expect: race-condition
        raise Full("too many bookings")
    booked = await bookings_repo.find(session, class_id, member_id)  # expect: race-condition
    if booked is not None:
        return booked.id
    booking = await bookings_repo.create(session, class_id, member_id)
    await session.commit()
    return booking.id


async def book_once(session: AsyncSession, class_id: int, member_id: int) -> int:
    booked = await bookings_repo.find(session, class_id, member_id)
    if booked is not None:
        return booked.id
    try:
        booking = await bookings_repo.create(session, class_id, member_id)
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise Full("booked meanwhile")
    return booking.id
