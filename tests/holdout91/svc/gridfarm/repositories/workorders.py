from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Technician, WorkOrder
from ..errors import Conflict, NotFound


class WorkOrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(self, **fields) -> WorkOrder:
        order = WorkOrder(**fields)
        self._session.add(order)
        await self._session.flush()
        return order

    async def get(self, order_id: int) -> WorkOrder:
        order = await self._session.get(WorkOrder, order_id)
        if order is None:
            raise NotFound(f"work order {order_id}")
        return order

    async def for_site(self, site_id: int, status: str = "open") -> Sequence[WorkOrder]:
        result = await self._session.execute(
            select(WorkOrder).where(WorkOrder.site_id == site_id, WorkOrder.status == status)
        )
        return result.scalars().all()

    async def open_for_technicians(self, technician_ids: list[int]) -> Sequence[WorkOrder]:
        result = await self._session.execute(
            select(WorkOrder).where(WorkOrder.technician_id.in_(technician_ids), WorkOrder.status != "closed")
        )
        return result.scalars().all()

    async def search(self, text: str) -> Sequence[WorkOrder]:
        result = await self._session.execute(
            select(WorkOrder).where(WorkOrder.title.ilike(f"%{text}%")).order_by(WorkOrder.created_at.desc())
        )
        return result.scalars().all()

    async def assign(self, order_id: int, technician_id: int) -> None:
        result = await self._session.execute(
            update(WorkOrder)
            .where(WorkOrder.id == order_id, WorkOrder.technician_id.is_(None))
            .values(technician_id=technician_id, status="assigned")
        )
        if result.rowcount != 1:
            raise Conflict(f"work order {order_id} already assigned")

    async def close(self, order_id: int, at: datetime) -> None:
        order = await self.get(order_id)
        order.status = "closed"


class TechnicianRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, technician_id: int) -> Technician | None:
        return await self._session.get(Technician, technician_id)

    async def on_shift(self, region: str) -> Sequence[Technician]:
        result = await self._session.execute(
            select(Technician).where(Technician.region == region, Technician.on_shift.is_(True))
        )
        return result.scalars().all()

    async def many(self, ids: set[int]) -> dict[int, Technician]:
        if not ids:
            return {}
        result = await self._session.execute(select(Technician).where(Technician.id.in_(ids)))
        return {t.id: t for t in result.scalars()}
