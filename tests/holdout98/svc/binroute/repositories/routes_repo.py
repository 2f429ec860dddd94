from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import selectinload

from ..db.models import CollectionRoute, RouteStop
from .base import BaseRepository


class RouteRepository(BaseRepository[CollectionRoute]):
    model = CollectionRoute

    async def for_depot_day(self, depot_id: str, service_date: date) -> Sequence[CollectionRoute]:
        stmt = (
            select(CollectionRoute)
            .where(CollectionRoute.depot_id == depot_id, CollectionRoute.service_date == service_date)
            .options(selectinload(CollectionRoute.stops))
            .order_by(CollectionRoute.truck_id)
        )
        return (await self.session.scalars(stmt)).all()

    async def for_truck_day(self, truck_id: str, service_date: date) -> CollectionRoute | None:
        stmt = (
            select(CollectionRoute)
            .where(CollectionRoute.truck_id == truck_id, CollectionRoute.service_date == service_date)
            .options(selectinload(CollectionRoute.stops))
        )
        return await self.session.scalar(stmt)

    async def upsert_route(self, depot_id: str, truck_id: str, service_date: date, route_hash: str) -> int:
        stmt = (
            insert(CollectionRoute)
            .values(depot_id=depot_id, truck_id=truck_id, service_date=service_date, route_hash=route_hash)
            .on_conflict_do_update(constraint="uq_route_truck_day", set_={"route_hash": route_hash, "status": "planned"})
            .returning(CollectionRoute.id)
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def replace_stops(self, route_id: int, bin_ids: list[str]) -> None:
        await self.session.execute(RouteStop.__table__.delete().where(RouteStop.route_id == route_id))
        self.session.add_all(RouteStop(route_id=route_id, bin_id=b, seq=i) for i, b in enumerate(bin_ids))
        await self.session.flush()

    async def mark_lifted(self, route_id: int, bin_id: str, when) -> int:
        result = await self.session.execute(
            update(RouteStop)
            .where(RouteStop.route_id == route_id, RouteStop.bin_id == bin_id, RouteStop.lifted_at.is_(None))
            .values(lifted_at=when)
        )
        return result.rowcount
