from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Reservation


class DuplicateBooking(Exception):
    pass


async def get(session: AsyncSession, reservation_id: int) -> Reservation | None:
    return await session.get(Reservation, reservation_id)


async def get_by_code(session: AsyncSession, code: str) -> Reservation | None:
    stmt = select(Reservation).where(Reservation.confirmation_code == code)
    return await session.scalar(stmt)


async def get_by_external_ref(session: AsyncSession, channel: str, external_ref: str) -> Reservation | None:
    stmt = select(Reservation).where(Reservation.channel == channel, Reservation.external_ref == external_ref)
    return await session.scalar(stmt)


async def arrivals(session: AsyncSession, hotel_id: int, day: date) -> Sequence[Reservation]:
    stmt = (
        select(Reservation)
        .options(selectinload(Reservation.guest))
        .where(Reservation.hotel_id == hotel_id, Reservation.check_in == day)
        .where(Reservation.status.in_(("confirmed", "guaranteed")))
    )
    return (await session.scalars(stmt)).all()


async def in_house(session: AsyncSession, hotel_id: int, day: date) -> Sequence[Reservation]:
    stmt = select(Reservation).where(
        Reservation.hotel_id == hotel_id,
        Reservation.check_in <= day,
        Reservation.check_out > day,
        Reservation.status == "checked_in",
    )
    return (await session.scalars(stmt)).all()


async def list_for_hotel(session: AsyncSession, hotel_id: int) -> Sequence[Reservation]:
    stmt = select(Reservation).where(Reservation.hotel_id == hotel_id).order_by(Reservation.created_at.desc())
    return (await session.scalars(stmt)).all()


async def page_for_hotel(
    session: AsyncSession, hotel_id: int, start: date, limit: int = 50, offset: int = 0
) -> Sequence[Reservation]:
    stmt = (
        select(Reservation)
        .where(Reservation.hotel_id == hotel_id, Reservation.check_in >= start)
        .order_by(Reservation.check_in, Reservation.id)
        .limit(min(limit, 200))
        .offset(offset)
    )
    return (await session.scalars(stmt)).all()


async def count_sold(session: AsyncSession, hotel_id: int, room_type_id: int, day: date) -> int:
    stmt = select(func.count()).where(
        Reservation.hotel_id == hotel_id,
        Reservation.room_type_id == room_type_id,
        Reservation.check_in <= day,
        Reservation.check_out > day,
        Reservation.status.notin_(("cancelled", "no_show")),
    )
    return int(await session.scalar(stmt) or 0)


async def insert(session: AsyncSession, reservation: Reservation) -> Reservation:
    session.add(reservation)
    try:
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise DuplicateBooking(f"{reservation.channel}:{reservation.external_ref} already imported")
    return reservation


async def transition(session: AsyncSession, reservation_id: int, from_status: str, to_status: str) -> bool:
    stmt = (
        update(Reservation)
        .where(Reservation.id == reservation_id, Reservation.status == from_status)
        .values(status=to_status)
        .returning(Reservation.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def assign_room(session: AsyncSession, reservation_id: int, room_id: int) -> None:
    await session.execute(update(Reservation).where(Reservation.id == reservation_id).values(room_id=room_id))
