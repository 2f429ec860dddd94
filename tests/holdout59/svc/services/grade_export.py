"""Pushes final grades into the LMS gradebook."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.lms import LmsClient, LmsError
from svc.config import settings
from svc.db.models import Exam, Grade
from svc.repositories.grades import GradeRepository
from svc.repositories.exams import StudentRepository
from svc.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

_export_stats: dict[str, Any] = {"last_run": None, "exported": 0, "failed": 0}


def export_stats() -> dict[str, Any]:
    return dict(_export_stats)


class GradeExportService:
    def __init__(self, session: AsyncSession, lms: LmsClient) -> None:
        self._session = session
        self._lms = lms
        self._grades = GradeRepository(session)
        self._students = StudentRepository(session)

    async def export_pending(self) -> int:
        grades = await self._grades.pending_exports(settings.export_batch_size)
        exams: dict[int, Exam | None] = {}
        exported: list[int] = []
        failed: list[int] = []
        for grade in grades:
            student = await self._students.get(grade.student_id)
            if grade.exam_id not in exams:
                exams[grade.exam_id] = await self._session.get(Exam, grade.exam_id)
            exam = exams[grade.exam_id]
            if student is None or exam is None or not exam.lms_assignment_id or not student.lms_user_id:
                failed.append(grade.id)
                continue
            try:
                await self._lms.push_grade(exam.lms_assignment_id, student.lms_user_id, float(grade.percentage))
            except LmsError:
                failed.append(grade.id)
                continue
            exported.append(grade.id)

        await self._grades.mark(exported, "exported")
        await self._grades.mark(failed, "failed")
        await self._session.commit()
        _export_stats["last_run"] = utcnow().isoformat()
        _export_stats["exported"] += len(exported)
        _export_stats["failed"] += len(failed)
        return len(exported)

    async def export_exam(self, exam_id: int) -> dict[str, int]:
        """Manual re-export of a whole exam, triggered by an instructor."""
        exam = await self._session.get(Exam, exam_id)
        if exam is None or not exam.lms_assignment_id:
            raise LookupError(f"exam {exam_id} has no LMS assignment")
        grades = list(await self._grades.for_exam(exam_id))
        students = await self._students.get_many(g.student_id for g in grades)

        async def push(grade: Grade) -> bool:
            student = students.get(grade.student_id)
            if student is None or not student.lms_user_id:
                return False
            try:
                await self._lms.push_grade(exam.lms_assignment_id, student.lms_user_id, float(grade.percentage))
            except LmsError as exc:
                logger.warning("grade push failed for grade %s: %s", grade.id, exc)
                return False
            return True

        results = await asyncio.gather(*(push(g) for g in grades))
        ok = [g.id for g, r in zip(grades, results) if r]
        await self._grades.mark(ok, "exported")
        await self._session.commit()
        return {"exported": len(ok), "skipped": len(grades) - len(ok)}

    async def export_exam_bulk(self, exam_id: int, since: datetime | None = None) -> dict[str, Any]:
        exam = await self._session.get(Exam, exam_id)
        if exam is None or not exam.lms_assignment_id:
            raise LookupError(f"exam {exam_id} has no LMS assignment")
        grades = [g for g in await self._grades.for_exam(exam_id) if since is None or (g.exported_at or since) >= since]
        students = await self._students.get_many({g.student_id for g in grades})
        scores = {
            students[g.student_id].lms_user_id: float(g.percentage)
            for g in grades
            if g.student_id in students and students[g.student_id].lms_user_id
        }
        return await self._lms.push_grades_bulk(exam.lms_assignment_id, scores)
