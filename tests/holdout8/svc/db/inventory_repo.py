"""Inventory persistence (SQLAlchemy 2.0 async ORM)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import HTTPException
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import InventoryItem, ItemDefinition
from svc.errors import ConflictError, NotFoundError


class BaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, entity: object) -> None:
        self._session.add(entity)

    async def flush(self) -> None:
        await self._session.flush()


class InventoryRepository(BaseRepository):
    async def list_items(self, player_id: int) -> Sequence[InventoryItem]:
        stmt = (
            select(InventoryItem)
            .where(InventoryItem.player_id == player_id)
            .options(selectinload(InventoryItem.definition))
            .order_by(InventoryItem.acquired_at.desc())
        )
        return (await self._session.scalars(stmt)).all()

    async def item_names(self, player_id: int) -> dict[str, str]:
        items = (await self._session.scalars(select(InventoryItem).where(InventoryItem.player_id == player_id))).all()
        names: dict[str, str] = {}
        for item in items:
            definition = await self._session.get(ItemDefinition, item.definition_id)
            names[item.definition_id] = definition.name if definition else item.definition_id
        return names

    async def definitions_for_slot(self, slot: str) -> list[ItemDefinition]:
        stmt = select(ItemDefinition).where(ItemDefinition.slot == slot).order_by(ItemDefinition.name)
        return list((await self._session.scalars(stmt)).all())

    async def get_item(self, player_id: int, definition_id: str) -> InventoryItem:
        item = await self._session.scalar(
            select(InventoryItem)
            .where(InventoryItem.player_id == player_id, InventoryItem.definition_id == definition_id)
            .options(selectinload(InventoryItem.definition))
        )
        if item is None:
            raise HTTPException(status_code=404, detail="item not owned")
        return item

    async def find_item(self, player_id: int, definition_id: str) -> InventoryItem | None:
        return await self._session.scalar(
            select(InventoryItem).where(
                InventoryItem.player_id == player_id, InventoryItem.definition_id == definition_id
            )
        )

    async def grant(self, player_id: int, definition_id: str, quantity: int = 1) -> None:
        stmt = insert(InventoryItem).values(player_id=player_id, definition_id=definition_id, quantity=quantity)
        stmt = stmt.on_conflict_do_update(
            constraint="uq_inventory_player_definition",
            set_={"quantity": InventoryItem.quantity + stmt.excluded.quantity},
        )
        await self._session.execute(stmt)

    async def consume(self, player_id: int, definition_id: str, quantity: int) -> int:
        remaining = await self._session.scalar(
            update(InventoryItem)
            .where(
                InventoryItem.player_id == player_id,
                InventoryItem.definition_id == definition_id,
                InventoryItem.quantity >= quantity,
            )
            .values(quantity=InventoryItem.quantity - quantity)
            .returning(InventoryItem.quantity)
        )
        if remaining is None:
            raise ConflictError("not enough items", details={"definition_id": definition_id})
        return remaining

    async def salvage(self, player_id: int, definition_id: str, quantity: int) -> int:
        item = await self.find_item(player_id, definition_id)
        if item is None:
            raise NotFoundError("item not owned", details={"definition_id": definition_id})
        if item.quantity < quantity:
            raise ConflictError("not enough items to salvage")
        item.quantity -= quantity
        await self._session.flush()
        return item.quantity

    async def set_equipped(self, player_id: int, definition_id: str, slot: str) -> None:
        await self._session.execute(
            update(InventoryItem)
            .where(
                InventoryItem.player_id == player_id,
                InventoryItem.definition_id.in_(select(ItemDefinition.id).where(ItemDefinition.slot == slot)),
            )
            .values(equipped=InventoryItem.definition_id == definition_id)
        )
