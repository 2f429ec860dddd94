"""Allocation of order lines to bins."""
from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import OrderLine, StockLevel
from ..repositories import stock_repo
from .inventory import apply_adjustment, reservation_lock

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Allocation:
    order_line_id: int
    bin_id: int
    sku_id: int
    qty: int


class ReservationService:
    async def reserve_lines(self, session: AsyncSession, lines: list[OrderLine], warehouse_id: int) -> list[Allocation]:
        """Reserve stock for the lines, pick faces first.

        Rows carry a version column, so a concurrent change to any touched
        level makes the flush fail with StaleDataError instead of over-allocating.
        """
        levels = await stock_repo.pickable_levels(session, {line.sku_id for line in lines}, warehouse_id)
        by_sku: dict[int, list[StockLevel]] = defaultdict(list)
        for level in levels:
            by_sku[level.sku_id].append(level)

        allocations: list[Allocation] = []
        for line in lines:
            wanted = line.qty - line.qty_picked
            for level in by_sku.get(line.sku_id, []):
                free = level.qty_on_hand - level.qty_reserved
                if free <= 0:
                    continue
                take = min(free, wanted)
                level.qty_reserved += take
                allocations.append(Allocation(line.id, level.bin_id, line.sku_id, take))
                wanted -= take
                if wanted == 0:
                    break
            if wanted:
                log.info("line %s short by %d at allocation", line.id, wanted)
        await session.flush()
        return allocations

    async def release(self, session: AsyncSession, bin_id: int, sku_id: int, qty: int, *, reason: str, actor: str) -> None:
        async with reservation_lock:
            level = await stock_repo.get_level_for_update(session, bin_id, sku_id)
            level.qty_reserved = max(0, level.qty_reserved - qty)
            if reason == "short_pick":
                await apply_adjustment(session, bin_id, sku_id, -min(qty, level.qty_on_hand), reason=reason, actor=actor)
