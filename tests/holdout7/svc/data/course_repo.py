from __future__ import annotations

from datetime import datetime

from fastapi import HTTPException
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.data.errors import NotFound
from svc.data.models import Course, Lesson


class CourseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, course_id: int) -> Course:
        course = await self.session.get(Course, course_id)
        if course is None:
            raise NotFound(f"course {course_id}")
        return course

    async def by_slug(self, slug: str) -> Course:
        result = await self.session.execute(select(Course).where(Course.slug == slug))
        course = result.scalar_one_or_none()
        if course is None:
            raise HTTPException(status_code=404, detail="course not found")
        return course

    async def by_category(self, category: str) -> list[Course]:
        stmt = (
            select(Course)
            .where(Course.category == category)
            .limit(50)
        )
        return list((await self.session.scalars(stmt)).all())

    async def by_instructor(self, instructor_id: int) -> list[Course]:
        stmt = (
            select(Course)
            .where(Course.instructor_id == instructor_id)
            .limit(100)
        )
        return list((await self.session.scalars(stmt)).all())

    async def catalogue_page(self, page: int, size: int = 20) -> list[Course]:
        stmt = select(Course).order_by(Course.published_at.desc()).offset(page * size).limit(size)
        return list((await self.session.scalars(stmt)).all())

    async def catalogue_after(self, before: datetime | None, size: int = 20) -> list[Course]:
        stmt = select(Course).order_by(Course.published_at.desc()).limit(size)
        if before is not None:
            stmt = stmt.where(Course.published_at < before)
        return list((await self.session.scalars(stmt)).all())

    async def search_titles(self, term: str) -> list[Course]:
        stmt = select(Course).where(Course.title.ilike(f"%{term}%")).limit(25)
        return list((await self.session.scalars(stmt)).all())

    async def lessons_for(self, course_id: int) -> list[Lesson]:
        stmt = select(Lesson).where(Lesson.course_id == course_id).order_by(Lesson.position)
        return list((await self.session.scalars(stmt)).all())

    async def with_lessons(self, course_ids: list[int]) -> list[Course]:
        stmt = select(Course).where(Course.id.in_(course_ids)).options(selectinload(Course.lessons))
        return list((await self.session.scalars(stmt)).all())

    async def lesson_counts(self) -> dict[int, int]:
        stmt = select(Lesson.course_id, func.count()).group_by(Lesson.course_id)
        return {course_id: count for course_id, count in (await self.session.execute(stmt)).all()}
