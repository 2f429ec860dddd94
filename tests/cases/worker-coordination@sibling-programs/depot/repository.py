from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from depot.models import Lease


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

    async def flag_overdue(self, now: datetime) -> int:
        result = await self._session.execute(
            update(Lease).where(Lease.ends_at < now, Lease.auto_extend.is_(False)).values(auto_extend=True))
        await self._session.commit()
        return result.rowcount

    async def count_ending(self, horizon: datetime) -> int:
        stmt = select(func.count()).select_from(Lease).where(Lease.ends_at <= horizon)
        return (await self._session.execute(stmt)).scalar_one()
