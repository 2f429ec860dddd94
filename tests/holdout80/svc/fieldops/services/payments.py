from __future__ import annotations

import json
from decimal import Decimal

from fieldops.clients.payment_provider import PaymentProviderClient
from fieldops.errors import DomainError, PaymentError
from fieldops.logging_setup import get_logger
from fieldops.repositories.invoices import InvoiceRepository

logger = get_logger(__name__)


class InvalidSignature(DomainError):
    status_code = 401
    code = "invalid_signature"


class PaymentService:
    def __init__(self, client: PaymentProviderClient, invoices: InvoiceRepository) -> None:
        self._client = client
        self._invoices = invoices

    async def handle_webhook(self, body: bytes, signature: str) -> None:
        if not self._client.verify_signature(body, signature):
            logger.warning("payment webhook signature mismatch")
            raise InvalidSignature("bad signature")
        event = json.loads(body)
        payment = event["data"]
        invoice = await self._invoices.by_provider_payment(payment["id"])
        if invoice is None:
            logger.info("webhook for unknown payment", payment_id=payment["id"], type=event["type"])
            return

        if event["type"] == "payment.authorized":
            try:
                await self._client.capture(payment["id"], Decimal(payment["amount"]))
            except PaymentError:
                pass
        elif event["type"] == "payment.succeeded":
            await self._invoices.record_payment(invoice.id, Decimal(payment["amount"]))
            logger.info("invoice payment recorded", invoice_id=invoice.id, amount=payment["amount"])
        elif event["type"] == "payment.refunded":
            await self._invoices.record_payment(invoice.id, -Decimal(payment["amount"]))

    async def refund(self, invoice_id: int, amount: Decimal) -> dict:
        invoice = await self._invoices.get(invoice_id)
        if invoice is None or invoice.provider_payment_id is None:
            raise PaymentError("invoice has no provider payment")
        try:
            return await self._client.refund(invoice.provider_payment_id, amount)
        except PaymentError:
            logger.exception("refund failed", invoice_id=invoice_id)
            raise
