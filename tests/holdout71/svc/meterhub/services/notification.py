from __future__ import annotations

import logging
from string import Template

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.sms_gateway import SmsError, SmsGateway
from ..db import SessionLocal
from ..observability import NOTIFICATIONS_SENT
from ..models import Customer, Notification

log = logging.getLogger(__name__)

TEMPLATES = {
    "bill_issued": Template("Your bill of EUR $amount is ready. Due $due. Pay at gridco.example/pay"),
    "payment_received": Template("Thank you, we received EUR $amount."),
    "outage_restored": Template("Power has been restored in your area ($feeder). Sorry for the disruption."),
    "dunning_1": Template("Reminder: EUR $amount is overdue since $due."),
    "dunning_2": Template("Final notice: EUR $amount overdue. Supply may be interrupted."),
}


async def enqueue(session: AsyncSession, customer_id: int, template: str, **payload: object) -> None:
    if template not in TEMPLATES:
        raise KeyError(template)
    session.add(Notification(customer_id=customer_id, channel="sms", template=template, payload=payload))


class NotificationDispatcher:
    def __init__(self, sms: SmsGateway, batch_size: int = 200) -> None:
        self._sms = sms
        self._batch_size = batch_size

    async def dispatch_pending(self) -> int:
        async with SessionLocal() as session:
            stmt = (
                select(Notification, Customer.phone)
                .join(Customer, Customer.id == Notification.customer_id)
                .where(Notification.status == "pending")
                .order_by(Notification.created_at)
                .limit(self._batch_size)
                .with_for_update(of=Notification, skip_locked=True)
            )
            rows = (await session.execute(stmt)).all()
            for note, phone in rows:
                if not phone:
                    note.status = "skipped"
                    continue
                text = TEMPLATES[note.template].safe_substitute(note.payload)
                try:
                    await self._sms.send_sms(phone, text)
                except SmsError as exc:
                    note.status = "failed"
                    note.attempts += 1
                    NOTIFICATIONS_SENT.labels("sms", "failed").inc()
                    log.warning("notification %s failed: %s", note.id, exc)
                    continue
                note.status = "sent"
                NOTIFICATIONS_SENT.labels("sms", "sent").inc()
            await session.commit()
            return len(rows)
