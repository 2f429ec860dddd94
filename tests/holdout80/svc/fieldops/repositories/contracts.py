from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import MaintenanceContract


class ContractRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def due_by(self, day: date, account_id: int | None = None, limit: int = 500) -> list[MaintenanceContract]:
        stmt = (
            select(MaintenanceContract)
            .where(MaintenanceContract.next_visit_on <= day, MaintenanceContract.active.is_(True))
            .order_by(MaintenanceContract.next_visit_on)
            .limit(limit)
        )
        if account_id is not None:
            stmt = stmt.where(MaintenanceContract.account_id == account_id)
        return list((await self._session.execute(stmt)).scalars())

    async def advance(self, contract_id: int, next_visit_on: date) -> None:
        await self._session.execute(
            update(MaintenanceContract)
            .where(MaintenanceContract.id == contract_id)
            .values(next_visit_on=next_visit_on)
        )
