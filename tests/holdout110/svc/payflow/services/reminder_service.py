from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import structlog

from payflow.clients.email_client import EmailClient
from payflow.models import Reminder
from payflow.repositories.ops_repo import ReminderRepository
from payflow.utils.common import utcnow

log = structlog.get_logger(__name__)

REMIND_BEFORE_HOURS = 24
SUBMISSION_CUTOFF = time(hour=17)

TEMPLATES = {
    "submit_timesheet": ("Please submit your timesheet", "<p>Your timesheet for {period} is due {deadline}.</p>"),
    "approve_timesheets": ("Timesheets are waiting for you", "<p>Timesheets for {period} need approval by {deadline}.</p>"),
}


def submission_deadline(period_end: date) -> datetime:
    return datetime.combine(period_end + timedelta(days=1), SUBMISSION_CUTOFF, tzinfo=timezone.utc)


class ReminderService:
    def __init__(self, reminders: ReminderRepository, email: EmailClient) -> None:
        self.reminders = reminders
        self.email = email

    def plan(self, company_id: int, kind: str, email: str, period_end: date, employee_id: int | None = None) -> Reminder:
        deadline = submission_deadline(period_end)
        remind_at = deadline + timedelta(hours=REMIND_BEFORE_HOURS)
        return Reminder(company_id=company_id, employee_id=employee_id, kind=kind, email=email, due_at=remind_at)

    def render(self, reminder: Reminder) -> tuple[str, str]:
        subject, body = TEMPLATES[reminder.kind]
        deadline = reminder.due_at + timedelta(hours=REMIND_BEFORE_HOURS)
        return subject, body.format(period=reminder.due_at.date().isoformat(), deadline=f"{deadline:%a %d %b %H:%M} UTC")

    async def nudge_approvers(self) -> int:
        due = await self.reminders.list_due(utcnow(), "approve_timesheets")
        sent: list[int] = []
        for reminder in due:
            subject, html = self.render(reminder)
            try:
                await self.email.send(reminder.email, subject, html, tag="approval-nudge")
            except Exception:
                log.exception("approval_nudge_failed", reminder_id=reminder.id)
                await self.reminders.bump_attempts(reminder.id)
                continue
            sent.append(reminder.id)
        await self.reminders.mark_sent(sent)
        return len(sent)

    async def send_claimed(self) -> int:
        claimed = await self.reminders.claim_due(utcnow())
        sent: list[int] = []
        for reminder in claimed:
            subject, html = self.render(reminder)
            try:
                await self.email.send(reminder.email, subject, html, tag=reminder.kind)
            except Exception:
                log.exception("reminder_send_failed", reminder_id=reminder.id)
                await self.reminders.bump_attempts(reminder.id)
                continue
            sent.append(reminder.id)
        await self.reminders.mark_sent(sent)
        return len(sent)
