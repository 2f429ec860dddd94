from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.instructor_client import CalendarConflict, InstructorCalendarClient
from ..clients.notification_client import NotificationClient
from ..db.models import LessonBooking
from ..repos.customer_repo import CustomerRepository
from ..repos.lesson_repo import LessonRepository

log = logging.getLogger(__name__)

REMINDER_CONCURRENCY = 10


class LessonFull(Exception):
    pass


class LessonNotFound(Exception):
    pass


class LessonService:
    def __init__(
        self,
        session: AsyncSession,
        calendar: InstructorCalendarClient,
        notifier: NotificationClient,
    ) -> None:
        self._session = session
        self._lessons = LessonRepository(session)
        self._customers = CustomerRepository(session)
        self._calendar = calendar
        self._notifier = notifier

    async def book(self, lesson_id: int, customer_id: int) -> LessonBooking:
        lesson = await self._lessons.get(lesson_id)
        if lesson is None:
            raise LessonNotFound(lesson_id)
        booked_count = await self._lessons.booked_count(lesson_id)
        if booked_count >= lesson.capacity:
            raise LessonFull(lesson_id)
        booking = LessonBooking(lesson_id=lesson_id, customer_id=customer_id)
        self._lessons.add_booking(booking)
        await self._session.commit()

        customer = await self._customers.get(customer_id)
        if customer is not None and customer.phone:
            await self._notifier.send_booking_confirmation(
                customer.phone, {"lesson": lesson_id, "starts_at": lesson.starts_at.isoformat()}
            )
        return booking

    async def assign_instructor(self, lesson_id: int, instructor_id: int) -> None:
        lesson = await self._lessons.get(lesson_id, lock=True)
        if lesson is None:
            raise LessonNotFound(lesson_id)
        instructor = await self._lessons.instructor(instructor_id)
        if instructor is None or not instructor.active or instructor.external_ref is None:
            raise LessonNotFound(f"instructor {instructor_id}")
        try:
            await self._calendar.reserve_slot(
                instructor.external_ref, lesson.starts_at, lesson.duration_minutes, lesson.id
            )
        except CalendarConflict:
            await self._session.rollback()
            raise
        lesson.instructor_id = instructor_id
        await self._session.commit()

    async def roster(self, lesson_id: int) -> list[dict]:
        bookings = await self._lessons.bookings_for_lesson(lesson_id)
        customers = await self._customers.get_many(b.customer_id for b in bookings)
        return [
            {
                "booking_id": b.id,
                "name": f"{customers[b.customer_id].first_name} {customers[b.customer_id].last_name}",
                "status": b.status,
            }
            for b in bookings
            if b.customer_id in customers
        ]

    async def my_lessons(self, customer_id: int) -> list[dict]:
        bookings = await self._lessons.bookings_for_customer(customer_id)
        return [{"lesson_id": b.lesson_id, "status": b.status} for b in bookings]

    async def upcoming(self, discipline: str | None) -> list[dict]:
        now = datetime.now(timezone.utc)
        lessons = await self._lessons.upcoming(now, now + timedelta(days=7), discipline)
        return [
            {"id": l.id, "starts_at": l.starts_at.isoformat(), "level": l.level, "price": str(l.price)}
            for l in lessons
        ]

    async def cancel(self, booking_id: int, customer_id: int) -> bool:
        result = await self._session.execute(
            update(LessonBooking)
            .where(
                LessonBooking.id == booking_id,
                LessonBooking.customer_id == customer_id,
                LessonBooking.status == "booked",
            )
            .values(status="cancelled")
            .returning(LessonBooking.lesson_id)
        )
        lesson_id = result.scalar_one_or_none()
        if lesson_id is None:
            return False
        await self._session.commit()
        log.info("lesson booking cancelled", extra={"booking": booking_id, "lesson": lesson_id})
        return True

    async def send_reminders(self, lesson_id: int) -> int:
        lesson = await self._lessons.get(lesson_id)
        if lesson is None:
            raise LessonNotFound(lesson_id)
        bookings = [b for b in await self._lessons.bookings_for_lesson(lesson_id) if b.status == "booked"]
        holders = await self._customers.get_many(b.customer_id for b in bookings)
        phones = [c.phone for c in holders.values() if c.phone]
        limiter = asyncio.Semaphore(REMINDER_CONCURRENCY)

        async def _one(phone: str) -> None:
            async with limiter:
                await self._notifier.send("lesson_reminder", phone, {"starts_at": lesson.starts_at.isoformat()})

        await asyncio.gather(*(_one(p) for p in phones))
        return len(phones)
