"""Monthly billing of commercial customers per bin lift."""
from __future__ import annotations

import logging
from datetime import date

from ..clients.payments import CardProcessor
from ..errors import PaymentDeclined, ProcessorError
from ..repositories.customers import CustomerRepository, InvoiceRepository
from ..repositories.lifts import LiftRepository
from ..utils.ids import idempotency_key
from ..utils.timeutil import month_bounds

logger = logging.getLogger(__name__)


class BillingService:
    def __init__(self, customers: CustomerRepository, invoices: InvoiceRepository, lifts: LiftRepository,
                 payments: CardProcessor) -> None:
        self.customers = customers
        self.invoices = invoices
        self.lifts = lifts
        self.payments = payments

    async def draft_invoices(self, period: date) -> int:
        start, end = month_bounds(period)
        drafted = 0
        for customer in await self.customers.active():
            lifts = await self.lifts.count_for_customer(customer["id"], start, end)
            if lifts == 0:
                continue
            await self.invoices.create_draft(customer["id"], start, lifts, lifts * customer["rate_pence_per_lift"])
            drafted += 1
        logger.info("drafted %d invoices for %s", drafted, start)
        return drafted

    async def credit_customer(self, customer_id: int, amount_pence: int, reason: str) -> int:
        balance = await self.customers.apply_credit(customer_id, amount_pence)
        logger.info("credited customer %d with %d pence (%s); balance %d", customer_id, amount_pence, reason, balance)
        return balance

    async def preview(self, customer_ids: list[int], period: date) -> dict[int, int]:
        start, end = month_bounds(period)
        return await self.lifts.counts_for_customers(customer_ids, start, end)

    async def charge_pending(self) -> tuple[int, int]:
        paid = failed = 0
        for invoice in await self.invoices.pending():
            if not invoice["payment_token"]:
                logger.warning("invoice %d: customer %d has no card on file", invoice["id"], invoice["customer_id"])
                continue
            try:
                charge_id = await self.payments.charge(
                    amount_pence=invoice["amount_pence"], token=invoice["payment_token"],
                    description=f"Commercial collections invoice {invoice['id']}",
                    idempotency_key=idempotency_key("invoice", str(invoice["id"])),
                )
            except (PaymentDeclined, ProcessorError):
                await self.invoices.mark_failed(invoice["id"])
                failed += 1
                continue
            await self.invoices.mark_paid(invoice["id"], charge_id)
            paid += 1
        return paid, failed
