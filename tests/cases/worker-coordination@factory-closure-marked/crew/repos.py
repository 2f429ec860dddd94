from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from crew.models import Invoice, Reminder, Tenant


class ReminderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_due(self, now: datetime, limit: int = 500) -> Sequence[Reminder]:
        result = await self.session.execute(
            select(Reminder).where(Reminder.sent_at.is_(None), Reminder.due_at <= now).limit(limit)
        )
        return result.scalars().all()

    async def claim_due(self, now: datetime, limit: int = 200) -> Sequence[Reminder]:
        result = await self.session.execute(
            select(Reminder)
            .where(Reminder.sent_at.is_(None), Reminder.due_at <= now)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return result.scalars().all()

    async def mark_sent(self, ids: Sequence[int], now: datetime) -> None:
        if ids:
            await self.session.execute(update(Reminder).where(Reminder.id.in_(ids)).values(sent_at=now))


class BillingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active_tenants(self) -> Sequence[Tenant]:
        result = await self.session.execute(select(Tenant).where(Tenant.active.is_(True)))
        return result.scalars().all()

    async def add_invoice(self, tenant_id: int, period: str) -> None:
        self.session.add(Invoice(tenant_id=tenant_id, period=period))
