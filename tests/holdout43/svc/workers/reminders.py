"""Sends interview reminders to candidates (email/SMS) shortly before interviews."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from sqlalchemy import select

from svc.config import get_settings
from svc.db.engine import session_factory
from svc.db.models import Application, Candidate, Job
from svc.repositories import interviews as interview_repo
from svc.services.calendar_client import CalendarClient
from svc.services.notifications import Notifier, render

log = logging.getLogger(__name__)


class ReminderWorker:
    def __init__(self, notifier: Notifier, calendar: CalendarClient) -> None:
        self.notifier = notifier
        self.calendar = calendar

    async def _contexts(self, application_ids: list[int]) -> dict[int, tuple[Application, Candidate, Job]]:
        async with session_factory()() as session:
            stmt = (
                select(Application, Candidate, Job)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .join(Job, Job.id == Application.job_id)
                .where(Application.id.in_(application_ids))
            )
            rows = (await session.execute(stmt)).all()
        return {app.id: (app, cand, job) for app, cand, job in rows}

    async def tick(self) -> int:
        now = datetime.now(timezone.utc)
        due = await interview_repo.due_reminders(now)
        if not due:
            return 0
        contexts = await self._contexts(sorted({r["application_id"] for r in due}))
        sent = 0
        for reminder in due:
            ctx = contexts.get(reminder["application_id"])
            if ctx is None:
                continue
            application, candidate, job = ctx
            interviewer = await self.calendar.get_user(reminder["interviewer_id"])
            when = reminder["starts_at"].strftime("%A %d %b, %H:%M UTC")
            text = render(job.company_id, "interview_reminder", kind="interview", job=job.title, when=when)
            text += f" You will meet {interviewer.get('display_name', 'our team')}."
            if reminder["channel"] == "sms" and candidate.phone:
                await self.notifier.sms_reminder(candidate.phone, text)
            else:
                await self.notifier.email_reminder(candidate.email, f"Interview reminder: {job.title}", text)
            await interview_repo.mark_reminder_sent(reminder["id"])
            sent += 1
        return sent

    async def run_forever(self) -> None:
        interval = get_settings().reminder_interval_s
        while True:
            sent = await self.tick()
            if sent:
                log.info("sent %d interview reminders", sent)
            await asyncio.sleep(interval)
