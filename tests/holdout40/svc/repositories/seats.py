from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Seat


async def for_flight(session: AsyncSession, flight_id: int) -> Sequence[Seat]:
    stmt = select(Seat).where(Seat.flight_id == flight_id).order_by(Seat.id)
    return (await session.execute(stmt)).scalars().all()


async def get_seat(session: AsyncSession, flight_id: int, seat_no: str) -> Seat | None:
    stmt = select(Seat).where(Seat.flight_id == flight_id, Seat.seat_no == seat_no)
    return (await session.execute(stmt)).scalar_one_or_none()


async def lock_seat(session: AsyncSession, flight_id: int, seat_no: str) -> Seat | None:
    stmt = (
        select(Seat)
        .where(Seat.flight_id == flight_id, Seat.seat_no == seat_no)
        .with_for_update()
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def seats_for_bookings(session: AsyncSession, flight_id: int, booking_ids: Sequence[int]) -> dict[int, Seat]:
    stmt = select(Seat).where(Seat.flight_id == flight_id, Seat.booking_id.in_(booking_ids))
    return {s.booking_id: s for s in (await session.execute(stmt)).scalars().all()}


async def open_counts(session: AsyncSession, flight_id: int) -> dict[str, int]:
    stmt = (
        select(Seat.cabin, func.count())
        .where(Seat.flight_id == flight_id, Seat.status == "OPEN")
        .group_by(Seat.cabin)
    )
    return {cabin: count for cabin, count in (await session.execute(stmt)).all()}


async def claim_open_seat(session: AsyncSession, flight_id: int, seat_no: str, booking_id: int) -> bool:
    result = await session.execute(
        update(Seat)
        .where(Seat.flight_id == flight_id, Seat.seat_no == seat_no, Seat.status == "OPEN")
        .values(status="ASSIGNED", booking_id=booking_id)
    )
    return result.rowcount == 1


async def release(session: AsyncSession, flight_id: int, seat_no: str) -> None:
    await session.execute(
        update(Seat)
        .where(Seat.flight_id == flight_id, Seat.seat_no == seat_no)
        .values(status="OPEN", booking_id=None)
    )
