"""Course and lesson queries (SQLAlchemy ORM)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Course, Lesson
from svc.errors import NotFoundError


class CourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, course_id: int) -> Course:
        course = await self._session.get(Course, course_id)
        if course is None:
            raise NotFoundError("course", course_id)
        return course

    async def get_by_slug(self, slug: str) -> Course:
        stmt = select(Course).where(Course.slug == slug).options(selectinload(Course.lessons))
        course = (await self._session.scalars(stmt)).one_or_none()
        if course is None:
            raise NotFoundError("course", slug)
        return course

    async def by_ids(self, course_ids: Sequence[int]) -> dict[int, Course]:
        if not course_ids:
            return {}
        stmt = select(Course).where(Course.id.in_(course_ids))
        return {c.id: c for c in await self._session.scalars(stmt)}

    async def list_published(self, after_id: int, limit: int) -> list[Course]:
        stmt = (
            select(Course)
            .where(Course.published_at.is_not(None), Course.id > after_id)
            .order_by(Course.id)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def by_instructor(self, instructor_id: int) -> list[Course]:
        stmt = select(Course).where(Course.instructor_id == instructor_id).order_by(Course.id)
        return list(await self._session.scalars(stmt))

    async def search(self, term: str, limit: int = 50) -> list[Course]:
        stmt = select(Course).where(Course.title.ilike(f"%{term}%")).order_by(Course.id).limit(limit)
        return list(await self._session.scalars(stmt))

    async def count_lessons(self, course_id: int) -> int:
        stmt = select(func.count()).select_from(Lesson).where(Lesson.course_id == course_id)
        return int(await self._session.scalar(stmt) or 0)

    async def lesson_counts(self, course_ids: Sequence[int]) -> dict[int, int]:
        stmt = (
            select(Lesson.course_id, func.count())
            .where(Lesson.course_id.in_(course_ids))
            .group_by(Lesson.course_id)
        )
        rows = await self._session.execute(stmt)
        return {course_id: count for course_id, count in rows}

    async def lesson_ids(self, course_id: int) -> list[int]:
        stmt = select(Lesson.id).where(Lesson.course_id == course_id).order_by(Lesson.position)
        return list(await self._session.scalars(stmt))

    async def update_fields(self, course_id: int, **fields: object) -> None:
        await self._session.execute(update(Course).where(Course.id == course_id).values(**fields))
        await self._session.commit()
