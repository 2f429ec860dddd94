from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Delivery


class DeliveryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_tracking_code(self, code: str) -> Delivery | None:
        return await self.session.scalar(select(Delivery).where(Delivery.tracking_code == code))

    async def by_courier_job(self, job_id: str) -> Delivery | None:
        return await self.session.scalar(select(Delivery).where(Delivery.courier_job_id == job_id))

    async def in_flight(self, limit: int = 200) -> list[Delivery]:
        stmt = select(Delivery).where(Delivery.status.in_(("assigned", "picked_up", "en_route"))).limit(limit)
        return list(await self.session.scalars(stmt))

    async def add(self, delivery: Delivery) -> Delivery:
        self.session.add(delivery)
        await self.session.flush()
        return delivery
