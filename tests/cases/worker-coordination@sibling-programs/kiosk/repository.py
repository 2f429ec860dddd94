from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from kiosk.models import Lease


class LeaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ending_before(self, horizon: datetime) -> list[Lease]:
        stmt = select(Lease).where(Lease.ends_at <= horizon, Lease.auto_extend.is_(True))
        return list((await self._session.execute(stmt)).scalars())

    async def purge_ended(self, before: datetime) -> int:
        result = await self._session.execute(delete(Lease).where(Lease.ends_at < before))
        await self._session.commit()
        return result.rowcount
