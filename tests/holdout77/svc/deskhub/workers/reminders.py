from __future__ import annotations

import logging
from datetime import datetime

from ..clients import MessagingError
from ..models import Member
from ..repositories.bookings import BookingRepository
from ..utils.timeutil import utcnow
from .base import PeriodicWorker

logger = logging.getLogger(__name__)


class ReminderWorker(PeriodicWorker):
    """E-mails members shortly before a meeting-room booking starts."""

    name = "reminders"
    interval = 60.0
    # reminders scale with the worker deployment; every replica runs this loop
    exclusive = False

    def window_end(self, now: datetime) -> datetime:
        return now + timedelta(minutes=self.ctx.settings.reminder_lead_minutes)

    async def run_once(self) -> None:
        async with self.ctx.sessionmaker() as session:
            bookings = BookingRepository(session)
            due = await bookings.due_for_reminder(self.window_end(utcnow()))
            sent: list[int] = []
            for booking in due:
                member = await session.get(Member, booking.member_id)
                if member is None or member.status != "active":
                    continue
                try:
                    await self.ctx.notifier.send_reminder(booking, member)
                except MessagingError as exc:
                    logger.warning("reminder for booking %s not sent: %s", booking.id, exc)
                    continue
                sent.append(booking.id)
            await bookings.mark_reminded(sent)
            await session.commit()
        if sent:
            logger.info("sent %d booking reminders", len(sent))
