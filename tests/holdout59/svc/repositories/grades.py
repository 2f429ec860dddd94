from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Grade
from svc.utils.timeutil import utcnow


class GradeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def upsert(self, attempt_id: int, student_id: int, exam_id: int, points: Decimal, pct: Decimal, letter: str) -> None:
        stmt = insert(Grade).values(
            attempt_id=attempt_id, student_id=student_id, exam_id=exam_id,
            points=points, percentage=pct, letter=letter, export_status="pending",
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[Grade.attempt_id],
            set_={"points": points, "percentage": pct, "letter": letter, "export_status": "pending"},
        )
        await self._session.execute(stmt)

    async def pending_exports(self, limit: int) -> Sequence[Grade]:
        stmt = (
            select(Grade)
            .where(Grade.export_status == "pending")
            .order_by(Grade.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return (await self._session.scalars(stmt)).all()

    async def for_exam(self, exam_id: int) -> Sequence[Grade]:
        stmt = select(Grade).where(Grade.exam_id == exam_id).order_by(Grade.percentage.desc())
        return (await self._session.scalars(stmt)).all()

    async def mark(self, grade_ids: Sequence[int], status: str) -> None:
        if not grade_ids:
            return
        values = {"export_status": status}
        if status == "exported":
            values["exported_at"] = utcnow()
        await self._session.execute(update(Grade).where(Grade.id.in_(grade_ids)).values(**values))
