from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Instructor, Lesson, LessonBooking


class LessonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, lesson_id: int, *, lock: bool = False) -> Lesson | None:
        stmt = select(Lesson).where(Lesson.id == lesson_id)
        if lock:
            stmt = stmt.with_for_update()
        return await self._session.scalar(stmt)

    async def booked_count(self, lesson_id: int) -> int:
        return await self._session.scalar(
            select(func.count(LessonBooking.id)).where(
                LessonBooking.lesson_id == lesson_id, LessonBooking.status == "booked"
            )
        )

    async def bookings_for_lesson(self, lesson_id: int) -> Sequence[LessonBooking]:
        result = await self._session.scalars(
            select(LessonBooking).where(LessonBooking.lesson_id == lesson_id)
        )
        return result.all()

    async def bookings_for_customer(self, customer_id: int) -> Sequence[LessonBooking]:
        result = await self._session.scalars(
            select(LessonBooking)
            .where(LessonBooking.customer_id == customer_id)
            .order_by(LessonBooking.created_at.desc())
        )
        return result.all()

    async def upcoming(self, start: datetime, end: datetime, discipline: str | None = None) -> Sequence[Lesson]:
        stmt = select(Lesson).where(Lesson.starts_at >= start, Lesson.starts_at < end)
        if discipline:
            stmt = stmt.where(Lesson.discipline == discipline)
        result = await self._session.scalars(stmt.order_by(Lesson.starts_at).limit(200))
        return result.all()

    async def instructor(self, instructor_id: int) -> Instructor | None:
        return await self._session.get(Instructor, instructor_id)

    def add_booking(self, booking: LessonBooking) -> None:
        self._session.add(booking)
