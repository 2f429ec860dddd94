"""Lesson completion, learner progress summaries and course rollups."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone

from svc.repositories.enrolments import EnrolmentRepository
from svc.repositories.progress import ProgressRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    enrolment_id: int
    course_id: int
    lesson_id: int
    at: datetime


@dataclass(frozen=True, slots=True)
class ProgressSummary:
    completed: int
    total: int

    @property
    def percent(self) -> float:
        return round(100 * self.completed / self.total, 1) if self.total else 0.0


class ProgressService:
    def __init__(self, progress: ProgressRepository, enrolments: EnrolmentRepository) -> None:
        self._progress = progress
        self._enrolments = enrolments
        self.events: asyncio.Queue[ProgressEvent] = asyncio.Queue()
        self._summaries: dict[tuple[int, int], ProgressSummary] = {}
        self._views: Counter[int] = Counter()
        self._views_lock = threading.Lock()

    async def complete_lesson(self, enrolment_id: int, course_id: int, lesson_id: int) -> bool:
        created = await self._progress.mark_complete(enrolment_id, lesson_id)
        await self._enrolments.touch(enrolment_id)
        if created:
            self._summaries.pop((enrolment_id, course_id), None)
            self.events.put_nowait(
                ProgressEvent(enrolment_id, course_id, lesson_id, datetime.now(timezone.utc))
            )
        return created

    async def summary(self, enrolment_id: int, course_id: int, total_lessons: int) -> ProgressSummary:
        key = (enrolment_id, course_id)
        cached = self._summaries.get(key)
        if cached is not None:
            return cached
        done = await self._progress.completed_lessons(enrolment_id)
        summary = ProgressSummary(completed=len(done), total=total_lessons)
        self._summaries[key] = summary
        return summary

    def record_view(self, lesson_id: int) -> None:
        with self._views_lock:
            self._views[lesson_id] += 1

    async def flush_views(self) -> None:
        with self._views_lock:
            pending, self._views = self._views, Counter()
        if pending:
            await self._progress.add_view_counters(dict(pending))

    async def rollup_course(self, course_id: int) -> tuple[int, int, int, float]:
        enrolled = await self._enrolments.active_for_course(course_id)
        completer_rows = await self._progress.completers(course_id)
        completers = [row["user_id"] for row in completer_rows]
        completed = 0
        for row in enrolled:
            if row["user_id"] in completers:
                completed += 1
        rate = completed / len(enrolled) if enrolled else 0.0
        return course_id, len(enrolled), completed, rate
