from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import NotFound
from ..repositories.sites import SiteRepository
from ..repositories.workorders import TechnicianRepository, WorkOrderRepository
from ..schemas import WorkOrderIn
from ..utils.timeutil import utcnow
from .dispatch import notify_or_flag, pick_by_skill, pick_least_loaded
from .notify import Notifier

log = logging.getLogger(__name__)


class WorkOrderService:
    def __init__(self, session: AsyncSession, notifier: Notifier) -> None:
        self._session = session
        self._orders = WorkOrderRepository(session)
        self._techs = TechnicianRepository(session)
        self._sites = SiteRepository(session)
        self._notifier = notifier

    async def create(self, data: WorkOrderIn) -> int:
        order = await self._orders.create(**data.model_dump(), created_at=utcnow(), status="open")
        await self._session.commit()
        return order.id

    async def list_for_site(self, site_id: int) -> list[dict[str, Any]]:
        orders = await self._orders.for_site(site_id, status="open")
        out = []
        for order in orders:
            tech = await self._techs.get(order.technician_id) if order.technician_id else None
            out.append({"id": order.id, "title": order.title, "technician": tech.name if tech else None})
        return out

    async def list_assigned(self, site_id: int) -> list[dict[str, Any]]:
        orders = await self._orders.for_site(site_id, status="assigned")
        techs = await self._techs.many({o.technician_id for o in orders if o.technician_id})
        return [{"id": o.id, "title": o.title, "technician": techs[o.technician_id].name} for o in orders]

    async def dispatch(self, order_id: int, skill: str | None = None) -> int:
        order = await self._orders.get(order_id)
        site = await self._sites.get(order.site_id)
        techs = await self._techs.on_shift(site.region)
        if not techs:
            raise NotFound(f"no technician on shift in {site.region}")
        open_orders = await self._orders.open_for_technicians([t.id for t in techs])
        chosen = pick_by_skill(techs, open_orders, skill) if skill else pick_least_loaded(techs, open_orders)
        if chosen is None:
            raise NotFound("no technician with the required skill")
        await self._orders.assign(order.id, chosen.id)
        await self._session.commit()
        await asyncio.to_thread(notify_or_flag, self._notifier._sms.send, chosen.phone, order, site.code)
        return chosen.id

    async def close(self, order_id: int) -> None:
        await self._orders.close(order_id, utcnow())
        await self._session.commit()
