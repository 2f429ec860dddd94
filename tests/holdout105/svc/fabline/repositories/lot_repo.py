"""Lot persistence (SQLAlchemy AsyncSession)."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.lot import Lot


class LotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, lot_id: int) -> Lot | None:
        return await self.session.get(Lot, lot_id)

    async def get_for_update(self, lot_id: int) -> Lot | None:
        stmt = select(Lot).where(Lot.id == lot_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, lot_ids: Sequence[int]) -> list[Lot]:
        if not lot_ids:
            return []
        stmt = select(Lot).where(Lot.id.in_(lot_ids))
        return list((await self.session.scalars(stmt)).all())

    async def list_active(self, limit: int = 200, offset: int = 0) -> list[Lot]:
        stmt = (
            select(Lot)
            .where(Lot.status == "ACTIVE")
            .order_by(Lot.priority, Lot.due_at)
            .limit(limit)
            .offset(offset)
        )
        return list((await self.session.scalars(stmt)).all())

    async def list_waiting_for_tool_type(self, route_ids: Sequence[int]) -> list[Lot]:
        stmt = select(Lot).where(Lot.status == "ACTIVE", Lot.route_id.in_(route_ids))
        return list((await self.session.scalars(stmt)).all())

    async def find_by_number(self, lot_number: str) -> Lot | None:
        stmt = select(Lot).where(func.lower(Lot.lot_number) == lot_number.lower())
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def find_by_carrier(self, carrier_id: str) -> list[Lot]:
        stmt = select(Lot).where(Lot.carrier_id == carrier_id)
        return list((await self.session.scalars(stmt)).all())

    async def search_by_product(self, product: str, limit: int = 100) -> list[Lot]:
        stmt = (
            select(Lot)
            .where(func.lower(Lot.product) == product.lower())
            .order_by(Lot.due_at)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def count_by_status(self) -> dict[str, int]:
        stmt = select(Lot.status, func.count()).group_by(Lot.status)
        return {status: n for status, n in (await self.session.execute(stmt)).all()}

    async def advance_step(self, lot_id: int, expected_index: int) -> bool:
        """Compare-and-set the step index; False when someone else moved the lot."""
        stmt = (
            update(Lot)
            .where(Lot.id == lot_id, Lot.step_index == expected_index)
            .values(step_index=Lot.step_index + 1)
        )
        result = await self.session.execute(stmt)
        return result.rowcount == 1

    async def set_status(self, lot_id: int, status: str) -> None:
        await self.session.execute(update(Lot).where(Lot.id == lot_id).values(status=status))
