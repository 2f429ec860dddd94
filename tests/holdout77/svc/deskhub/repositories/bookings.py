from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..models import Booking, Space


class BookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, booking_id: int) -> Booking | None:
        return await self._session.get(Booking, booking_id)

    async def add(self, booking: Booking) -> Booking:
        self._session.add(booking)
        await self._session.flush()
        return booking

    async def find_overlapping(self, space_id: int, starts_at: datetime, ends_at: datetime) -> list[Booking]:
        stmt = select(Booking).where(
            Booking.space_id == space_id,
            Booking.status == "confirmed",
            Booking.starts_at < ends_at,
            Booking.ends_at > starts_at,
        )
        return list((await self._session.execute(stmt)).scalars())

    async def booked_space_ids(self, space_ids: list[int], starts_at: datetime, ends_at: datetime) -> set[int]:
        stmt = select(Booking.space_id).where(
            Booking.space_id.in_(space_ids),
            Booking.status == "confirmed",
            Booking.starts_at < ends_at,
            Booking.ends_at > starts_at,
        )
        return set((await self._session.execute(stmt)).scalars())

    async def list_for_member(self, member_id: int, start_from: datetime | None = None, limit: int = 50) -> list[Booking]:
        stmt = (
            select(Booking)
            .options(selectinload(Booking.space))
            .where(Booking.member_id == member_id)
            .order_by(Booking.starts_at)
            .limit(limit)
        )
        if start_from is not None:
            stmt = stmt.where(Booking.starts_at >= start_from)
        return list((await self._session.execute(stmt)).scalars())

    async def for_member_period(self, member_id: int, start: datetime, end: datetime) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(Booking.member_id == member_id, Booking.starts_at >= start, Booking.starts_at < end)
            .order_by(Booking.starts_at)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def for_location_day(self, location_id: int, day_start: datetime, day_end: datetime) -> list[Booking]:
        stmt = (
            select(Booking)
            .join(Space, Space.id == Booking.space_id)
            .where(Space.location_id == location_id, Booking.starts_at < day_end, Booking.ends_at > day_start)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def due_for_reminder(self, window_end: datetime, limit: int = 200) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(
                Booking.status == "confirmed",
                Booking.reminder_sent_at.is_(None),
                Booking.starts_at > func.now(),
                Booking.starts_at <= window_end,
            )
            .order_by(Booking.starts_at)
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def mark_reminded(self, booking_ids: list[int]) -> None:
        if not booking_ids:
            return
        await self._session.execute(
            update(Booking).where(Booking.id.in_(booking_ids)).values(reminder_sent_at=func.now())
        )

    async def utilisation(self, location_id: int, start: datetime, end: datetime) -> list[tuple[int, str, float]]:
        hours = func.sum(func.extract("epoch", Booking.ends_at - Booking.starts_at) / 3600.0)
        stmt = (
            select(Space.id, Space.name, hours)
            .join(Booking, Booking.space_id == Space.id)
            .where(
                Space.location_id == location_id,
                Booking.status == "confirmed",
                Booking.starts_at >= start,
                Booking.starts_at < end,
            )
            .group_by(Space.id, Space.name)
            .order_by(Space.name)
        )
        return [(row[0], row[1], float(row[2] or 0)) for row in await self._session.execute(stmt)]
