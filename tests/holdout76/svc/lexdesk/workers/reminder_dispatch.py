"""Sends due deadline reminders by email or SMS."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timezone

from lexdesk.container import Container
from lexdesk.errors import DeliveryError
from lexdesk.repositories.deadlines import DeadlineRepository
from lexdesk.repositories.matters import UserRepository

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class ReminderDispatcher:
    name = "reminders"

    def __init__(self, container: Container) -> None:
        self._sessions = container.sessions
        self._reminders = container.reminders
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def dispatch_due(self) -> int:
        now = datetime.now(timezone.utc)
        async with self._sessions() as session:
            repo = DeadlineRepository(session)
            due = await repo.due_reminders(now, limit=200)
            if not due:
                return 0
            users = await UserRepository(session).get_many(list({r.recipient_id for r, _ in due}))
            sent = 0
            for reminder, deadline in due:
                recipient = users.get(reminder.recipient_id)
                if recipient is None:
                    log.warning("reminder %s has no recipient %s", reminder.id, reminder.recipient_id)
                    await repo.record_failure(reminder.id, "recipient not found")
                    continue
                try:
                    await self._reminders.deliver(reminder, deadline, recipient)
                except DeliveryError as exc:
                    if reminder.attempts + 1 >= MAX_ATTEMPTS:
                        await repo.mark_abandoned(reminder.id)
                    else:
                        await repo.record_failure(reminder.id, str(exc))
                    continue
                await repo.mark_sent(reminder.id, datetime.now(timezone.utc))
                sent += 1
            await session.commit()
        return sent

    async def run(self) -> None:
        log.info("reminder dispatcher started")
        while not self._stop.is_set():
            sent = await self.dispatch_due()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=1 if sent else 30)
