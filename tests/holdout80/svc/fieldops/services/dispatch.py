from __future__ import annotations

import asyncio
from datetime import datetime

import httpx

from fieldops.clients.maps import MapsClient
from fieldops.errors import Conflict, NotFound, UpstreamUnavailable
from fieldops.logging_setup import get_logger
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.sites import SiteRepository
from fieldops.repositories.technicians import TechnicianRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.services.board import BoardService
from fieldops.services.location import LocationHub
from fieldops.services.notifications import NotificationService
from fieldops.services.scheduling import SchedulingService
from fieldops.utils.geo import straight_line_minutes

logger = get_logger(__name__)


class DispatchService:
    def __init__(
        self,
        work_orders: WorkOrderRepository,
        technicians: TechnicianRepository,
        sites: SiteRepository,
        customers: CustomerRepository,
        scheduler: SchedulingService,
        hub: LocationHub,
        board: BoardService,
        maps: MapsClient,
        notifications: NotificationService,
        background: set[asyncio.Task],
    ) -> None:
        self._work_orders = work_orders
        self._technicians = technicians
        self._sites = sites
        self._customers = customers
        self._scheduler = scheduler
        self._hub = hub
        self._board = board
        self._maps = maps
        self._notifications = notifications
        self._background = background

    def _spawn(self, coro) -> None:
        task = asyncio.create_task(coro)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def dispatch(self, account_id: int, work_order_id: int) -> dict:
        wo = await self._work_orders.get(work_order_id)
        if wo is None or wo.account_id != account_id or wo.technician_id is None:
            raise NotFound("no scheduled work order")
        tech = await self._technicians.get(wo.technician_id)
        site = await self._sites.get(wo.site_id)
        if not await self._work_orders.set_status(work_order_id, "dispatched", expected="scheduled"):
            raise Conflict("work order is not in scheduled state")

        origin = await self._hub.last_position(account_id, tech.id)
        eta = None
        if origin is not None and site.lat is not None:
            eta = await self._maps.drive_minutes(origin, (site.lat, site.lng))

        message = {"type": "dispatch", "work_order_id": wo.id, "summary": wo.summary, "address": site.address}
        if not await self._hub.send_to_technician(tech.id, message):
            await self._notifications.send_sms(tech.phone, f"New job #{wo.number}: {site.address}", priority="high")

        self._spawn(self._board.publish(account_id, {"type": "dispatched", "work_order_id": wo.id, "technician_id": tech.id}))
        if eta is not None:
            customer = await self._customers.get(site.customer_id)
            asyncio.create_task(self._notifications.customer_eta(customer.phone, tech.name, eta))
        return {"work_order_id": wo.id, "technician_id": tech.id, "eta_minutes": eta}

    async def tracking_eta(self, account_id: int, work_order_id: int) -> float | None:
        """ETA shown on the customer's tracking page; degrades to a straight-line estimate."""
        wo = await self._work_orders.get(work_order_id)
        if wo is None or wo.technician_id is None:
            return None
        site = await self._sites.get(wo.site_id)
        origin = await self._hub.last_position(account_id, wo.technician_id)
        if origin is None or site is None or site.lat is None:
            return None
        try:
            return await self._maps.drive_minutes(origin, (site.lat, site.lng))
        except (httpx.HTTPError, UpstreamUnavailable):
            return straight_line_minutes(origin, (site.lat, site.lng))

    async def reassign(self, account_id: int, work_order_id: int, technician_id: int, when: datetime) -> None:
        wo = await self._work_orders.get(work_order_id)
        if wo is None or wo.account_id != account_id:
            raise NotFound("work order not found")
        previous = wo.technician_id
        async with self._scheduler.route_lock:
            await self._scheduler.book(account_id, work_order_id, technician_id, when)
        if previous and previous != technician_id:
            await self._hub.send_to_technician(previous, {"type": "unassigned", "work_order_id": work_order_id})
        self._spawn(self._board.publish(account_id, {"type": "reassigned", "work_order_id": work_order_id}))
