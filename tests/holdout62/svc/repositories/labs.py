"""Lab orders and results."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LabOrder, LabResult


class LabRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create_order(self, order: LabOrder) -> LabOrder:
        self.session.add(order)
        await self.session.flush()
        return order

    async def pending_orders(self, older_than: timedelta, limit: int = 200) -> list[LabOrder]:
        cutoff = datetime.now(timezone.utc) - older_than
        stmt = (
            select(LabOrder)
            .where(LabOrder.status == "pending", LabOrder.ordered_at < cutoff)
            .order_by(LabOrder.ordered_at)
            .limit(limit)
        )
        return list((await self.session.scalars(stmt)).all())

    async def by_external_ref(self, ref: str) -> LabOrder | None:
        return await self.session.scalar(select(LabOrder).where(LabOrder.external_ref == ref))

    async def orders_by_refs(self, refs: list[str]) -> dict[str, LabOrder]:
        stmt = select(LabOrder).where(LabOrder.external_ref.in_(refs))
        return {o.external_ref: o for o in (await self.session.scalars(stmt)).all()}

    async def results_for_order(self, order_id: int) -> list[LabResult]:
        stmt = select(LabResult).where(LabResult.lab_order_id == order_id).order_by(LabResult.analyte)
        return list((await self.session.scalars(stmt)).all())

    async def store_results(self, order_id: int, rows: list[dict]) -> None:
        if rows:
            await self.session.execute(insert(LabResult), [{**r, "lab_order_id": order_id} for r in rows])
        await self.session.execute(update(LabOrder).where(LabOrder.id == order_id).values(status="complete"))

    async def orders_for_pet(self, pet_id: int) -> list[LabOrder]:
        stmt = select(LabOrder).where(LabOrder.pet_id == pet_id).order_by(LabOrder.ordered_at.desc())
        return list((await self.session.scalars(stmt)).all())
