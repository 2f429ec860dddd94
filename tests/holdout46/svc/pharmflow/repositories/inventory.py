from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import DrugLot


class InventoryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def lots_for(self, pharmacy_id: int, ndc: str, *, not_before: dt.date) -> list[DrugLot]:
        stmt = (
            select(DrugLot)
            .where(
                DrugLot.pharmacy_id == pharmacy_id,
                DrugLot.ndc == ndc,
                DrugLot.expires_on >= not_before,
                DrugLot.quarantined.is_(False),
                DrugLot.quantity_on_hand > 0,
            )
            .order_by(DrugLot.expires_on)
        )
        return list(await self.session.scalars(stmt))

    async def lots_for_update(self, pharmacy_id: int, ndc: str, *, not_before: dt.date) -> list[DrugLot]:
        stmt = (
            select(DrugLot)
            .where(
                DrugLot.pharmacy_id == pharmacy_id,
                DrugLot.ndc == ndc,
                DrugLot.expires_on >= not_before,
                DrugLot.quarantined.is_(False),
            )
            .order_by(DrugLot.expires_on)
            .with_for_update()
        )
        return list(await self.session.scalars(stmt))

    async def expiring_before(self, cutoff: dt.date, limit: int = 1000) -> list[DrugLot]:
        stmt = (
            select(DrugLot)
            .where(DrugLot.expires_on < cutoff, DrugLot.quarantined.is_(False))
            .order_by(DrugLot.expires_on)
            .limit(limit)
        )
        return list(await self.session.scalars(stmt))

    async def by_lot_number(self, lot_number: str) -> list[DrugLot]:
        return list(await self.session.scalars(select(DrugLot).where(DrugLot.lot_number == lot_number)))

    async def all_for_pharmacy(self, pharmacy_id: int) -> list[DrugLot]:
        stmt = select(DrugLot).where(DrugLot.pharmacy_id == pharmacy_id).order_by(DrugLot.ndc, DrugLot.expires_on)
        return list(await self.session.scalars(stmt))
