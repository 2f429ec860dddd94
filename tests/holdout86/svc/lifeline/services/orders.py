from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.cache.locks import KeyedLocks
from lifeline.cache.stock_cache import StockCache
from lifeline.clients.lab_api import LabClient
from lifeline.db.models import Order
from lifeline.errors import Conflict, NotFound
from lifeline.repositories.orders import OrderRepository
from lifeline.repositories.units import ComponentRepository
from lifeline.schemas import OrderIn
from lifeline.utils.bloodgroups import compatible_donor_groups
from lifeline.utils.clock import utcnow

log = logging.getLogger(__name__)


class OrderService:
    def __init__(self, lab: LabClient, stock_cache: StockCache, locks: KeyedLocks) -> None:
        self._lab = lab
        self._stock_cache = stock_cache
        self._locks = locks

    async def create(self, session: AsyncSession, data: OrderIn) -> Order:
        orders = OrderRepository(session)
        order = await orders.add(
            Order(
                hospital_id=data.hospital_id,
                patient_ref=data.patient_ref,
                kind=data.kind,
                abo=data.abo,
                rh=data.rh,
                quantity=data.quantity,
                urgency=data.urgency,
                created_at=utcnow(),
            )
        )
        sample_id = await self._lab.submit_order(order.id, data.patient_ref, data.kind, data.quantity)
        await orders.set_status(order.id, "crossmatching", lab_reference=sample_id)
        log.info("order %s sent for cross-match as %s", order.id, sample_id)
        return order

    async def history(self, session: AsyncSession, hospital_id: int, since: datetime) -> list[dict]:
        orders = await OrderRepository(session).for_hospital(hospital_id, since)
        components = ComponentRepository(session)
        out = []
        for order in orders:
            issued = await components.list_for_order(order.id)
            out.append({"id": order.id, "status": order.status, "components": [c.id for c in issued]})
        return out

    async def open_orders(self, session: AsyncSession, hospital_id: int, since: datetime) -> list[dict]:
        orders = await OrderRepository(session).for_hospital(hospital_id, since)
        issued = await ComponentRepository(session).list_for_orders([o.id for o in orders])
        return [
            {"id": o.id, "status": o.status, "components": [c.id for c in issued[o.id]]}
            for o in orders
            if o.status != "fulfilled"
        ]

    async def allocate(self, session: AsyncSession, order_id: int, component_ids: list[int]) -> list[int]:
        order = await OrderRepository(session).get(order_id)
        if order is None:
            raise NotFound("order not found")
        repo = ComponentRepository(session)
        allowed = compatible_donor_groups(order.abo, order.rh, order.kind)
        allocated: list[int] = []
        for component_id in component_ids:
            component = await repo.get(component_id)
            if component is None or component.status != "available":
                raise Conflict(f"component {component_id} is not available")
            if (component.abo, component.rh) not in allowed:
                raise Conflict(f"component {component_id} is not compatible")
            component.status = "allocated"
            component.order_id = order.id
            allocated.append(component.id)
        await self._stock_cache.invalidate(order.hospital_id, order.kind)
        return allocated

    async def allocate_locked(self, session: AsyncSession, order_id: int, component_ids: list[int]) -> list[int]:
        """Emergency path: row locks, so two dispatchers cannot issue the same bag."""
        order = await OrderRepository(session).get(order_id)
        if order is None:
            raise NotFound("order not found")
        repo = ComponentRepository(session)
        taken: list[int] = []
        for component_id in sorted(component_ids):
            component = await repo.get_for_update(component_id)
            if component is None or component.status != "available":
                raise Conflict(f"component {component_id} is not available")
            component.status = "allocated"
            component.order_id = order.id
            taken.append(component.id)
        return taken

    async def suggest(self, session: AsyncSession, order_id: int, site_id: int, held: list[int]) -> list[int]:
        order = await OrderRepository(session).get(order_id)
        if order is None:
            raise NotFound("order not found")
        groups = compatible_donor_groups(order.abo, order.rh, order.kind)
        candidates = await ComponentRepository(session).available_matching(order.kind, groups, site_id)
        excluded = set(held)
        # candidates arrive oldest-expiry first; issue those before they lapse
        picks = [c.id for c in candidates if c.id not in excluded]
        return picks[: order.quantity]

    async def transfer(self, from_order: int, to_order: int, session: AsyncSession) -> None:
        async with self._locks.many([f"order:{from_order}", f"order:{to_order}"]):
            repo = ComponentRepository(session)
            moving = await repo.list_for_order(from_order)
            for component in moving:
                component.order_id = to_order
