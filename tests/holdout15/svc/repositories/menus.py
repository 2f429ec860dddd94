"""Menu reads and writes through the ORM."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import MenuItem, MenuSection, Restaurant


class MenuRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def restaurant_with_menu(self, restaurant_id: int) -> Restaurant | None:
        stmt = (
            select(Restaurant)
            .where(Restaurant.id == restaurant_id)
            .options(selectinload(Restaurant.sections).selectinload(MenuSection.items))
        )
        return await self._session.scalar(stmt)

    async def sections(self, restaurant_id: int) -> Sequence[MenuSection]:
        stmt = select(MenuSection).where(MenuSection.restaurant_id == restaurant_id).order_by(MenuSection.position)
        return (await self._session.scalars(stmt)).all()

    async def items_in_section(self, section_id: int) -> Sequence[MenuItem]:
        return (await self._session.scalars(select(MenuItem).where(MenuItem.section_id == section_id))).all()

    async def items_by_ids(self, item_ids: Sequence[int]) -> dict[int, MenuItem]:
        rows = await self._session.scalars(select(MenuItem).where(MenuItem.id.in_(item_ids)))
        return {item.id: item for item in rows}

    async def by_external_sku(self, sku: str) -> MenuItem | None:
        return await self._session.scalar(select(MenuItem).where(MenuItem.external_sku == sku))

    async def set_availability(self, item: MenuItem, available: bool) -> None:
        item.is_available = available
        await self._session.commit()
