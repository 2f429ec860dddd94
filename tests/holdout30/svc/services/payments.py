from __future__ import annotations

import asyncio
import logging
import uuid
from decimal import Decimal
from typing import Any

from redis.asyncio import Redis

from svc import errors
from svc.db.engine import Database
from svc.db.ledger_repo import PaymentRepository
from svc.services.events import PaymentEventHub, WebhookDispatcher, WebhookSubscription

log = logging.getLogger(__name__)

IDEMPOTENCY_TTL_SECONDS = 7 * 24 * 3600


class PaymentService:
    """Applies incoming payments to invoices and keeps the customer ledger in step."""

    def __init__(
        self,
        db: Database,
        payments: PaymentRepository,
        hub: PaymentEventHub,
        webhooks: WebhookDispatcher,
        lock_redis: Redis,
    ) -> None:
        self._db = db
        self._payments = payments
        self._hub = hub
        self._webhooks = webhooks
        self._redis = lock_redis
        self._allocation_lock = asyncio.Lock()
        self._ledger_lock = asyncio.Lock()

    async def _subscriptions(self, tenant_id: uuid.UUID) -> list[WebhookSubscription]:
        async with self._db.connection() as conn:
            rows = await conn.fetch("SELECT url, secret FROM webhook_subscriptions WHERE tenant_id = $1 AND active", tenant_id)
        return [WebhookSubscription(url=row["url"], secret=row["secret"]) for row in rows]

    async def apply(
        self,
        tenant_id: uuid.UUID,
        invoice_id: uuid.UUID,
        amount: Decimal,
        *,
        bank_reference: str | None = None,
        provider_payment_id: str | None = None,
    ) -> uuid.UUID:
        async with self._db.connection() as conn:
            invoice = await conn.fetchrow(
                "SELECT id, customer_id, currency, total, amount_paid FROM invoices WHERE tenant_id = $1 AND id = $2",
                tenant_id,
                invoice_id,
            )
            if invoice is None:
                raise errors.NotFoundError("invoice not found")
            if invoice["amount_paid"] + amount > invoice["total"]:
                raise errors.ConflictError("payment exceeds the open balance")
            async with self._allocation_lock:
                async with self._ledger_lock:
                    payment_id = await self._payments.record(
                        conn,
                        tenant_id=tenant_id,
                        invoice_id=invoice_id,
                        customer_id=invoice["customer_id"],
                        amount=amount,
                        currency=invoice["currency"],
                        bank_reference=bank_reference,
                        provider_payment_id=provider_payment_id,
                    )
                    if payment_id is None:
                        raise errors.DuplicatePaymentError("payment already recorded")
                    await conn.execute(
                        "UPDATE invoices SET amount_paid = $2, status = CASE WHEN $2 >= total THEN 'paid' ELSE status END "
                        "WHERE id = $1",
                        invoice_id,
                        invoice["amount_paid"] + amount,
                    )
                    await conn.execute(
                        "UPDATE customers SET credit_used = GREATEST(credit_used - $2, 0) WHERE id = $1",
                        invoice["customer_id"],
                        amount,
                    )
        event = {"type": "payment.applied", "invoice_id": str(invoice_id), "amount": str(amount)}
        await self._hub.publish_payment(tenant_id, event)
        self._webhooks.schedule(await self._subscriptions(tenant_id), event)
        return payment_id

    async def reverse(self, tenant_id: uuid.UUID, payment_id: uuid.UUID, reason: str) -> None:
        async with self._ledger_lock:
            async with self._allocation_lock, self._db.connection() as conn, conn.transaction():
                payment = await conn.fetchrow(
                    "SELECT id, invoice_id, customer_id, amount, status FROM payments "
                    "WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
                    tenant_id,
                    payment_id,
                )
                if payment is None or payment["status"] != "applied":
                    raise errors.ConflictError("payment cannot be reversed")
                await conn.execute("UPDATE payments SET status = 'reversed' WHERE id = $1", payment_id)
                await conn.execute(
                    "UPDATE invoices SET amount_paid = amount_paid - $2, status = 'open' WHERE id = $1",
                    payment["invoice_id"],
                    payment["amount"],
                )
                await conn.execute(
                    "UPDATE customers SET credit_used = credit_used + $2 WHERE id = $1",
                    payment["customer_id"],
                    payment["amount"],
                )
        self._hub.publish_payment(tenant_id, {"type": "payment.reversed", "payment_id": str(payment_id), "reason": reason})

    async def handle_provider_event(self, tenant_id: uuid.UUID, event: dict[str, Any]) -> bool:
        """Card/SEPA provider webhook. Providers retry aggressively, so deliveries repeat."""
        key = f"ar:provider-event:{event['id']}"
        if await self._redis.exists(key):
            return False
        await self.apply(
            tenant_id,
            uuid.UUID(event["metadata"]["invoice_id"]),
            Decimal(event["amount"]),
            provider_payment_id=event["payment_id"],
        )
        await self._redis.set(key, "1", ex=IDEMPOTENCY_TTL_SECONDS)
        return True

    async def handle_bank_notification(self, tenant_id: uuid.UUID, notification: dict[str, Any]) -> bool:
        """Instant-payment notification from the bank; same idempotency contract as providers."""
        key = f"ar:bank-notification:{notification['notification_id']}"
        if not await self._redis.set(key, "1", nx=True, ex=IDEMPOTENCY_TTL_SECONDS):
            return False
        try:
            await self.apply(
                tenant_id,
                uuid.UUID(notification["invoice_id"]),
                Decimal(notification["amount"]),
                bank_reference=notification.get("end_to_end_id"),
            )
        except Exception:
            await self._redis.delete(key)
            raise
        return True
