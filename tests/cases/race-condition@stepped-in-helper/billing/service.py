from datetime import datetime, timezone

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from billing.models import Tenant
from billing.repository import TenantRepository


class BillingService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], payments: httpx.AsyncClient) -> None:
        self._sessions = sessions
        self._payments = payments

    async def run_cycle(self, subtotal_cents: int) -> int:
        async with self._sessions() as session:
            tenants = await TenantRepository(session).list_billable()
            for tenant in tenants:
                await self._invoice(tenant, subtotal_cents)
                await session.commit()
        return len(tenants)

    async def _invoice(self, tenant: Tenant, subtotal_cents: int) -> None:
        applied = min(tenant.credit_cents, subtotal_cents)
        tenant.credit_cents -= applied  # expect: race-condition
        await self._payments.post("/invoices", json={"customer": tenant.provider_customer_id,
                                                     "amount": subtotal_cents - applied})

    async def run_locked_cycle(self, subtotal_cents: int) -> int:
        # correct: the rows are locked until the commit, so no top-up lands in between
        async with self._sessions() as session:
            tenants = await TenantRepository(session).lock_billable()
            for tenant in tenants:
                await self._invoice_locked(tenant, subtotal_cents)
            await session.commit()
        return len(tenants)

    async def _invoice_locked(self, tenant: Tenant, subtotal_cents: int) -> None:
        applied = min(tenant.credit_cents, subtotal_cents)
        tenant.credit_cents -= applied
        await self._payments.post("/invoices", json={"customer": tenant.provider_customer_id,
                                                     "amount": subtotal_cents - applied})

    async def stamp_cycle(self) -> int:
        # correct: the helper sets a timestamp; it computes nothing from what was read
        async with self._sessions() as session:
            tenants = await TenantRepository(session).list_billable()
            for tenant in tenants:
                await self._stamp(tenant)
            await session.commit()
        return len(tenants)

    async def _stamp(self, tenant: Tenant) -> None:
        tenant.last_invoiced_at = datetime.now(timezone.utc)
        await self._payments.post("/customers/touch", json={"customer": tenant.provider_customer_id})
