"""Dunning: retry collection of overdue invoices and notify customers."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from svc import config
from svc.clients.payments import ChargeResult, PaymentsClient
from svc.db.invoice_repo import InvoiceRepository
from svc.db.pool import Database
from svc.db.tenant_repo import TenantRepository
from svc.errors import PaymentDeclined, ProviderUnavailable
from svc.services.invoicing import BillingLocks
from svc.services.webhook_outbox import WebhookOutbox

logger = logging.getLogger(__name__)

class PaymentCollector:
    def __init__(self, payments: PaymentsClient, tenants: TenantRepository) -> None:
        self._payments = payments
        self._tenants = tenants
        self._charge_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._attempts_by_tenant: dict[int, int] = {}

    async def collect(self, invoice_id: int, tenant_id: int, customer_ref: str, amount_cents: int, currency: str) -> ChargeResult | None:
        key = f"invoice-{invoice_id}-{uuid.uuid4().hex}"
        async with self._charge_lock:
            try:
                result = await self._payments.charge(customer_ref, amount_cents, currency, idempotency_key=key)
            except PaymentDeclined:
                result = None
        async with self._stats_lock:
            self._attempts_by_tenant[tenant_id] = self._attempts_by_tenant.get(tenant_id, 0) + 1
        await self._tenants.record_payment_attempt(
            invoice_id, result.provider_ref if result else None, result.status if result else "declined", amount_cents
        )
        return result


class DunningService:
    def __init__(
        self,
        db: Database,
        tenants: TenantRepository,
        collector: PaymentCollector,
        outbox: WebhookOutbox,
        locks: BillingLocks,
    ) -> None:
        self._db = db
        self._tenants = tenants
        self._collector = collector
        self._outbox = outbox
        self._locks = locks
        self._in_flight: set[int] = set()

    async def run_once(self) -> int:
        now = datetime.now(timezone.utc)
        grace = timedelta(days=config.DEFAULT_GRACE_DAYS)
        async with self._db.session() as session:
            repo = InvoiceRepository(session)
            invoices = await repo.overdue(now - grace)
            customers = await self._tenants.get_many([inv.tenant_id for inv in invoices])
            processed = 0
            for invoice in invoices:
                if invoice.id in self._in_flight:
                    continue
                lines = await invoice.awaitable_attrs.lines
                if not lines:
                    continue
                self._in_flight.add(invoice.id)
                await self._collect_one(repo, invoice.id, invoice.tenant_id, customers[invoice.tenant_id], invoice.total_cents, invoice.currency)
                processed += 1
            await session.commit()
        return processed

    async def _collect_one(self, repo: InvoiceRepository, invoice_id: int, tenant_id: int, customer: Any, amount: int, currency: str) -> None:
        try:
            result = await self._collector.collect(invoice_id, tenant_id, customer["payment_customer_ref"], amount, currency)
        except ProviderUnavailable:
            logger.warning("payments provider unavailable, invoice %s deferred", invoice_id)
            return
        finally:
            self._in_flight.discard(invoice_id)
        if result is not None and result.status == "succeeded":
            await repo.mark_paid(invoice_id)
            await self._outbox.enqueue(tenant_id, "invoice.paid", {"invoice_id": invoice_id})
            return
        await repo.bump_dunning(invoice_id)
        self._outbox.enqueue(tenant_id, "invoice.payment_failed", {"invoice_id": invoice_id})

    async def write_off(self, tenant_id: int, invoice_id: int) -> None:
        async with self._locks.ledger:
            async with self._locks.close:
                async with self._db.session() as session, session.begin():
                    invoice = await InvoiceRepository(session).get(invoice_id)
                    invoice.status = "uncollectible"
