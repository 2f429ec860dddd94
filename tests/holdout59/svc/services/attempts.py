from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.lms import LmsClient
from svc.config import settings
from svc.db.models import Attempt, AttemptStatus, Course
from svc.metrics import ATTEMPTS_STARTED
from svc.repositories.attempts import AttemptRepository
from svc.repositories.exams import ExamRepository, StudentRepository
from svc.repositories.proctoring import ProctoringRepository
from svc.repositories.questions import QuestionRepository
from svc.security import Principal
from svc.services.question_bank import QuestionBankService
from svc.services.timers import AttemptTimers
from svc.utils.timeutil import utcnow, with_extra_time

logger = logging.getLogger(__name__)


class AttemptError(Exception):
    status_code = 400


class NotFound(AttemptError):
    status_code = 404


class Forbidden(AttemptError):
    status_code = 403


class Conflict(AttemptError):
    status_code = 409


@dataclass
class StartedAttempt:
    attempt_id: int
    deadline_epoch: float
    question_count: int


class AttemptService:
    def __init__(self, session: AsyncSession, redis: Redis, lms: LmsClient, bank: QuestionBankService) -> None:
        self._session = session
        self._redis = redis
        self._lms = lms
        self._bank = bank
        self._attempts = AttemptRepository(session)
        self._exams = ExamRepository(session)
        self._students = StudentRepository(session)
        self._proctoring = ProctoringRepository(session)
        self._timers = AttemptTimers(redis)

    async def start(self, principal: Principal, exam_id: int, sitting_id: int) -> StartedAttempt:
        exam = await self._exams.get(exam_id)
        sitting = await self._exams.get_sitting(sitting_id)
        if exam is None or sitting is None or sitting.exam_id != exam.id:
            raise NotFound("exam or sitting not found")

        now = utcnow()
        if not (sitting.opens_at <= now <= sitting.closes_at):
            raise Forbidden("sitting is not open")

        student = await self._students.get(principal.student_id)
        course = await self._session.get(Course, exam.course_id)
        if student is None or course is None:
            raise NotFound("student or course missing")
        if not await self._lms.is_enrolled(course.lms_course_id, student.lms_user_id or ""):
            raise Forbidden("not enrolled in course")

        previous = await self._attempts.attempts_for(exam.id, student.id)
        if any(a.status == AttemptStatus.IN_PROGRESS for a in previous):
            raise Conflict("an attempt is already in progress")
        if len(previous) >= exam.max_attempts:
            raise Conflict("no attempts left")

        extra_pct = max((a.extra_time_pct for a in await self._students.accommodations(student.id)), default=0)
        deadline = min(now + with_extra_time(exam.duration_minutes, extra_pct), sitting.closes_at)

        seed = secrets.randbits(31)
        plan = await self._bank.build_plan(QuestionRepository(self._session), exam, sitting.id, seed)
        attempt = await self._attempts.create(
            Attempt(
                exam_id=exam.id,
                sitting_id=sitting.id,
                student_id=student.id,
                status=AttemptStatus.IN_PROGRESS,
                deadline_at=deadline,
                variant_plan=[{"q": p.question_id, "v": p.variant_id, "pos": p.position} for p in plan],
            )
        )
        if exam.proctored:
            await self._proctoring.open_session(attempt.id)
        await self._session.commit()

        await self._timers.start(attempt.id, deadline.timestamp())
        ATTEMPTS_STARTED.labels(exam_id=str(exam.id)).inc()
        logger.info("attempt started", extra={"attempt_id": attempt.id, "exam_id": exam.id, "extra_pct": extra_pct})
        return StartedAttempt(attempt.id, deadline.timestamp(), len(plan))

    async def submit(self, principal: Principal, attempt_id: int) -> Attempt:
        attempt = await self._attempts.get_attempt(attempt_id, for_update=True)
        if attempt is None or attempt.student_id != principal.student_id:
            raise NotFound("attempt not found")
        if not await self._attempts.mark_submitted(attempt.id, utcnow()):
            raise Conflict("attempt already closed")
        await self._session.commit()
        self._timers.clear(attempt.id)
        await self._enqueue_grading(attempt.id)
        return attempt

    async def expire_overdue(self) -> int:
        expired_ids: list[int] = []
        for attempt in await self._attempts.expired_in_progress(utcnow()):
            attempt.status = AttemptStatus.EXPIRED
            attempt.submitted_at = attempt.deadline_at
            expired_ids.append(attempt.id)
        await self._session.commit()
        if expired_ids:
            pipe = self._redis.pipeline(transaction=False)
            for attempt_id in expired_ids:
                pipe.lpush(settings.grading_queue, self._job(attempt_id))
            await pipe.execute()
        return len(expired_ids)

    @staticmethod
    def _job(attempt_id: int) -> str:
        return json.dumps({"attempt_id": attempt_id, "ts": utcnow().isoformat()})

    async def _enqueue_grading(self, attempt_id: int) -> None:
        await self._redis.lpush(settings.grading_queue, self._job(attempt_id))
