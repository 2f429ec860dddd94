from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Subject, Visit
from ..repositories.clinical import VisitRepository
from ..repositories.subjects import SubjectRepository
from ..utils.timeutil import utcnow, visit_window

# visit code, day offset from enrolment, window minus, window plus
VISIT_PLAN: tuple[tuple[str, int, int, int], ...] = (
    ("BL", 0, 0, 0),
    ("W2", 14, 3, 3),
    ("W4", 28, 3, 3),
    ("W8", 56, 7, 7),
    ("EOT", 84, 7, 7),
    ("FU", 112, 14, 14),
)


class ScheduleService:
    def __init__(self, session: AsyncSession, visits: VisitRepository, subjects: SubjectRepository) -> None:
        self._session = session
        self._visits = visits
        self._subjects = subjects

    async def create_visits(self, subject: Subject) -> list[Visit]:
        anchor = (subject.enrolled_at or utcnow()).date()
        planned = []
        for code, offset, minus, plus in VISIT_PLAN:
            start, end = visit_window(anchor, offset, minus, plus)
            planned.append(
                Visit(
                    subject_id=subject.id,
                    visit_code=code,
                    scheduled_at=(subject.enrolled_at or utcnow()) + timedelta(days=offset),
                    window_start=start,
                    window_end=end,
                    status="planned",
                )
            )
        self._visits.add_all(planned)
        await self._session.commit()
        return planned

    async def site_overview(self, site_id: int) -> list[dict[str, Any]]:
        subjects = await self._subjects.list_for_site(site_id)
        overview = []
        for subject in subjects:
            visits = await self._visits.list_for_subject(subject.id)
            overview.append(
                {
                    "subject": subject.subject_number or subject.screening_number,
                    "completed": sum(1 for v in visits if v.status == "completed"),
                    "next": next((v.visit_code for v in visits if v.status == "planned"), None),
                }
            )
        return overview

    async def study_overview(self, study_id: int) -> list[dict[str, Any]]:
        subjects = await self._subjects.list_enrolled(study_id)
        by_subject: dict[int, list[Visit]] = defaultdict(list)
        for visit in await self._visits.list_for_subjects(s.id for s in subjects):
            by_subject[visit.subject_id].append(visit)
        return [
            {"subject": s.subject_number, "visits": [(v.visit_code, v.status) for v in by_subject[s.id]]}
            for s in subjects
        ]

    async def record_visit(self, visit_id: int, actual: date) -> Visit:
        visit = await self._visits.get(visit_id)
        visit.actual_date = actual
        if actual < visit.window_start and actual > visit.window_end:
            visit.status = "out_of_window"
        else:
            visit.status = "completed"
        await self._session.commit()
        return visit

    async def due_today(self) -> list[Visit]:
        return await self._visits.due_on(utcnow().date())

    async def due_within(self, days: int) -> list[Visit]:
        now = utcnow()
        return await self._visits.due_between(now, now + timedelta(days=days))
