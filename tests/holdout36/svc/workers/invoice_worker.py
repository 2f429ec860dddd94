from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from svc.clients.email import Mailer
from svc.db.engine import SessionLocal
from svc.db.models import Guest, Reservation
from svc.repositories import invoices as invoices_repo

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class InvoiceDeliveryWorker:
    def __init__(self, mailer: Mailer) -> None:
        self._mailer = mailer

    async def run_once(self) -> None:
        async with SessionLocal() as session, session.begin():
            invoices = await invoices_repo.claim_pending(session)
            if not invoices:
                return
            reservation_ids = [inv.reservation_id for inv in invoices]
            rows = await session.execute(
                select(Reservation.id, Guest.email)
                .join(Guest, Guest.id == Reservation.guest_id)
                .where(Reservation.id.in_(reservation_ids))
            )
            emails = dict(rows.all())
            for invoice in invoices:
                if invoice.attempts >= MAX_ATTEMPTS:
                    await invoices_repo.mark(session, invoice.id, "failed")
                    logger.error("invoice %s gave up after %d attempts", invoice.number, invoice.attempts)
                    continue
                try:
                    await self._mailer.send_invoice(emails[invoice.reservation_id], invoice.number, invoice.pdf_path)
                except (OSError, KeyError) as exc:
                    logger.warning("invoice %s delivery failed: %s", invoice.number, exc)
                    await invoices_repo.mark(session, invoice.id, "pending")
                    continue
                try:
                    await invoices_repo.mark(session, invoice.id, "sent")
                except SQLAlchemyError:
                    continue
        await asyncio.sleep(0)
