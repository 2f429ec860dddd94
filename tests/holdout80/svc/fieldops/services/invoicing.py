from __future__ import annotations

import base64
from datetime import date
from decimal import Decimal

from fieldops.clients.payment_provider import PaymentProviderClient
from fieldops.db.models import Invoice, InvoiceLine, Part
from fieldops.errors import Conflict, NotFound
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.invoices import InvoiceRepository
from fieldops.services.notifications import NotificationService
from fieldops.utils.formatting import format_money
from fieldops.utils.pdf import build_invoice_pdf


class InvoicingService:
    def __init__(
        self,
        invoices: InvoiceRepository,
        customers: CustomerRepository,
        payments: PaymentProviderClient,
        notifications: NotificationService,
        template_dir: str,
    ) -> None:
        self._invoices = invoices
        self._customers = customers
        self._payments = payments
        self._notifications = notifications
        self._template_dir = template_dir

    def render_pdf(self, invoice: Invoice, lines: list[tuple[InvoiceLine, Part | None]]) -> bytes:
        context = {
            "invoice": invoice,
            "lines": [
                {"sku": part.sku if part else "", "description": line.description,
                 "qty": line.quantity, "unit": format_money(line.unit_price),
                 "amount": format_money(line.unit_price * line.quantity)}
                for line, part in lines
            ],
            "total": format_money(invoice.total),
        }
        return build_invoice_pdf(self._template_dir, context)

    async def pdf_bytes(self, account_id: int, invoice_id: int) -> bytes:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None or invoice.account_id != account_id:
            raise NotFound("invoice not found")
        lines = await self._invoices.line_items_with_parts(invoice_id)
        return self.render_pdf(invoice, lines)

    async def issue(self, account_id: int, invoice_id: int) -> dict:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None or invoice.account_id != account_id:
            raise NotFound("invoice not found")
        if invoice.status not in ("draft", "sent"):
            raise Conflict("invoice already settled")
        customer = await self._customers.get(invoice.customer_id)
        outstanding = invoice.total - invoice.amount_paid
        link = await self._payments.create_payment_link(invoice.id, outstanding)
        invoice.provider_payment_id = link["payment_id"]
        invoice.status = "sent"
        invoice.issued_on = date.today()

        pdf = await self.pdf_bytes(account_id, invoice_id)
        amount = await format_money(outstanding)
        if customer.email:
            await self._notifications.invoice_ready(
                customer.email, invoice.id, amount, link["url"], base64.b64encode(pdf).decode()
            )
        return {"id": invoice.id, "status": invoice.status, "pay_url": link["url"]}

    async def record_manual_payment(self, invoice_id: int, amount: Decimal) -> Invoice:
        if amount <= 0:
            raise Conflict("amount must be positive")
        return await self._invoices.record_payment(invoice_id, amount)
