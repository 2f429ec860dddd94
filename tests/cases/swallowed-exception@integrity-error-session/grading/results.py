from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from grading.models import Grade, GradeLine


class GradeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save_lines(self, grade_id: int, rows: list[dict]) -> None:
        self.session.add_all([GradeLine(grade_id=grade_id, **row) for row in rows])
        await self.session.flush()

    async def get(self, grade_id: int) -> Grade | None:
        return (await self.session.execute(select(Grade).where(Grade.id == grade_id))).scalar_one_or_none()


class GradingService:
    def __init__(self, grades: GradeRepository, session: AsyncSession) -> None:
        self.grades = grades
        self.session = session

    async def record(self, grade: Grade, rows: list[dict]) -> None:
        grade.status = "graded"
        try:
            await self.grades.save_lines(grade.id, rows)
        except IntegrityError:  # expect: swallowed-exception
            pass
        await self.session.commit()

    async def record_once(self, grade: Grade, rows: list[dict]) -> None:
        """A duplicate delivery is expected: the savepoint keeps the session usable."""
        try:
            async with self.session.begin_nested():
                await self.grades.save_lines(grade.id, rows)
        except IntegrityError:
            pass
        await self.session.commit()

    async def import_all(self, batches: list[tuple[Grade, list[dict]]]) -> None:
        for grade, rows in batches:
            try:
                await self.grades.save_lines(grade.id, rows)
            except IntegrityError:
                await self.session.rollback()
                continue
