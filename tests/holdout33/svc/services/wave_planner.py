"""Wave planning: choose orders, allocate stock and build walk-sequenced pick lists."""
from __future__ import annotations

import copy
import itertools
import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..db.models import Wave
from ..errors import NotFound
from ..repositories import order_repo, stock_repo
from ..utils.timing import utcnow
from .reservation_service import ReservationService

log = logging.getLogger(__name__)

DOCK_ORIGIN = (0, 0)
PICK_LIST_SIZE = 40


@dataclass
class PlannedTask:
    order_id: int
    order_line_id: int
    sku_id: int
    qty: int
    bin_id: int | None = None
    location: tuple[int, int] = DOCK_ORIGIN
    zone: str = "?"


@dataclass
class WavePlan:
    draft_id: int
    warehouse_id: int
    order_ids: list[int]
    tasks: list[PlannedTask]
    created_at: datetime = field(default_factory=utcnow)


class WavePlanner:
    def __init__(self, settings: Settings, reservations: ReservationService) -> None:
        self._settings = settings
        self._reservations = reservations
        self._drafts: dict[int, WavePlan] = {}
        self._draft_ids = itertools.count(1)

    async def plan(self, session: AsyncSession, warehouse_id: int) -> WavePlan:
        orders = await order_repo.releasable_orders(session, warehouse_id, limit=self._settings.wave_max_orders)
        tasks: list[PlannedTask] = []
        for order in orders:
            lines = await order_repo.lines_for_order(session, order.id)
            for line in lines:
                if line.qty > line.qty_picked:
                    tasks.append(PlannedTask(order.id, line.id, line.sku_id, line.qty - line.qty_picked))

        locations = await stock_repo.pick_locations(session, {t.sku_id for t in tasks}, warehouse_id)
        for task in tasks:
            if task.sku_id in locations:
                task.bin_id, task.location, task.zone = locations[task.sku_id]

        plan = WavePlan(
            draft_id=next(self._draft_ids),
            warehouse_id=warehouse_id,
            order_ids=[o.id for o in orders],
            tasks=sequence_tasks(tasks),
        )
        self._drafts[plan.draft_id] = plan
        log.info("planned draft wave %d: %d orders, %d tasks", plan.draft_id, len(orders), len(tasks))
        return plan

    def get_draft(self, draft_id: int) -> WavePlan:
        plan = self._drafts.get(draft_id)
        if plan is None:
            raise NotFound(f"draft wave {draft_id} not found")
        return plan

    async def release(self, session: AsyncSession, draft_id: int) -> Wave:
        plan = self.get_draft(draft_id)
        wave = Wave(warehouse_id=plan.warehouse_id, status="released", released_at=utcnow())
        session.add(wave)
        await session.flush()

        lines_by_order = await order_repo.lines_for_orders(session, plan.order_ids)
        all_lines = [line for lines in lines_by_order.values() for line in lines]
        allocations = await self._reservations.reserve_lines(session, all_lines, plan.warehouse_id)
        allocated_lines = {a.order_line_id for a in allocations}

        placed = [t for t in plan.tasks if t.bin_id is not None and t.order_line_id in allocated_lines]
        batches = [
            [
                {"order_line_id": t.order_line_id, "bin_id": t.bin_id, "sku_id": t.sku_id, "qty": t.qty}
                for t in placed[i:i + PICK_LIST_SIZE]
            ]
            for i in range(0, len(placed), PICK_LIST_SIZE)
        ]
        await order_repo.create_pick_lists(session, wave.id, batches)
        await order_repo.mark_status(session, plan.order_ids, "released")
        await session.commit()
        self._drafts.pop(draft_id, None)
        return wave

    async def progress(self, session: AsyncSession, wave_id: int) -> dict[str, int]:
        pick_lists = await order_repo.pick_lists_for_wave(session, wave_id)
        units = picked = 0
        for pick_list in pick_lists:
            for task in pick_list.tasks:
                units += task.qty
                picked += task.qty_picked
        return {"pick_lists": len(pick_lists), "units": units, "picked": picked}


def compute_wave_metrics(plan: WavePlan) -> dict[str, object]:
    tasks = copy.deepcopy(plan.tasks)
    zones = Counter(t.zone for t in tasks)
    unplaced = sum(1 for t in tasks if t.bin_id is None)
    return {
        "orders": len(plan.order_ids),
        "tasks": len(tasks),
        "units": sum(t.qty for t in tasks),
        "zones": dict(zones),
        "unplaced": unplaced,
        "walk": _walk_length([t.location for t in tasks if t.bin_id is not None]),
    }


def _manhattan(a: tuple[int, int], b: tuple[int, int]) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


def _walk_length(points: list[tuple[int, int]]) -> int:
    total, pos = 0, DOCK_ORIGIN
    for point in points:
        total += _manhattan(pos, point)
        pos = point
    return total + _manhattan(pos, DOCK_ORIGIN)


def sequence_tasks(tasks: list[PlannedTask]) -> list[PlannedTask]:
    """Greedy nearest-neighbour walk from the dock through every placed task."""
    remaining = [t for t in tasks if t.bin_id is not None]
    route: list[PlannedTask] = []
    pos = DOCK_ORIGIN
    while remaining:
        nearest = sorted(remaining, key=lambda t: _manhattan(pos, t.location))[0]
        remaining.remove(nearest)
        route.append(nearest)
        pos = nearest.location
    return route + [t for t in tasks if t.bin_id is None]
