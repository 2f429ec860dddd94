"""Learner inactivity reminders and the weekly instructor digest."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import asyncpg

from svc.clients.mailer import Mailer, MailerError
from svc.config import Settings
from svc.repositories.audit import AuditLog
from svc.repositories.enrolments import EnrolmentRepository
from svc.repositories.users import UserRepository, UserRow
from svc.services.notifications import notify_instructor

logger = logging.getLogger(__name__)


class ReminderWorker:
    def __init__(self, settings: Settings, pool: asyncpg.Pool, mailer: Mailer) -> None:
        self._settings = settings
        self._pool = pool
        self._mailer = mailer
        self._enrolments = EnrolmentRepository(pool, settings.pg_acquire_timeout)
        self._users = UserRepository(pool, settings.pg_acquire_timeout)
        self._audit = AuditLog(pool, settings.pg_acquire_timeout)

    async def send_inactivity_reminders(self) -> int:
        cutoff = datetime.now(timezone.utc) - timedelta(days=self._settings.reminder_inactivity_days)
        due = await self._enrolments.inactive_since(cutoff)
        if not due:
            return 0
        users = await self._users.many(row["user_id"] for row in due)
        await asyncio.gather(
            *(self._remind(row, users.get(row["user_id"])) for row in due)
        )
        await self._enrolments.mark_reminded([row["id"] for row in due])
        logger.info("sent %d inactivity reminders", len(due))
        return len(due)

    async def _remind(self, row: asyncpg.Record, user: UserRow | None) -> None:
        if user is None:
            return
        try:
            await self._mailer.send(user.email, "inactivity-reminder", {"course_id": row["course_id"]})
        except MailerError:
            logger.warning("reminder for enrolment %s failed", row["id"], exc_info=True)

    async def _published_courses(self) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=self._settings.pg_acquire_timeout) as conn:
            return await conn.fetch(
                "SELECT id, title, instructor_id FROM courses WHERE published_at IS NOT NULL ORDER BY id LIMIT 5000"
            )

    async def _weekly_stats(self, course_ids: list[int]) -> dict[int, dict]:
        async with self._pool.acquire(timeout=self._settings.pg_acquire_timeout) as conn:
            rows = await conn.fetch(
                """
                SELECT course_id,
                       count(*) FILTER (WHERE enrolled_at > now() - interval '7 days') AS new_enrolments,
                       count(*) FILTER (WHERE status = 'completed') AS completions
                FROM enrolments WHERE course_id = ANY($1::bigint[])
                GROUP BY course_id
                """,
                course_ids,
            )
        return {r["course_id"]: dict(r) for r in rows}

    async def instructor_digest(self) -> None:
        courses = await self._published_courses()
        stats = await self._weekly_stats([c["id"] for c in courses])
        for course in courses:
            try:
                instructor = await self._users.get(course["instructor_id"])
                notify_instructor(self._mailer, instructor, course["title"], stats.get(course["id"], {}))
                self._audit.record("digest.sent", course["id"])
            except Exception:
                continue
