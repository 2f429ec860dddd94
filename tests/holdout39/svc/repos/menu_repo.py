from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import MenuItem


class MenuRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def items_for(self, restaurant_id: int, include_unavailable: bool = False) -> Sequence[MenuItem]:
        stmt = select(MenuItem).where(MenuItem.restaurant_id == restaurant_id)
        if not include_unavailable:
            stmt = stmt.where(MenuItem.is_available.is_(True))
        return (await self.session.scalars(stmt.order_by(MenuItem.name))).all()

    async def get_item(self, item_id: int) -> MenuItem | None:
        return await self.session.get(MenuItem, item_id)

    async def get_items(self, item_ids: list[int]) -> dict[int, MenuItem]:
        rows = await self.session.scalars(select(MenuItem).where(MenuItem.id.in_(item_ids)))
        return {row.id: row for row in rows}

    async def count_available(self, restaurant_id: int) -> int:
        stmt = select(func.count()).where(MenuItem.restaurant_id == restaurant_id, MenuItem.is_available.is_(True))
        return int(await self.session.scalar(stmt) or 0)

    async def set_availability(self, restaurant_id: int, sku_flags: dict[str, bool]) -> int:
        changed = 0
        for available in (True, False):
            skus = [sku for sku, flag in sku_flags.items() if flag is available]
            if not skus:
                continue
            result = await self.session.execute(
                update(MenuItem)
                .where(MenuItem.restaurant_id == restaurant_id, MenuItem.sku.in_(skus))
                .values(is_available=available)
            )
            changed += result.rowcount or 0
        await self.session.commit()
        return changed

    async def upsert_items(self, restaurant_id: int, items: list[dict]) -> None:
        for item in items:
            self.session.add(MenuItem(restaurant_id=restaurant_id, **item))
        await self.session.commit()
