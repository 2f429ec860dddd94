from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import NotFound
from ..models import FieldValue, FormSubmission, Visit


class VisitRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, visit_id: int) -> Visit:
        visit = await self._s.get(Visit, visit_id)
        if visit is None:
            raise NotFound(f"visit {visit_id}")
        return visit

    async def list_for_subject(self, subject_id: int) -> list[Visit]:
        stmt = select(Visit).where(Visit.subject_id == subject_id).order_by(Visit.scheduled_at)
        return list(await self._s.scalars(stmt))

    async def list_for_subjects(self, subject_ids: Iterable[int]) -> list[Visit]:
        stmt = select(Visit).where(Visit.subject_id.in_(list(subject_ids))).order_by(Visit.scheduled_at)
        return list(await self._s.scalars(stmt))

    async def due_on(self, day: date) -> list[Visit]:
        stmt = select(Visit).where(func.date(Visit.scheduled_at) == day, Visit.status == "planned")
        return list(await self._s.scalars(stmt))

    async def due_between(self, start: datetime, end: datetime) -> list[Visit]:
        stmt = select(Visit).where(Visit.scheduled_at >= start, Visit.scheduled_at < end, Visit.status == "planned")
        return list(await self._s.scalars(stmt))

    def add_all(self, visits: Iterable[Visit]) -> None:
        self._s.add_all(list(visits))


class FormRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._s = session

    async def get(self, submission_id: int) -> FormSubmission:
        form = await self._s.get(FormSubmission, submission_id)
        if form is None:
            raise NotFound(f"form submission {submission_id}")
        return form

    async def latest(self, subject_id: int, form_code: str) -> FormSubmission | None:
        stmt = (
            select(FormSubmission)
            .where(FormSubmission.subject_id == subject_id, FormSubmission.form_code == form_code)
            .order_by(FormSubmission.version.desc())
            .limit(1)
        )
        return await self._s.scalar(stmt)

    async def values_for(self, submission_id: int) -> list[FieldValue]:
        stmt = select(FieldValue).where(FieldValue.submission_id == submission_id)
        return list(await self._s.scalars(stmt))

    async def values_for_many(self, submission_ids: Iterable[int]) -> dict[int, list[FieldValue]]:
        stmt = select(FieldValue).where(FieldValue.submission_id.in_(list(submission_ids)))
        grouped: dict[int, list[FieldValue]] = {}
        for value in await self._s.scalars(stmt):
            grouped.setdefault(value.submission_id, []).append(value)
        return grouped

    async def list_for_study(self, study_id: int, status: str = "submitted") -> list[FormSubmission]:
        stmt = select(FormSubmission).where(FormSubmission.study_id == study_id, FormSubmission.status == status)
        return list(await self._s.scalars(stmt))

    def add(self, form: FormSubmission, values: Iterable[FieldValue]) -> None:
        self._s.add(form)
        self._s.add_all(list(values))
