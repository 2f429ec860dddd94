from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Booking, AuditLog


ACTIVE_STATUSES = ("booked", "confirmed", "seated")


class BookingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, booking_id: int) -> Booking | None:
        return await self.session.get(Booking, booking_id)

    async def add(self, booking: Booking) -> Booking:
        self.session.add(booking)
        await self.session.flush()
        return booking

    async def list_for_window(self, restaurant_id: int, start: datetime, end: datetime) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(Booking.restaurant_id == restaurant_id, Booking.starts_at >= start, Booking.starts_at < end)
            .order_by(Booking.starts_at)
        )
        return list((await self.session.scalars(stmt)).all())

    async def find_by_partner_reference(self, reference: str) -> Booking | None:
        stmt = select(Booking).where(Booking.partner_reference == reference)
        return (await self.session.scalars(stmt)).first()

    async def history_for_guest(self, guest_id: int, limit: int = 50) -> list[Booking]:
        stmt = select(Booking).where(Booking.guest_id == guest_id).order_by(Booking.starts_at.desc()).limit(limit)
        return list((await self.session.scalars(stmt)).all())

    async def overlapping_for_table(self, table_id: int, start: datetime, end: datetime) -> list[Booking]:
        stmt = select(Booking).where(
            Booking.table_id == table_id,
            Booking.status.in_(ACTIVE_STATUSES),
            and_(Booking.starts_at < end, Booking.ends_at > start),
        )
        return list((await self.session.scalars(stmt)).all())

    async def due_for_reminder(self, window_start: datetime, window_end: datetime, limit: int) -> list[Booking]:
        stmt = (
            select(Booking)
            .where(
                Booking.status.in_(("booked", "confirmed")),
                Booking.starts_at >= window_start,
                Booking.starts_at < window_end,
                Booking.reminder_sent_at.is_(None),
            )
            .order_by(Booking.starts_at)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def overdue_unseated(self, cutoff: datetime, since: datetime) -> list[Booking]:
        stmt = select(Booking).where(
            Booking.status.in_(("booked", "confirmed")),
            Booking.starts_at < cutoff,
            Booking.starts_at >= since,
        )
        return list((await self.session.scalars(stmt)).all())

    async def mark_reminded(self, booking_ids: list[int], at: datetime) -> None:
        if booking_ids:
            await self.session.execute(update(Booking).where(Booking.id.in_(booking_ids)).values(reminder_sent_at=at))

    async def set_status(self, booking_id: int, status: str) -> None:
        await self.session.execute(update(Booking).where(Booking.id == booking_id).values(status=status))

    async def count_for_day(self, restaurant_id: int, start: datetime, end: datetime) -> int:
        stmt = select(func.count()).select_from(Booking).where(
            Booking.restaurant_id == restaurant_id, Booking.starts_at >= start, Booking.starts_at < end
        )
        return int(await self.session.scalar(stmt) or 0)


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, actor: str, action: str, subject: str, **detail: object) -> None:
        self.session.add(AuditLog(actor=actor, action=action, subject=subject, detail=dict(detail)))
        await self.session.flush()
