from __future__ import annotations

from datetime import datetime

from fieldops.db.models import WorkOrder
from fieldops.errors import Conflict, NotFound
from fieldops.logging_setup import get_logger
from fieldops.repositories.sites import SiteRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.utils.timeutil import utcnow

logger = get_logger(__name__)

TRANSITIONS = {
    "new": {"scheduled", "cancelled"},
    "scheduled": {"dispatched", "cancelled"},
    "dispatched": {"on_site", "scheduled"},
    "on_site": {"completed", "awaiting_parts"},
    "awaiting_parts": {"scheduled"},
}


def serialise_work_order(wo: WorkOrder, address: str | None = None) -> dict:
    return {
        "id": wo.id,
        "number": wo.number,
        "status": wo.status,
        "priority": wo.priority,
        "summary": wo.summary,
        "technician_id": wo.technician_id,
        "scheduled_for": wo.scheduled_for.isoformat() if wo.scheduled_for else None,
        "address": address,
    }


class WorkOrderService:
    def __init__(self, work_orders: WorkOrderRepository, sites: SiteRepository) -> None:
        self._work_orders = work_orders
        self._sites = sites

    async def create(self, account_id: int, site_id: int, summary: str, priority: str = "normal",
                     contract_id: int | None = None) -> WorkOrder:
        site = await self._sites.get(site_id)
        if site is None:
            raise NotFound("site not found")
        last = await self._work_orders.max_number(account_id)
        next_number = (last or 0) + 1
        work_order = WorkOrder(
            account_id=account_id,
            number=next_number,
            site_id=site_id,
            summary=summary,
            priority=priority,
            contract_id=contract_id,
        )
        return await self._work_orders.add(work_order)

    async def transition(self, work_order_id: int, new_status: str) -> WorkOrder:
        wo = await self._work_orders.get(work_order_id)
        if wo is None:
            raise NotFound("work order not found")
        if new_status not in TRANSITIONS.get(wo.status, set()):
            raise Conflict(f"cannot move from {wo.status} to {new_status}")
        if not await self._work_orders.set_status(work_order_id, new_status, expected=wo.status):
            raise Conflict("work order changed concurrently")
        if new_status in ("scheduled", "dispatched") and new_status == "completed":
            wo.completed_at = utcnow()
        wo.status = new_status
        return wo

    async def board_rows(self, account_id: int, start: datetime, end: datetime) -> list[dict]:
        orders = await self._work_orders.scheduled_between(account_id, start, end)
        rows = []
        for wo in orders:
            site = await self._sites.get(wo.site_id)
            rows.append(serialise_work_order(wo, site.address if site else None))
        return rows

    async def unscheduled(self, account_id: int, after_id: int = 0, limit: int = 50) -> list[dict]:
        orders = [wo for wo in await self._work_orders.page(account_id, after_id, limit) if wo.status == "new"]
        sites = await self._sites.get_many(wo.site_id for wo in orders)
        return [serialise_work_order(wo, sites[wo.site_id].address if wo.site_id in sites else None) for wo in orders]

    async def bulk_summary(self, ids: list[int]) -> list[dict]:
        orders = await self._work_orders.get_by_ids(ids)
        return [serialise_work_order(wo) for wo in orders]
