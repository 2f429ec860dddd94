from __future__ import annotations

import uuid
from typing import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from ..db.models import Plan, Tenant


class TenantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, tenant_id: uuid.UUID) -> Tenant | None:
        return await self._session.get(Tenant, tenant_id)

    async def get_with_plan(self, tenant_id: uuid.UUID) -> Tenant | None:
        stmt = select(Tenant).options(joinedload(Tenant.plan)).where(Tenant.id == tenant_id)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_by_slug(self, slug: str) -> Tenant | None:
        stmt = select(Tenant).where(Tenant.slug == slug)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_billable(self) -> Sequence[Tenant]:
        stmt = select(Tenant).where(Tenant.provider_customer_id.is_not(None)).order_by(Tenant.id)
        return (await self._session.execute(stmt)).scalars().all()

    async def get_many(self, tenant_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Tenant]:
        if not tenant_ids:
            return {}
        stmt = select(Tenant).where(Tenant.id.in_(set(tenant_ids)))
        return {t.id: t for t in (await self._session.execute(stmt)).scalars()}

    async def lock_for_billing(self, tenant_id: uuid.UUID) -> Tenant | None:
        stmt = select(Tenant).where(Tenant.id == tenant_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def spend_credit(self, tenant_id: uuid.UUID, amount: int) -> bool:
        stmt = (
            update(Tenant)
            .where(Tenant.id == tenant_id, Tenant.credit_cents >= amount)
            .values(credit_cents=Tenant.credit_cents - amount)
        )
        result = await self._session.execute(stmt)
        return result.rowcount == 1


class PlanRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, plan_id: str) -> Plan | None:
        return await self._session.get(Plan, plan_id)

    async def all(self) -> Sequence[Plan]:
        return (await self._session.execute(select(Plan).order_by(Plan.id))).scalars().all()
