from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Accommodation, Exam, Sitting, Student


class ExamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, exam_id: int) -> Exam | None:
        return await self._session.get(Exam, exam_id)

    async def get_with_sittings(self, exam_id: int) -> Exam | None:
        stmt = select(Exam).options(selectinload(Exam.sittings)).where(Exam.id == exam_id)
        return await self._session.scalar(stmt)

    async def get_sitting(self, sitting_id: int) -> Sitting | None:
        return await self._session.get(Sitting, sitting_id)

    async def sittings_for_exam(self, exam_id: int) -> Sequence[Sitting]:
        stmt = select(Sitting).where(Sitting.exam_id == exam_id).order_by(Sitting.opens_at)
        return (await self._session.scalars(stmt)).all()

    async def upcoming_sittings(self, after: datetime, *, cursor: int | None, page_size: int = 50) -> Sequence[Sitting]:
        stmt = select(Sitting).where(Sitting.opens_at >= after)
        if cursor is not None:
            stmt = stmt.where(Sitting.id > cursor)
        stmt = stmt.order_by(Sitting.id).limit(page_size)
        return (await self._session.scalars(stmt)).all()

    async def add_sitting(self, sitting: Sitting) -> Sitting:
        self._session.add(sitting)
        await self._session.flush()
        return sitting

    async def overlapping_sittings(self, room: str, opens_at: datetime, closes_at: datetime) -> Sequence[Sitting]:
        stmt = select(Sitting).where(
            Sitting.room == room,
            Sitting.opens_at < closes_at,
            Sitting.closes_at > opens_at,
        )
        return (await self._session.scalars(stmt)).all()


class StudentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, student_id: int) -> Student | None:
        return await self._session.get(Student, student_id)

    async def get_many(self, ids: Iterable[int]) -> dict[int, Student]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self._session.scalars(select(Student).where(Student.id.in_(wanted)))
        return {s.id: s for s in rows}

    async def accommodations(self, student_id: int) -> list[Accommodation]:
        stmt = select(Accommodation).where(Accommodation.student_id == student_id)
        return list((await self._session.scalars(stmt)).all())
