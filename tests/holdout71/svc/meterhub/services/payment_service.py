from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payment_gateway import PaymentGateway
from ..errors import Conflict, NotFound
from ..models import Invoice, InvoiceStatus, Payment
from ..db import get_redis
from ..repositories.accounts import AccountRepository
from ..repositories.invoices import InvoiceRepository, PaymentRepository
from . import audit

log = logging.getLogger(__name__)


class PaymentService:
    def __init__(self, session: AsyncSession, gateway: PaymentGateway) -> None:
        self.session = session
        self.gateway = gateway
        self.accounts = AccountRepository(session)
        self.invoices = InvoiceRepository(session)
        self.payments = PaymentRepository(session)

    async def handle_provider_event(self, event: dict) -> str:
        """Apply a PayGate ``charge.*`` event. Returns what was done, for the webhook log."""
        event_id = event["id"]
        claimed = await get_redis().set(f"paygate:event:{event_id}", "1", nx=True, ex=7 * 86_400)
        if not claimed:
            return "duplicate"
        data = event["data"]
        if event["type"] != "charge.succeeded":
            log.info("ignoring paygate event %s of type %s", event_id, event["type"])
            return "ignored"
        existing = await self.payments.by_provider_ref(data["charge_id"])
        if existing is not None:
            return "already-recorded"

        account = await self.accounts.get(int(data["metadata"]["account_id"]))
        if account is None:
            raise NotFound("account referenced by payment does not exist", account_id=data["metadata"]["account_id"])
        amount = Decimal(data["amount_minor"]) / 100
        invoice_id = data["metadata"].get("invoice_id")
        payment = Payment(
            account_id=account.id,
            invoice_id=int(invoice_id) if invoice_id else None,
            provider_ref=data["charge_id"],
            amount=amount,
            status="succeeded",
            raw_event=event,
        )
        await self.payments.add(payment)
        account.balance = account.balance - amount
        if payment.invoice_id is not None:
            invoice = await self.session.get(Invoice, payment.invoice_id)
            if invoice is not None and invoice.total <= amount:
                await self.invoices.mark_paid(invoice.id)
        await self.session.commit()
        audit.record("paygate", "payment.applied", f"account:{account.id}", amount=amount, charge=data["charge_id"])
        return "applied"

    async def refund(self, account_id: int, payment_id: int, amount: Decimal, operator: str) -> dict:
        payment = await self.session.get(Payment, payment_id)
        if payment is None or payment.account_id != account_id:
            raise NotFound("payment not found", payment_id=payment_id)
        if amount > payment.amount:
            raise Conflict("refund exceeds payment", payment_id=payment_id)
        result = await self.gateway.refund(payment.provider_ref, amount, reason=f"operator:{operator}")
        account = await self.accounts.get_for_update(account_id)
        if account is None:
            raise NotFound("account not found", account_id=account_id)
        account.balance = account.balance + amount
        await self.session.commit()
        await audit.record(operator, "payment.refunded", f"account:{account_id}", amount=amount, refund=result["id"])
        return result

    async def allocate_to_invoice(self, payment: Payment, invoice_id: int) -> bool:
        invoice = await self.session.get(Invoice, invoice_id)
        if invoice is None:
            return False
        if invoice.status == InvoiceStatus.PAID or InvoiceStatus.WRITTEN_OFF:
            log.info("invoice %s already closed, leaving payment %s unallocated", invoice_id, payment.id)
            return False
        payment.invoice_id = invoice_id
        if payment.amount >= invoice.total:
            invoice.status = InvoiceStatus.PAID
        return True
