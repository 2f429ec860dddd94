from datetime import datetime, timezone

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from crew.repos import BillingRepository, ReminderRepository


class Mailer:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def send(self, to: str, subject: str) -> None:
        await self.client.post("https://mail.example.com/v1/send", json={"to": to, "subject": subject})


class ReminderService:
    def __init__(self, session: AsyncSession, mailer: Mailer) -> None:
        self.session = session
        self.reminders = ReminderRepository(session)
        self.mailer = mailer

    async def nudge(self) -> int:
        now = datetime.now(timezone.utc)
        due = await self.reminders.list_due(now)  # expect: worker-coordination
        sent = []
        for reminder in due:
            await self.mailer.send(reminder.email, "Timesheets are waiting")
            sent.append(reminder.id)
        await self.reminders.mark_sent(sent, now)
        await self.session.commit()
        return len(sent)

    async def send_claimed(self) -> int:
        now = datetime.now(timezone.utc)
        claimed = await self.reminders.claim_due(now)
        sent = []
        for reminder in claimed:
            await self.mailer.send(reminder.email, "Please submit your timesheet")
            sent.append(reminder.id)
        await self.reminders.mark_sent(sent, now)
        await self.session.commit()
        return len(sent)


class BillingService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.billing = BillingRepository(session)

    async def invoice_month(self, period: str) -> int:
        tenants = await self.billing.active_tenants()
        for tenant in tenants:
            await self.billing.add_invoice(tenant.id, period)
        await self.session.commit()
        return len(tenants)
