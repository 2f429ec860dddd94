from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.lms import LmsClient
from svc.db.models import Course, Exam, Sitting
from svc.repositories.exams import ExamRepository
from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

MIN_SITTING = timedelta(minutes=15)
MAX_SITTING = timedelta(hours=12)


class ScheduleError(Exception):
    pass


@dataclass
class SittingRequest:
    opens_at: datetime
    closes_at: datetime
    room: str | None
    capacity: int


class SchedulingService:
    def __init__(self, session: AsyncSession, lms: LmsClient) -> None:
        self._session = session
        self._lms = lms
        self._exams = ExamRepository(session)

    def _validate(self, exam: Exam, req: SittingRequest) -> None:
        if req.opens_at >= req.closes_at:
            raise ScheduleError("sitting must open before it closes")
        window = req.closes_at - req.opens_at
        if window < MIN_SITTING or window > MAX_SITTING:
            raise ScheduleError("sitting length out of range")
        if window < timedelta(minutes=exam.duration_minutes):
            raise ScheduleError("sitting is shorter than the exam")
        if req.opens_at < utcnow():
            raise ScheduleError("sitting cannot start in the past")

    async def add_sitting(self, exam_id: int, req: SittingRequest) -> Sitting:
        exam = await self._exams.get(exam_id)
        if exam is None:
            raise ScheduleError("unknown exam")
        self._validate(exam, req)
        if req.room:
            await self._session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"room:{req.room}"))))
            clashes = await self._exams.overlapping_sittings(req.room, req.opens_at, req.closes_at)
            if clashes:
                raise ScheduleError(f"room {req.room} is booked by sitting {clashes[0].id}")
        sitting = await self._exams.add_sitting(
            Sitting(exam_id=exam.id, opens_at=req.opens_at, closes_at=req.closes_at, room=req.room, capacity=req.capacity)
        )
        await self._session.commit()
        logger.info("sitting %s scheduled for exam %s", sitting.id, exam.id)
        return sitting

    async def reschedule(self, sitting_id: int, opens_at: datetime, closes_at: datetime) -> Sitting:
        sitting = await self._exams.get_sitting(sitting_id)
        if sitting is None:
            raise ScheduleError("unknown sitting")
        if sitting.opens_at <= utcnow():
            raise ScheduleError("sitting already opened")
        sitting.opens_at, sitting.closes_at = opens_at, closes_at
        if sitting.closes_at < sitting.closes_at:
            raise ScheduleError("sitting must open before it closes")
        await self._session.commit()
        return sitting

    async def roster_size(self, exam_id: int) -> int:
        exam = await self._exams.get(exam_id)
        if exam is None:
            raise ScheduleError("unknown exam")
        course = await self._session.get(Course, exam.course_id)
        roster = await self._lms.fetch_roster(course.lms_course_id)
        return sum(1 for entry in roster if entry.role == "student")

    async def capacity_report(self, exam_id: int) -> dict[str, int]:
        sittings = await self._exams.sittings_for_exam(exam_id)
        seats = sum(s.capacity for s in sittings)
        needed = await self.roster_size(exam_id)
        return {"sittings": len(sittings), "seats": seats, "students": needed, "shortfall": max(0, needed - seats)}
