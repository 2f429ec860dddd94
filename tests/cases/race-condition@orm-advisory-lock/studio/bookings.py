from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Booking

MAX_PER_MEMBER = 3


class Taken(Exception):
    pass


async def book_room(session: AsyncSession, room: str, starts_at: datetime, member_id: int) -> Booking:
    existing = await session.scalar(  # expect: race-condition
        select(Booking).where(Booking.room == room, Booking.starts_at == starts_at))
    if existing is not None:
        raise Taken(room)
    booking = Booking(room=room, starts_at=starts_at, member_id=member_id)
    session.add(booking)
    await session.commit()
    return booking


async def book_for_member(session: AsyncSession, room: str, starts_at: datetime, member_id: int) -> Booking:
    held = await session.scalar(select(func.count()).select_from(Booking).where(Booking.member_id == member_id))
    if held >= MAX_PER_MEMBER:  # expect: race-condition
        raise Taken("member limit")
    booking = Booking(room=room, starts_at=starts_at, member_id=member_id)
    session.add(booking)
    await session.commit()
    return booking


async def book_room_serialised(session: AsyncSession, room: str, starts_at: datetime, member_id: int) -> Booking:
    # correct: a transaction-scoped advisory lock per room serialises the check and the insert
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"room:{room}"))))
    existing = await session.scalar(
        select(Booking).where(Booking.room == room, Booking.starts_at == starts_at))
    if existing is not None:
        raise Taken(room)
    booking = Booking(room=room, starts_at=starts_at, member_id=member_id)
    session.add(booking)
    await session.commit()
    return booking
