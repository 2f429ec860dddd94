from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import Technician


class TechnicianRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, technician_id: int) -> Technician | None:
        return await self._session.get(Technician, technician_id)

    async def active_for_account(self, account_id: int) -> list[Technician]:
        # Served by the (account_id, employee_code) unique index.
        stmt = select(Technician).where(Technician.account_id == account_id, Technician.active.is_(True))
        return list((await self._session.execute(stmt)).scalars())

    async def by_code(self, account_id: int, code: str) -> Technician | None:
        stmt = select(Technician).where(Technician.account_id == account_id, Technician.employee_code == code)
        return (await self._session.execute(stmt)).scalar_one_or_none()
