from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import RentalContract, RentalItem, RentalLine


class RentalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def items(self, ids: list[int]) -> dict[int, RentalItem]:
        rows = await self._session.scalars(select(RentalItem).where(RentalItem.id.in_(ids)))
        return {item.id: item for item in rows}

    async def all_items(self) -> Sequence[RentalItem]:
        return (await self._session.scalars(select(RentalItem).order_by(RentalItem.kind, RentalItem.size))).all()

    async def contract(self, contract_id: int) -> RentalContract | None:
        return await self._session.get(RentalContract, contract_id)

    async def lines_for(self, contract_id: int) -> Sequence[RentalLine]:
        return (
            await self._session.scalars(select(RentalLine).where(RentalLine.contract_id == contract_id))
        ).all()

    async def open_lines(self) -> Sequence[RentalLine]:
        stmt = (
            select(RentalLine)
            .join(RentalContract, RentalContract.id == RentalLine.contract_id)
            .where(RentalContract.returned_at.is_(None))
        )
        return (await self._session.scalars(stmt)).all()

    async def restock(self, item_id: int, quantity: int) -> None:
        await self._session.execute(
            update(RentalItem)
            .where(RentalItem.id == item_id)
            .values(quantity_available=RentalItem.quantity_available + quantity)
        )

    async def overdue(self, now: datetime, limit: int = 500) -> Sequence[RentalContract]:
        stmt = (
            select(RentalContract)
            .where(RentalContract.status == "out", RentalContract.due_at < now)
            .order_by(RentalContract.due_at)
            .limit(limit)
        )
        return (await self._session.scalars(stmt)).all()
