from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from dispensary.db.models import RefillReminder
from dispensary.repositories.base import BaseRepository
from dispensary.utils.timeutil import utcnow


class RefillReminderRepository(BaseRepository[RefillReminder]):
    model = RefillReminder

    async def due_reminders(self, today: date, limit: int = 500) -> list[RefillReminder]:
        result = await self.session.execute(
            select(RefillReminder)
            .where(RefillReminder.due_on <= today, RefillReminder.sent_at.is_(None))
            .limit(limit)
        )
        return list(result.scalars())

    async def mark_sent(self, reminder_ids: list[int]) -> None:
        if reminder_ids:
            await self.session.execute(
                update(RefillReminder).where(RefillReminder.id.in_(reminder_ids)).values(sent_at=utcnow())
            )

    async def schedule(self, prescription_id: int, patient_id: int, due_on: date) -> RefillReminder:
        return await self.add(RefillReminder(prescription_id=prescription_id, patient_id=patient_id, due_on=due_on))
