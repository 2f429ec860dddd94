from __future__ import annotations

import uuid
from datetime import datetime, timezone

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.models import SenderDomain, Tenant


async def by_key_hash(session: AsyncSession, key_hash: str) -> Tenant | None:
    return (await session.execute(select(Tenant).where(Tenant.api_key_hash == key_hash))).scalar_one_or_none()


async def get(session: AsyncSession, tenant_id: uuid.UUID) -> Tenant | None:
    return await session.get(Tenant, tenant_id)


async def all_ids(session: AsyncSession) -> list[uuid.UUID]:
    return list((await session.execute(select(Tenant.id))).scalars())


class DomainRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def list(self, tenant_id: uuid.UUID):
        res = await self.session.execute(select(SenderDomain).where(SenderDomain.tenant_id == tenant_id))
        return res.scalars().all()

    async def get(self, tenant_id: uuid.UUID, domain_id: int):
        res = await self.session.execute(
            select(SenderDomain).where(SenderDomain.id == domain_id, SenderDomain.tenant_id == tenant_id)
        )
        return res.scalar_one_or_none()

    async def create(self, tenant_id, domain, selector, private_pem, public_pem) -> SenderDomain:
        row = SenderDomain(
            tenant_id=tenant_id,
            domain=domain.lower(),
            dkim_selector=selector,
            dkim_private_key=private_pem,
            dkim_public_key=public_pem,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def mark_verified(self, row: SenderDomain) -> None:
        row.verified = True
        row.verified_at = datetime.now(timezone.utc)
        await self.session.flush()
