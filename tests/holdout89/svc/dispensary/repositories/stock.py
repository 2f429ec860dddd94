from __future__ import annotations

from datetime import date

from sqlalchemy import func, select, update

from dispensary.db.models import ReorderRequest, StockLot
from dispensary.repositories.base import BaseRepository


class StockRepository(BaseRepository[StockLot]):
    model = StockLot

    async def lots_for(self, branch_id: int, drug_code: str) -> list[StockLot]:
        result = await self.session.execute(
            select(StockLot)
            .where(
                StockLot.branch_id == branch_id,
                StockLot.drug_code == drug_code,
                StockLot.quarantined.is_(False),
                StockLot.quantity > 0,
            )
            .order_by(StockLot.expiry_date)
        )
        return list(result.scalars())

    async def available_quantity(self, branch_id: int, drug_code: str) -> int:
        result = await self.session.execute(
            select(func.coalesce(func.sum(StockLot.quantity), 0)).where(
                StockLot.branch_id == branch_id,
                StockLot.drug_code == drug_code,
                StockLot.quarantined.is_(False),
            )
        )
        return int(result.scalar_one())

    async def decrement_lot(self, lot_id: int, quantity: int) -> bool:
        result = await self.session.execute(
            update(StockLot)
            .where(StockLot.id == lot_id, StockLot.quantity >= quantity)
            .values(quantity=StockLot.quantity - quantity)
            .returning(StockLot.id)
        )
        return result.scalar_one_or_none() is not None

    async def increment_lot(self, lot_id: int, quantity: int) -> None:
        await self.session.execute(
            update(StockLot).where(StockLot.id == lot_id).values(quantity=StockLot.quantity + quantity)
        )

    async def expiring_before(self, cutoff: date) -> list[StockLot]:
        result = await self.session.execute(
            select(StockLot).where(StockLot.expiry_date < cutoff, StockLot.quarantined.is_(False))
        )
        return list(result.scalars())

    async def by_lot_numbers(self, lot_nos: list[str]) -> list[StockLot]:
        if not lot_nos:
            return []
        result = await self.session.execute(
            select(StockLot).where(StockLot.lot_no.in_(lot_nos), StockLot.quarantined.is_(False))
        )
        return list(result.scalars())

    async def quarantine(self, lot_ids: list[int]) -> None:
        if lot_ids:
            await self.session.execute(
                update(StockLot).where(StockLot.id.in_(lot_ids)).values(quarantined=True)
            )

    async def below_reorder_point(self) -> list[tuple[int, str, int, int]]:
        result = await self.session.execute(
            select(
                StockLot.branch_id,
                StockLot.drug_code,
                func.sum(StockLot.quantity),
                func.max(StockLot.reorder_point),
            )
            .where(StockLot.quarantined.is_(False))
            .group_by(StockLot.branch_id, StockLot.drug_code)
            .having(func.sum(StockLot.quantity) < func.max(StockLot.reorder_point))
        )
        return [tuple(row) for row in result]

    async def add_reorder_request(self, branch_id: int, drug_code: str, quantity: int) -> ReorderRequest:
        request = ReorderRequest(branch_id=branch_id, drug_code=drug_code, quantity=quantity)
        self.session.add(request)
        await self.session.flush()
        return request
