from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from payflow.models import AccountingConnection, AccountingSyncLog, AuditEntry, Reminder
from payflow.utils.common import utcnow


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_due(self, now: datetime, kind: str, limit: int = 500) -> Sequence[Reminder]:
        result = await self.session.execute(
            select(Reminder)
            .where(Reminder.kind == kind, Reminder.sent_at.is_(None), Reminder.due_at <= now)
            .order_by(Reminder.due_at)
            .limit(limit)
        )
        return result.scalars().all()

    async def claim_due(self, now: datetime, limit: int = 200) -> Sequence[Reminder]:
        result = await self.session.execute(
            select(Reminder)
            .where(Reminder.sent_at.is_(None), Reminder.due_at <= now, Reminder.attempts < 5)
            .order_by(Reminder.due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return result.scalars().all()

    async def mark_sent(self, reminder_ids: Sequence[int]) -> None:
        if reminder_ids:
            await self.session.execute(
                update(Reminder).where(Reminder.id.in_(list(reminder_ids))).values(sent_at=utcnow())
            )

    async def bump_attempts(self, reminder_id: int) -> None:
        await self.session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id)
            .values(attempts=Reminder.attempts + 1)
        )


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, entry: AuditEntry) -> None:
        self.session.add(entry)
        await self.session.flush()


class AccountingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def connection(self, company_id: int) -> AccountingConnection | None:
        result = await self.session.execute(
            select(AccountingConnection).where(AccountingConnection.company_id == company_id)
        )
        return result.scalar_one_or_none()

    async def log(self, company_id: int, run_id: int, status: str, external_id: str | None, message: str | None) -> None:
        self.session.add(
            AccountingSyncLog(
                company_id=company_id,
                pay_run_id=run_id,
                status=status,
                external_id=external_id,
                message=message,
                created_at=utcnow(),
            )
        )
        await self.session.flush()
