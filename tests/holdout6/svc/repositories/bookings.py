"""Booking persistence."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Booking, Slot

ACTIVE_STATUSES = ("held", "confirmed")


class BookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, booking_id: int) -> Booking | None:
        return await self._session.get(Booking, booking_id)

    async def lock(self, booking_id: int) -> Booking | None:
        stmt = select(Booking).where(Booking.id == booking_id).with_for_update()
        return await self._session.scalar(stmt)

    async def add(self, booking: Booking) -> Booking:
        self._session.add(booking)
        await self._session.flush()
        return booking

    async def by_external_ref(self, ref: str) -> Booking | None:
        stmt = select(Booking).where(Booking.external_ref == ref)
        return await self._session.scalar(stmt)

    async def for_patient(self, patient_id: int, after_id: int, limit: int) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(Booking.patient_id == patient_id, Booking.id > after_id)
            .order_by(Booking.id)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def page_for_clinic(self, clinic_id: int, page: int, size: int) -> list[Booking]:
        if page < 1:
            raise HTTPException(status_code=400, detail="page must be >= 1")
        stmt = (
            select(Booking)
            .where(Booking.clinic_id == clinic_id)
            .order_by(Booking.created_at.desc())
            .offset((page - 1) * size)
            .limit(size)
        )
        return list(await self._session.scalars(stmt))

    async def with_details(self, booking_ids: Sequence[int]) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(Booking.id.in_(booking_ids))
            .options(selectinload(Booking.practitioner), selectinload(Booking.slot))
        )
        return list(await self._session.scalars(stmt))

    async def practitioner_day(self, practitioner_id: int, day_start: datetime) -> list[Booking]:
        stmt = (
            select(Booking)
            .join(Slot, Slot.id == Booking.slot_id)
            .where(Booking.practitioner_id == practitioner_id, Booking.status.in_(ACTIVE_STATUSES))
            .where(Slot.starts_at >= day_start)
        )
        return list(await self._session.scalars(stmt))

    async def expired_holds(self, now: datetime, limit: int = 500) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(Booking.status == "held", Booking.hold_expires_at < now)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def mark_status(self, booking_id: int, status: str) -> None:
        await self._session.execute(
            update(Booking).where(Booking.id == booking_id).values(status=status)
        )
