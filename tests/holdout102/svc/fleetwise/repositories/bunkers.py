from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from fleetwise.db.models import BunkerOrder, SupplierQuote
from fleetwise.repositories.base import BaseRepository


class BunkerRepository(BaseRepository[BunkerOrder]):
    model = BunkerOrder

    async def lock_order(self, order_id: int) -> BunkerOrder | None:
        result = await self.session.execute(
            select(BunkerOrder).where(BunkerOrder.id == order_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def quotes(self, order_id: int) -> list[SupplierQuote]:
        result = await self.session.execute(
            select(SupplierQuote).where(SupplierQuote.order_id == order_id).order_by(SupplierQuote.price_usd_t)
        )
        return list(result.scalars())

    async def save_quote(self, order_id: int, supplier_id: int, price: Decimal, valid_until: datetime) -> None:
        stmt = insert(SupplierQuote).values(
            order_id=order_id, supplier_id=supplier_id, price_usd_t=price, valid_until=valid_until
        )
        stmt = stmt.on_conflict_do_update(
            constraint="uq_quote_order_supplier",
            set_={"price_usd_t": stmt.excluded.price_usd_t, "valid_until": stmt.excluded.valid_until},
        )
        await self.session.execute(stmt)

    async def set_status(self, order_id: int, status: str, **fields) -> None:
        await self.session.execute(
            update(BunkerOrder).where(BunkerOrder.id == order_id).values(status=status, **fields)
        )

    async def open_for_vessel(self, vessel_id: int) -> list[BunkerOrder]:
        result = await self.session.execute(
            select(BunkerOrder).where(BunkerOrder.vessel_id == vessel_id, BunkerOrder.status != "delivered")
        )
        return list(result.scalars())
