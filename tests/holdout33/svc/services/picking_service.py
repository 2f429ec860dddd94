"""Pick confirmation from handheld devices."""
from __future__ import annotations

import logging
from typing import Any

from ..db.engine import SessionLocal
from ..db.models import PickTask
from ..realtime import device_registry
from ..repositories import stock_repo
from .reservation_service import ReservationService

log = logging.getLogger(__name__)

KNOWN_ZONES: set[str] = {"A", "B", "C", "COLD", "BULK"}
ZONE_ORDER: tuple[str, ...] = ("A", "B", "C", "COLD", "BULK")


class PickingService:
    def __init__(self, reservations: ReservationService) -> None:
        self._reservations = reservations

    def register_zone(self, zone: str) -> list[str]:
        KNOWN_ZONES.add(zone.strip().upper())
        return sorted(KNOWN_ZONES, key=lambda z: (ZONE_ORDER.index(z) if z in ZONE_ORDER else len(ZONE_ORDER), z))

    async def confirm_pick(self, task_id: int, qty: int, picker_id: str) -> dict[str, Any]:
        async with SessionLocal() as session:
            task = await session.get(PickTask, task_id, with_for_update=True)
            if task is None or task.status != "open":
                return {"type": "error", "task_id": task_id, "reason": "task not open"}
            qty = min(qty, task.qty - task.qty_picked)
            if qty > 0 and not await stock_repo.consume_reserved(session, task.bin_id, task.sku_id, qty):
                return {"type": "error", "task_id": task_id, "reason": "reservation no longer covers pick"}
            task.qty_picked += qty
            if task.qty_picked >= task.qty:
                task.status = "done"
            await session.commit()
        log.info("picker %s picked %d on task %d", picker_id, qty, task_id)
        return {"type": "ack", "task_id": task_id, "picked": task.qty_picked}

    async def report_short(self, task_id: int, picker_id: str) -> dict[str, Any]:
        async with SessionLocal() as session:
            task = await session.get(PickTask, task_id, with_for_update=True)
            if task is None:
                return {"type": "error", "task_id": task_id, "reason": "unknown task"}
            missing = task.qty - task.qty_picked
            await self._reservations.release(
                session, task.bin_id, task.sku_id, missing, reason="short_pick", actor=picker_id
            )
            task.status = "short"
            await session.commit()
        return {"type": "ack", "task_id": task_id, "short": missing}

    async def handle_device_message(self, device_id: str, picker_id: str, message: dict[str, Any]) -> dict[str, Any] | None:
        kind = message.get("type")
        if kind == "pick":
            return await self.confirm_pick(int(message["task_id"]), int(message.get("qty", 1)), picker_id)
        if kind == "short":
            return await self.report_short(int(message["task_id"]), picker_id)
        if kind == "ping":
            return {"type": "pong"}
        log.debug("device %s sent unknown message type %r", device_id, kind)
        return None

    async def push_to_device(self, device_id: str, payload: dict[str, Any]) -> bool:
        return await device_registry.push(device_id, payload)
