from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from fieldops.db.models import Part, StockLevel


class InventoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def level_for_update(self, location_id: int, part_id: int) -> StockLevel | None:
        stmt = (
            select(StockLevel)
            .where(StockLevel.location_id == location_id, StockLevel.part_id == part_id)
            .with_for_update()
        )
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def add_quantity(self, location_id: int, part_id: int, delta: int) -> None:
        stmt = insert(StockLevel).values(location_id=location_id, part_id=part_id, quantity=delta)
        stmt = stmt.on_conflict_do_update(
            index_elements=[StockLevel.location_id, StockLevel.part_id],
            set_={"quantity": StockLevel.quantity + delta},
        )
        await self._session.execute(stmt)

    async def levels_at(self, location_id: int) -> list[tuple[StockLevel, Part]]:
        stmt = (
            select(StockLevel, Part)
            .join(Part, Part.id == StockLevel.part_id)
            .where(StockLevel.location_id == location_id)
            .order_by(Part.sku)
        )
        return list((await self._session.execute(stmt)).tuples())

    async def parts_by_skus(self, account_id: int, skus: list[str]) -> dict[str, Part]:
        stmt = select(Part).where(Part.account_id == account_id, Part.sku.in_(skus))
        return {part.sku: part for part in (await self._session.execute(stmt)).scalars()}

    async def part_by_sku(self, account_id: int, sku: str) -> Part | None:
        stmt = select(Part).where(Part.account_id == account_id, Part.sku == sku)
        return (await self._session.execute(stmt)).scalar_one_or_none()
