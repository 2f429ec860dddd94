from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.db.models import Courier, Order, Site


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, order_id: int) -> Order | None:
        return await self._session.get(Order, order_id)

    async def add(self, order: Order) -> Order:
        self._session.add(order)
        await self._session.flush()
        return order

    async def for_hospital(self, hospital_id: int, since: datetime, limit: int = 100) -> list[Order]:
        stmt = (
            select(Order)
            .where(Order.hospital_id == hospital_id, Order.created_at >= since)
            .order_by(Order.created_at.desc())
            .limit(limit)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def set_status(self, order_id: int, status: str, lab_reference: str | None = None) -> None:
        values: dict[str, object] = {"status": status}
        if lab_reference is not None:
            values["lab_reference"] = lab_reference
        await self._session.execute(update(Order).where(Order.id == order_id).values(**values))


class SiteRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, site_id: int) -> Site | None:
        return await self._session.get(Site, site_id)

    async def list_kind(self, kind: str) -> list[Site]:
        stmt = select(Site).where(Site.kind == kind).order_by(Site.id)
        return list((await self._session.execute(stmt)).scalars())

    async def get_many(self, site_ids: list[int]) -> dict[int, Site]:
        stmt = select(Site).where(Site.id.in_(site_ids))
        return {s.id: s for s in (await self._session.execute(stmt)).scalars()}


class CourierRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, courier_id: int) -> Courier | None:
        return await self._session.get(Courier, courier_id)

    async def active(self) -> list[Courier]:
        stmt = select(Courier).where(Courier.active.is_(True)).order_by(Courier.id)
        return list((await self._session.execute(stmt)).scalars())
