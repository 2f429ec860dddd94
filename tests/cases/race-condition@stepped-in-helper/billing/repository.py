from typing import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from billing.models import Tenant


class TenantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def list_billable(self) -> Sequence[Tenant]:
        stmt = select(Tenant).where(Tenant.provider_customer_id.is_not(None)).order_by(Tenant.id)
        return (await self._session.execute(stmt)).scalars().all()

    async def lock_billable(self) -> Sequence[Tenant]:
        stmt = select(Tenant).where(Tenant.provider_customer_id.is_not(None)).order_by(Tenant.id).with_for_update()
        return (await self._session.execute(stmt)).scalars().all()
