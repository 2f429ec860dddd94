from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Booking, Passenger
from ..utils.common import utcnow


async def get(session: AsyncSession, booking_id: int) -> Booking | None:
    return await session.get(Booking, booking_id)


async def by_pnr(session: AsyncSession, pnr: str) -> Sequence[Booking]:
    stmt = select(Booking).where(Booking.pnr == pnr.upper()).order_by(Booking.id)
    return (await session.execute(stmt)).scalars().all()


async def by_pnr_with_passengers(session: AsyncSession, pnr: str) -> Sequence[Booking]:
    stmt = (
        select(Booking)
        .where(Booking.pnr == pnr.upper())
        .options(selectinload(Booking.passenger))
        .order_by(Booking.id)
    )
    return (await session.execute(stmt)).scalars().all()


async def for_flight(session: AsyncSession, flight_id: int, statuses: tuple[str, ...] = ("CONFIRMED", "CHECKED_IN")) -> Sequence[Booking]:
    stmt = select(Booking).where(Booking.flight_id == flight_id, Booking.status.in_(statuses))
    return (await session.execute(stmt)).scalars().all()


async def manifest(session: AsyncSession, flight_id: int) -> Sequence[Booking]:
    stmt = (
        select(Booking)
        .where(Booking.flight_id == flight_id)
        .options(selectinload(Booking.passenger))
        .order_by(Booking.seat_no)
    )
    return (await session.execute(stmt)).scalars().all()


async def search_by_surname(session: AsyncSession, fragment: str, limit: int = 50) -> Sequence[Booking]:
    stmt = (
        select(Booking)
        .join(Passenger, Passenger.id == Booking.passenger_id)
        .where(Passenger.last_name.ilike(f"%{fragment}%"))
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def mark_checked_in(session: AsyncSession, booking_id: int, seat_no: str) -> None:
    await session.execute(
        update(Booking)
        .where(Booking.id == booking_id)
        .values(status="CHECKED_IN", seat_no=seat_no, checked_in_at=utcnow())
    )


async def upgrade_cabin(session: AsyncSession, booking_id: int, cabin: str, seat_no: str) -> None:
    await session.execute(
        update(Booking).where(Booking.id == booking_id).values(cabin=cabin, seat_no=seat_no)
    )
