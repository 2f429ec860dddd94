"""Enrolment flows: self-service enrolment, admin seat grants, learner overview."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from svc.errors import CapacityError, ConflictError, NotFoundError
from svc.repositories.audit import AuditLog
from svc.repositories.courses import CourseRepository
from svc.repositories.enrolments import EnrolmentRepository

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class EnrolmentView:
    enrolment_id: int
    course_id: int
    course_title: str
    status: str
    enrolled_at: datetime


class EnrolmentService:
    def __init__(
        self, enrolments: EnrolmentRepository, courses: CourseRepository, audit: AuditLog
    ) -> None:
        self._enrolments = enrolments
        self._courses = courses
        self._audit = audit

    async def enrol(self, user_id: int, course_id: int) -> int:
        if not await self._enrolments.reserve_seat(course_id):
            raise CapacityError(f"course {course_id} is full")
        enrolment_id = await self._enrolments.create(user_id, course_id)
        if enrolment_id is None:
            await self._enrolments.release_seat(course_id)
            raise ConflictError("already enrolled")
        await self._audit.record("enrolment.created", enrolment_id, {"user_id": user_id})
        return enrolment_id

    async def grant_seat(self, admin_id: int, user_id: int, course_id: int) -> int:
        """Admin override used by support to add a learner to a course."""
        state = await self._enrolments.seat_state(course_id)
        if state is None:
            raise NotFoundError("course", course_id)
        if state["seats_taken"] >= state["capacity"]:
            raise CapacityError(f"course {course_id} is full")
        enrolment_id = await self._enrolments.create(user_id, course_id)
        if enrolment_id is None:
            raise ConflictError("already enrolled")
        await self._enrolments.add_seat(course_id)
        await self._audit.record("enrolment.granted", enrolment_id, {"admin_id": admin_id})
        return enrolment_id

    async def overview(self, user_id: int) -> list[EnrolmentView]:
        rows = await self._enrolments.for_user(user_id)
        courses = await self._courses.by_ids([r["course_id"] for r in rows])
        return [
            EnrolmentView(r["id"], r["course_id"], courses[r["course_id"]].title, r["status"], r["enrolled_at"])
            for r in rows
            if r["course_id"] in courses
        ]
