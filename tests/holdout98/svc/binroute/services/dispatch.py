from __future__ import annotations

import logging
from datetime import date

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..cache.locks import RouteLocks
from ..cache.route_cache import RouteCache
from ..db.models import RouteStop
from ..errors import Conflict, NotFound
from ..repositories.routes_repo import RouteRepository
from .planning import PlanningService

logger = logging.getLogger(__name__)


class DispatchService:
    """Dispatcher actions on live routes: move a bin between trucks, skip a stop."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], planning: PlanningService,
                 route_locks: RouteLocks, route_cache: RouteCache) -> None:
        self.sessionmaker = sessionmaker
        self.planning = planning
        self.route_locks = route_locks
        self.route_cache = route_cache

    async def move_stop(self, from_route: int, to_route: int, bin_id: str) -> None:
        if from_route == to_route:
            raise Conflict("source and target route are the same")
        first, second = sorted((from_route, to_route))
        async with self.route_locks.get(first), self.route_locks.get(second):
            async with self.sessionmaker() as session:
                result = await session.execute(
                    update(RouteStop)
                    .where(RouteStop.route_id == from_route, RouteStop.bin_id == bin_id, RouteStop.lifted_at.is_(None))
                    .values(route_id=to_route, seq=10_000)
                )
                if result.rowcount == 0:
                    raise NotFound(f"stop {bin_id} not pending on route {from_route}")
                await session.commit()
        await self.route_cache.invalidate_route(from_route)
        await self.route_cache.invalidate_route(to_route)
        logger.info("moved bin %s from route %d to %d", bin_id, from_route, to_route)

    async def skip_stop(self, route_id: int, bin_id: str, reason: str, truck_pos: tuple[float, float]) -> list[int]:
        async with self.route_locks.get(route_id):
            async with self.sessionmaker() as session:
                route = await RouteRepository(session).get(route_id)
                if route is None:
                    raise NotFound(f"route {route_id}")
                await session.execute(
                    update(RouteStop).where(RouteStop.route_id == route_id, RouteStop.bin_id == bin_id)
                    .values(seq=-1)
                )
                await session.commit()
            self.route_cache.invalidate_route(route_id)
            etas = await self.planning.recompute_eta(route_id, truck_pos)
        logger.info("route %d: skipped %s (%s)", route_id, bin_id, reason)
        return etas

    async def plan_for(self, depot_id: str, service_date: date) -> list[dict]:
        cached = await self.route_cache.get_plan(depot_id, service_date)
        if cached is not None:
            return cached
        async with self.sessionmaker() as session:
            routes = await RouteRepository(session).for_depot_day(depot_id, service_date)
            plan = [
                {"route_id": r.id, "truck_id": r.truck_id, "status": r.status,
                 "stops": [{"bin_id": s.bin_id, "seq": s.seq, "lifted": s.lifted_at is not None} for s in r.stops]}
                for r in routes
            ]
        await self.route_cache.put_plan(depot_id, service_date, plan)
        return plan
