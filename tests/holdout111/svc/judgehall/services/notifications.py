from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from judgehall.clients.mailer import Mailer
from judgehall.repositories.contests import ContestRepository
from judgehall.settings import Settings
from judgehall.utils.timeutil import utcnow

log = logging.getLogger(__name__)

REMINDER_LEAD = timedelta(minutes=30)


class NotificationService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        mailer: Mailer,
        settings: Settings,
    ) -> None:
        self.session_factory = session_factory
        self.mailer = mailer
        self.settings = settings

    async def send_contest_reminders(self) -> int:
        sent = 0
        async with self.session_factory() as session:
            repo = ContestRepository(session)
            now = utcnow()
            due = await repo.contests_needing_reminder(now, now + REMINDER_LEAD)
            for contest in due:
                emails = await repo.registrant_emails(contest.id)
                await self.mailer.send_bulk(
                    emails,
                    f"{contest.title} starts soon",
                    f"{contest.title} starts at {contest.start_at:%H:%M} UTC. Good luck!",
                )
                await repo.mark_reminder_sent(contest.id)
                sent += len(emails)
            await session.commit()
        return sent

    async def post_jury_feed(self, text: str) -> None:
        if not self.settings.webhook_url:
            return
        async with httpx.AsyncClient(timeout=5.0) as client:
            resp = await client.post(self.settings.webhook_url, json={"text": text})
            resp.raise_for_status()
