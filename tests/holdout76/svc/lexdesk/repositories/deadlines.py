from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from lexdesk.models import Deadline, Reminder
from lexdesk.repositories.base import SqlRepository


class DeadlineRepository(SqlRepository[Deadline]):
    model = Deadline

    async def upcoming_for_matter(self, matter_id: int, limit: int = 10) -> list[Deadline]:
        stmt = (
            select(Deadline)
            .where(Deadline.matter_id == matter_id, Deadline.status == "open")
            .order_by(Deadline.due_at)
            .limit(limit)
        )
        return list(await self._session.scalars(stmt))

    async def upcoming_for_assignee(self, user_id: int, until: datetime) -> list[Deadline]:
        stmt = (
            select(Deadline)
            .where(Deadline.assigned_to == user_id, Deadline.due_at <= until, Deadline.status == "open")
            .order_by(Deadline.due_at)
        )
        return list(await self._session.scalars(stmt))

    def add_reminder(self, deadline: Deadline, recipient_id: int, remind_at: datetime, channel: str) -> Reminder:
        reminder = Reminder(deadline_id=deadline.id, recipient_id=recipient_id, remind_at=remind_at, channel=channel)
        self._session.add(reminder)
        return reminder

    async def due_reminders(self, now: datetime, limit: int = 200) -> list[tuple[Reminder, Deadline]]:
        stmt = (
            select(Reminder, Deadline)
            .join(Deadline, Deadline.id == Reminder.deadline_id)
            .where(Reminder.sent_at.is_(None), Reminder.abandoned.is_(False), Reminder.remind_at <= now)
            .where(Deadline.status == "open")
            .order_by(Reminder.remind_at)
            .limit(limit)
        )
        return [(row.Reminder, row.Deadline) for row in await self._session.execute(stmt)]

    async def mark_sent(self, reminder_id: int, sent_at: datetime) -> None:
        await self._session.execute(
            update(Reminder).where(Reminder.id == reminder_id).values(sent_at=sent_at, attempts=Reminder.attempts + 1)
        )

    async def record_failure(self, reminder_id: int, error: str) -> None:
        await self._session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id)
            .values(attempts=Reminder.attempts + 1, last_error=error[:2000])
        )

    async def mark_abandoned(self, reminder_id: int) -> None:
        await self._session.execute(
            update(Reminder).where(Reminder.id == reminder_id).values(abandoned=True, attempts=Reminder.attempts + 1)
        )
