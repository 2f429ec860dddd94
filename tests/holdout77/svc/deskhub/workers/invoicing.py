from __future__ import annotations

import asyncio
import logging
from datetime import date
from pathlib import Path

from ..clients import PaymentError
from ..models import Member
from ..repositories.invoices import InvoiceRepository
from ..repositories.members import MemberRepository
from ..utils.rendering import render_invoice_pdf
from ..utils.resilience import CircuitOpen
from ..utils.timeutil import previous_month, utcnow
from .base import PeriodicWorker

logger = logging.getLogger(__name__)


class InvoicingWorker(PeriodicWorker):
    """Closes the previous month for every active member on the 1st: invoice, PDF, charge, e-mail."""

    name = "invoicing"
    interval = 15 * 60.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._last_period: date | None = None

    async def run_once(self) -> None:
        today = utcnow().date()
        period_start, period_end = previous_month(today)
        if today.day != 1 or self._last_period == period_start:
            return
        async with self.ctx.sessionmaker() as session:
            members = await MemberRepository(session).active_members()
        logger.info("invoicing %d members for %s", len(members), period_start)
        results = await asyncio.gather(
            *(self._invoice_member(m, period_start, period_end) for m in members), return_exceptions=True
        )
        failures = [r for r in results if isinstance(r, Exception)]
        for failure in failures[:20]:
            logger.error("invoicing failed: %r", failure)
        self._last_period = period_start
        logger.info("invoicing for %s done: %d ok, %d failed", period_start, len(results) - len(failures), len(failures))

    async def _invoice_member(self, member: Member, period_start: date, period_end: date) -> None:
        async with self.ctx.sessionmaker() as session:
            billing = self.ctx.billing_for(session)
            invoice_id = await billing.close_month(member, period_start, period_end)
            invoice = await InvoiceRepository(session).get(invoice_id)
            assert invoice is not None
            invoice.status = "open"

            pdf = await asyncio.to_thread(render_invoice_pdf, invoice, member)
            path = Path(self.ctx.settings.invoice_dir) / f"{invoice.id}.pdf"
            with open(path, "wb") as fh:
                fh.write(pdf)
            invoice.pdf_path = str(path)

            if invoice.total_pence > 0 and member.provider_customer_id:
                try:
                    await billing.charge(invoice, member)
                except PaymentDeclined as exc:
                    invoice.status = "past_due"
                    logger.info("invoice %s declined (%s)", invoice.id, exc.code)
                except (PaymentError, CircuitOpen) as exc:
                    logger.warning("invoice %s left open, charge failed: %s", invoice.id, exc)
            await session.commit()
        await self.ctx.notifier.send_invoice(invoice, member)
