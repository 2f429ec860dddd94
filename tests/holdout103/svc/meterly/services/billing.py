from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.fx import FxClient
from ..clients.payments import PaymentsClient
from ..clients.tax_sdk import VatChecker
from ..core.errors import PaymentError
from ..db.models import Plan, Tenant
from ..repositories.invoices import InvoiceRepository
from ..repositories.tenants import PlanRepository, TenantRepository
from .aggregation import UsageAggregator, convert_lines

logger = logging.getLogger(__name__)


@dataclass
class CycleResult:
    invoiced: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)


class BillingService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], payments: PaymentsClient, fx: FxClient,
                 vat: VatChecker, currency: str) -> None:
        self._sessions = sessions
        self._payments = payments
        self._fx = fx
        self._vat = vat
        self._currency = currency
        self._aggregator = UsageAggregator()

    async def run_invoice_cycle(self, start: datetime, end: datetime) -> CycleResult:
        result = CycleResult()
        rates = await self._fx.rates("USD") if self._currency != "USD" else {"USD": 1.0}
        async with self._sessions() as session:
            tenants = await TenantRepository(session).list_billable()
            plans = PlanRepository(session)
            for tenant in tenants:
                plan = await plans.get(tenant.plan_id)
                if plan is None:
                    result.skipped += 1
                    continue
                try:
                    await self._invoice_tenant(session, tenant, plan, start, end, rates[self._currency])
                    await session.commit()
                    result.invoiced += 1
                except PaymentError:
                    await session.rollback()
                    result.failed.append(str(tenant.id))
        logger.info("invoice cycle %s: %d invoiced, %d skipped, %d failed",
                    start.date(), result.invoiced, result.skipped, len(result.failed))
        return result

    async def _invoice_tenant(self, session: AsyncSession, tenant: Tenant, plan: Plan, start: datetime,
                              end: datetime, rate: float) -> None:
        invoices = InvoiceRepository(session)
        existing = await invoices.for_period(tenant.id, start)
        if existing is not None and existing.status != "draft":
            return
        lines = convert_lines(
            await self._aggregator.lines_for(session, tenant.id, plan, start, end, tenant.created_at), rate
        )
        subtotal = sum(line.amount_cents for line in lines)
        applied = min(tenant.credit_cents, subtotal)
        tenant.credit_cents -= applied
        reverse_charge = self._vat.reverse_charge_applies(tenant.vat_id)
        provider_lines = [line.as_provider_line(self._currency) for line in lines]
        if applied:
            provider_lines.append({"description": "Account credit", "quantity": 1, "unit_amount": -applied,
                                   "currency": self._currency.lower()})
        created = await self._payments.create_invoice(tenant.provider_customer_id, provider_lines, currency=self._currency)
        if existing is None:
            await invoices.create_draft(tenant.id, start, end, self._currency)
            existing = await invoices.for_period(tenant.id, start)
        assert existing is not None
        existing.subtotal_cents = subtotal
        existing.credit_applied_cents = applied
        existing.total_cents = subtotal - applied
        existing.lines = {"lines": provider_lines, "reverse_charge": reverse_charge}
        await invoices.mark(existing.id, "open", created["id"])

    async def finalize(self, session: AsyncSession, invoice_id: uuid.UUID, tenant_id: uuid.UUID) -> str:
        invoice = await InvoiceRepository(session).get(invoice_id, tenant_id)
        if invoice is None or invoice.provider_invoice_id is None:
            raise PaymentError("invoice has not been sent to the provider")
        result = await self._payments.finalize_invoice(invoice.provider_invoice_id)
        await InvoiceRepository(session).mark(invoice.id, result.get("status", "open"))
        await session.commit()
        return result.get("hosted_invoice_url", "")
