from __future__ import annotations

import logging

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.clients.messaging import MessagingClient
from lifeline.repositories.audit import AuditLog
from lifeline.repositories.orders import OrderRepository, SiteRepository
from lifeline.repositories.units import ComponentRepository, UnitRepository

log = logging.getLogger(__name__)


class RecallService:
    """Lot recalls: find every component from a lot and tell the hospitals holding them."""

    def __init__(self, messaging: MessagingClient, audit: AuditLog) -> None:
        self._messaging = messaging
        self._audit = audit

    async def affected_hospitals(self, session: AsyncSession, lot_number: str) -> dict[int, list[int]]:
        units = await UnitRepository(session).list_by_lot(lot_number)
        components = await ComponentRepository(session).list_for_units([u.id for u in units])
        orders = OrderRepository(session)
        by_hospital: dict[int, list[int]] = {}
        for component in components:
            if component.order_id is None:
                continue
            order = await orders.get(component.order_id)
            if order is not None:
                by_hospital.setdefault(order.hospital_id, []).append(component.id)
        return by_hospital

    async def notify(self, session: AsyncSession, lot_number: str) -> dict[str, int]:
        affected = await self.affected_hospitals(session, lot_number)
        sites = await SiteRepository(session).get_many(list(affected))
        sent, failed = 0, 0
        for hospital_id, component_ids in affected.items():
            site = sites.get(hospital_id)
            if site is None:
                continue
            body = f"<p>Recall of lot {lot_number}: quarantine components {component_ids}.</p>"
            try:
                await self._messaging.send_email(f"bloodbank@{site.region}.hospital.example", "Recall", body)
                sent += 1
            except httpx.HTTPError:
                failed += 1
        await self._audit.record("system", "recall.notified", lot_number, {"sent": sent, "failed": failed})
        return {"sent": sent, "failed": failed}

    async def quarantine_lot(self, session: AsyncSession, lot_number: str) -> int:
        units = await UnitRepository(session).list_by_lot(lot_number)
        components = ComponentRepository(session)
        affected = await components.list_for_units([u.id for u in units])
        await components.mark([c.id for c in affected], "recalled")
        log.warning("lot %s recalled: %d components quarantined", lot_number, len(affected))
        return len(affected)
