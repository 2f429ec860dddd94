from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from svc.clients.email import EmailClient, OutboundEmail
from svc.config import Settings
from svc.db.engine import Database
from svc.db.invoices_repo import InvoiceRepository
from svc.db.models import DunningEvent, Invoice

if TYPE_CHECKING:
    from svc.services.documents import DocumentService

log = logging.getLogger(__name__)

LEVEL_THRESHOLDS_DAYS = (1, 14, 30)
SUBJECTS = {
    1: "Friendly reminder: invoice {number} is overdue",
    2: "Second reminder: invoice {number} remains unpaid",
    3: "Final notice: invoice {number}",
}


def _respect_send_rate(last_sent: float, min_interval: float) -> float:
    wait = min_interval - (time.monotonic() - last_sent)
    if wait > 0:
        time.sleep(wait)
    return time.monotonic()


def dunning_level(invoice: Invoice, today: date) -> int:
    if invoice.due_date is None:
        return 0
    days_late = (today - invoice.due_date).days
    return sum(1 for threshold in LEVEL_THRESHOLDS_DAYS if days_late >= threshold)


class DunningService:
    def __init__(self, settings: Settings, db: Database, email: EmailClient, documents: DocumentService) -> None:
        self._db = db
        self._email = email
        self._documents = documents
        self._batch = 5000
        self._min_interval = 1.0 / 20

    async def run(self, today: date) -> int:
        async with self._db.session() as session:
            invoices = await InvoiceRepository(session).overdue(today, limit=self._batch)
        sent = await asyncio.gather(*(self._remind(invoice, today) for invoice in invoices))
        return sum(sent)

    async def _remind(self, invoice: Invoice, today: date) -> bool:
        level = dunning_level(invoice, today)
        if level <= invoice.dunning_level:
            return False
        async with self._db.session() as session:
            if not await InvoiceRepository(session).advance_dunning(invoice.id, level):
                return False
            pdf = await self._documents.render_reminder(invoice, level)
            message_id = await self._email.send(
                OutboundEmail(
                    to=invoice.customer.billing_email,
                    subject=SUBJECTS[level].format(number=invoice.number),
                    html=f"<p>Invoice {invoice.number} is {(today - invoice.due_date).days} days overdue.</p>",
                    attachment_name=f"{invoice.number}.pdf",
                    attachment=pdf,
                )
            )
            session.add(DunningEvent(invoice_id=invoice.id, level=level, message_id=message_id))
            await session.commit()
        log.info("dunning letter sent", extra={"invoice": invoice.number, "level": level})
        return True

    async def send_statements(self, invoices: Sequence[Invoice]) -> int:
        """Month-end statements, paced to the provider's per-second quota."""
        last_sent = 0.0
        count = 0
        for invoice in invoices:
            last_sent = _respect_send_rate(last_sent, self._min_interval)
            await self._email.send(
                OutboundEmail(
                    to=invoice.customer.billing_email,
                    subject=f"Statement for invoice {invoice.number}",
                    html=f"<p>Outstanding: {invoice.total - invoice.amount_paid} {invoice.currency}</p>",
                )
            )
            count += 1
        return count
