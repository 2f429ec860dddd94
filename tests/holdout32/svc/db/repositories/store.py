"""Store catalogue, purchases and inventory."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import datetime

from fastapi import HTTPException
from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert

from svc.db.models import InventoryItem, Purchase, StoreItem
from svc.db.repositories.base import BaseRepository


class StoreRepository(BaseRepository[StoreItem]):
    model = StoreItem

    async def get_item(self, sku: str) -> StoreItem:
        item = await self.session.get(StoreItem, sku)
        if item is None or not item.active:
            raise HTTPException(status_code=404, detail=f"unknown sku {sku}")
        return item

    async def active_items(self) -> list[StoreItem]:
        stmt = select(StoreItem).where(StoreItem.active.is_(True)).order_by(StoreItem.sku)
        return list(await self.session.scalars(stmt))

    async def get_purchase_by_key(self, idempotency_key: str) -> Purchase | None:
        stmt = select(Purchase).where(Purchase.idempotency_key == idempotency_key)
        return await self.session.scalar(stmt)

    async def create_purchase(
        self,
        *,
        player_id: int,
        item: StoreItem,
        quantity: int,
        idempotency_key: str,
    ) -> Purchase | None:
        """Insert a pending purchase; returns None when the idempotency key already exists."""
        stmt = (
            insert(Purchase)
            .values(
                id=uuid.uuid4(),
                player_id=player_id,
                sku=item.sku,
                quantity=quantity,
                amount_cents=item.price_cents * quantity,
                currency=item.currency,
                status="pending",
                idempotency_key=idempotency_key,
            )
            .on_conflict_do_nothing(index_elements=[Purchase.idempotency_key])
            .returning(Purchase)
        )
        return await self.session.scalar(stmt)

    async def by_provider_ref(self, provider_ref: str) -> Purchase | None:
        stmt = select(Purchase).where(Purchase.provider_ref == provider_ref)
        return await self.session.scalar(stmt)

    async def pending_older_than(self, cutoff: datetime, limit: int = 100) -> list[Purchase]:
        stmt = (
            select(Purchase)
            .where(Purchase.status == "pending", Purchase.created_at < cutoff).order_by(Purchase.created_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list(await self.session.scalars(stmt))

    async def sales_count(self, sku: str, since: datetime) -> int:
        stmt = select(func.count()).select_from(Purchase).where(
            Purchase.sku == sku, Purchase.created_at >= since
        )
        return int(await self.session.scalar(stmt) or 0)

    async def lock_inventory(self, player_id: int, sku: str) -> InventoryItem | None:
        stmt = (
            select(InventoryItem)
            .where(InventoryItem.player_id == player_id, InventoryItem.sku == sku)
            .with_for_update()
        )
        return await self.session.scalar(stmt)

    async def inventory_for(self, player_id: int) -> list[InventoryItem]:
        stmt = select(InventoryItem).where(InventoryItem.player_id == player_id)
        return list(await self.session.scalars(stmt))

    async def add_inventory(self, player_id: int, sku: str, quantity: int) -> None:
        await self.add_inventory_many([(player_id, sku, quantity)])

    async def add_inventory_many(self, grants: Sequence[tuple[int, str, int]]) -> None:
        if not grants:
            return
        stmt = insert(InventoryItem).values(
            [{"player_id": p, "sku": s, "quantity": q} for p, s, q in grants]
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[InventoryItem.player_id, InventoryItem.sku],
            set_={"quantity": InventoryItem.quantity + stmt.excluded.quantity, "updated_at": func.now()},
        )
        await self.session.execute(stmt)

    async def stream_all_purchases(self) -> AsyncIterator[dict]:
        result = await self.session.stream(text("SELECT * FROM purchases ORDER BY created_at"))
        async for row in result.mappings():
            yield dict(row)
