from __future__ import annotations

import logging
from datetime import datetime

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Accommodation, Attempt, AttemptStatus
from svc.repositories.exams import StudentRepository
from svc.services.timers import AttemptTimers
from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

EXTRA_TIME_STEPS = (0, 10, 25, 50, 100)


class AccommodationError(Exception):
    pass


class AccommodationService:
    def __init__(self, session: AsyncSession, redis: Redis) -> None:
        self._session = session
        self._redis = redis
        self._timers = AttemptTimers(redis)
        self._students = StudentRepository(session)

    async def approve(self, student_id: int, course_id: int | None, extra_pct: int, approved_by: str,
                      expires_at: datetime | None = None, rest_breaks: bool = False) -> Accommodation:
        if extra_pct not in EXTRA_TIME_STEPS:
            raise AccommodationError(f"extra time must be one of {EXTRA_TIME_STEPS}")
        acc = Accommodation(student_id=student_id, course_id=course_id, extra_time_pct=extra_pct,
                            approved_by=approved_by, expires_at=expires_at, rest_breaks=rest_breaks)
        self._session.add(acc)
        await self._session.commit()
        logger.info("accommodation approved", extra={"student_id": student_id, "pct": extra_pct, "by": approved_by})
        return acc

    async def effective_extra_pct(self, student_id: int, course_id: int) -> int:
        now = utcnow()
        best = 0
        for acc in await self._students.accommodations(student_id):
            if acc.expires_at is not None and acc.expires_at <= now:
                continue
            if acc.course_id not in (None, course_id):
                continue
            best = max(best, acc.extra_time_pct)
        return best

    async def grant_extra_time(self, attempt_id: int, minutes: int, granted_by: str) -> datetime:
        """One-off extension granted by a proctor during a live attempt (e.g. after a technical fault)."""
        attempt = await self._session.get(Attempt, attempt_id)
        if attempt is None or attempt.status != AttemptStatus.IN_PROGRESS:
            raise AccommodationError("attempt is not running")

        marker = f"attempt:{attempt_id}:extra_granted"
        if await self._redis.exists(marker):
            raise AccommodationError("extra time already granted for this attempt")
        await self._timers.extend(attempt_id, minutes=minutes)
        await self._redis.set(marker, granted_by, ex=24 * 3600)

        attempt.deadline_at = attempt.deadline_at + timedelta(minutes=minutes)
        await self._session.commit()
        logger.info("extra time granted", extra={"attempt_id": attempt_id, "minutes": minutes, "by": granted_by})
        return attempt.deadline_at

    async def start_rest_break(self, attempt_id: int, seconds: int) -> int:
        attempt = await self._session.get(Attempt, attempt_id)
        if attempt is None:
            raise AccommodationError("unknown attempt")
        allowed = any(a.rest_breaks for a in await self._students.accommodations(attempt.student_id))
        if not allowed:
            raise AccommodationError("no rest-break accommodation on file")
        return await self._timers.add_pause(attempt_id, seconds)
