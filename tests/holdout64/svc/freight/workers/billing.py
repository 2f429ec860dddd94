from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.email_client import Mailer
from ..models import Carrier, Invoice, InvoiceStatus, Shipper
from ..repositories.invoices import InvoiceRepository
from ..services.factoring_service import FactoringService
from ..utils.documents import dollars
from ..utils.timeutil import utcnow


log = logging.getLogger(__name__)

RUN_EVERY_SECONDS = 300


class InvoiceBatchWorker:
    """Emails ready invoices to shippers every few minutes."""

    def __init__(self, session_factory: async_sessionmaker, mailer: Mailer) -> None:
        self._sessions = session_factory
        self._mailer = mailer

    async def run_once(self) -> int:
        async with self._sessions() as session:
            invoices = InvoiceRepository(session)
            due = await invoices.list_ready(limit=500)
            if not due:
                return 0
            shipper_ids = {inv.shipper_id for inv in due}
            shippers = {
                s.id: s for s in await session.scalars(select(Shipper).where(Shipper.id.in_(shipper_ids)))
            }
            batch = []
            for inv in due:
                shipper = shippers[inv.shipper_id]
                batch.append((shipper.billing_email, f"Invoice #{inv.number}",
                              f"Amount due: ${dollars(inv.amount_cents)}. Terms: net 30."))
            await self._mailer.send_many(batch)
            await invoices.mark_sent_many([inv.id for inv in due], utcnow())
            await session.commit()
        log.info("invoices sent", extra={"count": len(due)})
        return len(due)

    async def run(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(RUN_EVERY_SECONDS)



POLL_SECONDS = 600


class PayoutPoller:
    """Marks factored invoices as paid once the factor reports the advance as funded."""

    def __init__(self, session_factory: async_sessionmaker, factoring: FactoringService, mailer: Mailer) -> None:
        self._sessions = session_factory
        self._factoring = factoring
        self._mailer = mailer

    async def poll_once(self) -> int:
        cutoff = datetime.now(timezone.utc) - timedelta(days=30)
        funded: list[tuple[str, str, str]] = []
        async with self._sessions() as session, session.begin():
            pending = list(
                await session.scalars(
                    select(Invoice)
                    .where(Invoice.status == InvoiceStatus.FACTORED, Invoice.created_at >= cutoff)
                    .limit(200)
                )
            )
            newly_paid = []
            for invoice in pending:
                new_status = await self._factoring.refresh_status(invoice)
                if new_status is InvoiceStatus.PAID:
                    invoice.status = InvoiceStatus.PAID
                    newly_paid.append(invoice)
            emails = {
                c.id: c.dispatch_email
                for c in await session.scalars(select(Carrier).where(Carrier.id.in_({i.carrier_id for i in newly_paid})))
            }
            for invoice in newly_paid:
                funded.append((emails[invoice.carrier_id], f"QuickPay funded for invoice #{invoice.number}",
                               f"${dollars(invoice.carrier_pay_cents)} is on its way to your account."))
        if funded:
            await self._mailer.send_many(funded)
        return len(funded)

    async def run(self) -> None:
        while True:
            paid = await self.poll_once()
            if paid:
                log.info("invoices funded", extra={"count": paid})
            await asyncio.sleep(POLL_SECONDS)
