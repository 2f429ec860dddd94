"""Deadline reminders: scheduling rows and delivering them by email or SMS."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

import requests
from sqlalchemy.ext.asyncio import AsyncSession

from lexdesk.clients.mailer import MailClient, SmsClient
from lexdesk.models import Deadline, Reminder, User
from lexdesk.repositories.deadlines import DeadlineRepository

log = logging.getLogger(__name__)


def render_reminder(deadline: Deadline, now: datetime) -> tuple[str, str]:
    remaining = deadline.due_at - now
    days = max(remaining.days, 0)
    when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
    subject = f"Deadline {when}: {deadline.title}"
    body = (
        f"{deadline.title}\n"
        f"Court: {deadline.court_code}  Rule: {deadline.rule_ref or '-'}\n"
        f"Due: {deadline.due_at:%A %d %B %Y %H:%M %Z}\n"
    )
    return subject, body


class ReminderService:
    def __init__(self, mailer: MailClient, sms: SmsClient) -> None:
        self._mailer = mailer
        self._sms = sms

    async def schedule(
        self, session: AsyncSession, deadline: Deadline, remind_at: datetime, *, channel: str = "email"
    ) -> Reminder | None:
        if remind_at <= datetime.now(timezone.utc):
            return None
        return DeadlineRepository(session).add_reminder(deadline, deadline.assigned_to, remind_at, channel)

    async def deliver(self, reminder: Reminder, deadline: Deadline, recipient: User) -> None:
        subject, body = render_reminder(deadline, datetime.now(timezone.utc))
        if reminder.channel == "sms" and recipient.phone:
            await self._sms.send(recipient.phone, f"{subject}. {body}")
            return
        try:
            await asyncio.to_thread(self._mailer.send, recipient.email, subject, body)
        except requests.RequestException:
            pass
