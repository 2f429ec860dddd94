from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import redis.asyncio as redis

from fieldops.cache.keys import tech_schedule_key
from fieldops.errors import Conflict
from fieldops.repositories.sites import SiteRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.services.work_orders import serialise_work_order
from fieldops.utils.geo import nearest_first
from fieldops.utils.timeutil import business_hours, day_bounds


def _overlaps(a_start: datetime, a_minutes: int, b_start: datetime, b_minutes: int) -> bool:
    return a_start < b_start + timedelta(minutes=b_minutes) and b_start < a_start + timedelta(minutes=a_minutes)


class RouteState:
    """Planned stop order per technician, shared by all requests in this process."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.routes: dict[int, list[int]] = {}


class SchedulingService:
    def __init__(
        self,
        work_orders: WorkOrderRepository,
        sites: SiteRepository,
        redis_client: redis.Redis,
        executor: ThreadPoolExecutor,
        route_state: RouteState,
    ) -> None:
        self._work_orders = work_orders
        self._sites = sites
        self._redis = redis_client
        self._executor = executor
        self.route_lock = route_state.lock
        self._routes = route_state.routes

    async def book(self, account_id: int, work_order_id: int, technician_id: int, when: datetime) -> None:
        wo = await self._work_orders.get(work_order_id)
        if wo is None or wo.account_id != account_id:
            raise Conflict("unknown work order")
        if not business_hours(when, wo.duration_minutes) and wo.priority != "emergency":
            raise Conflict("outside business hours")
        async with self.route_lock:
            for other in await self._work_orders.open_for_technician(technician_id):
                if other.id != work_order_id and other.scheduled_for and _overlaps(
                    when, wo.duration_minutes, other.scheduled_for, other.duration_minutes
                ):
                    raise Conflict("technician already booked", details={"work_order": other.id})
            await self._work_orders.assign(work_order_id, technician_id, when)
            self._routes.pop(technician_id, None)

    async def day_schedule(self, account_id: int, technician_id: int, day: date) -> list[dict]:
        key = tech_schedule_key(account_id, technician_id, day.isoformat())
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        start, end = day_bounds(day)
        orders = [
            wo for wo in await self._work_orders.scheduled_between(account_id, start, end)
            if wo.technician_id == technician_id
        ]
        rows = [serialise_work_order(wo) for wo in orders]
        await self._redis.set(key, json.dumps(rows))
        return rows

    async def plan_route(self, technician_id: int, origin: tuple[float, float]) -> list[int]:
        async with self.route_lock:
            if technician_id in self._routes:
                return self._routes[technician_id]
            orders = await self._work_orders.open_for_technician(technician_id)
            sites = await self._sites.get_many(wo.site_id for wo in orders)
            stops = [
                (wo.id, (sites[wo.site_id].lat, sites[wo.site_id].lng))
                for wo in orders
                if wo.site_id in sites and sites[wo.site_id].lat is not None
            ]
            loop = asyncio.get_running_loop()
            order = await loop.run_in_executor(self._executor, nearest_first, origin, stops)
            self._routes[technician_id] = order
            return order
