from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from arenaplay.db.models import InventoryItem, Purchase, StoreItem
from arenaplay.repositories.base import OrmRepository


class StoreRepository(OrmRepository[StoreItem]):
    model = StoreItem

    async def list_active(self) -> list[StoreItem]:
        return list((await self.session.execute(select(StoreItem).where(StoreItem.active.is_(True)))).scalars())

    async def by_category(self, category: str) -> list[StoreItem]:
        stmt = select(StoreItem).where(StoreItem.category == category, StoreItem.active.is_(True))
        return list((await self.session.execute(stmt)).scalars())

    async def get_item(self, item_id: str) -> StoreItem | None:
        return await self.session.get(StoreItem, item_id)

    async def set_price(self, item_id: str, price: int) -> None:
        await self.session.execute(update(StoreItem).where(StoreItem.id == item_id).values(price=price))
        await self.session.commit()

    async def grant(self, player_id: int, item_id: str, quantity: int, price: int, idempotency_key: str) -> bool:
        purchase = insert(Purchase).values(player_id=player_id, item_id=item_id, quantity=quantity, price=price,
                                           idempotency_key=idempotency_key)
        purchase = purchase.on_conflict_do_nothing(index_elements=[Purchase.idempotency_key]).returning(Purchase.id)
        created = (await self.session.execute(purchase)).scalar_one_or_none()
        if created is None:
            await self.session.rollback()
            return False
        inv = insert(InventoryItem).values(player_id=player_id, item_id=item_id, quantity=quantity)
        inv = inv.on_conflict_do_update(
            index_elements=[InventoryItem.player_id, InventoryItem.item_id],
            set_={"quantity": InventoryItem.quantity + quantity},
        )
        await self.session.execute(inv)
        await self.session.commit()
        return True

    async def inventory(self, player_id: int) -> list[InventoryItem]:
        stmt = select(InventoryItem).where(InventoryItem.player_id == player_id, InventoryItem.quantity > 0)
        return list((await self.session.execute(stmt)).scalars())

    async def purchases_for(self, player_id: int, limit: int = 50) -> list[Purchase]:
        stmt = select(Purchase).where(Purchase.player_id == player_id).order_by(Purchase.id.desc()).limit(limit)
        return list((await self.session.execute(stmt)).scalars())
