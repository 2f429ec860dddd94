"""Stock queries and bin-to-bin moves."""
from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import AvailabilityCache, BinOccupancyCache
from ..errors import InsufficientStock
from ..repositories import events_repo, stock_repo
from .inventory import reservation_lock, stock_lock

log = logging.getLogger(__name__)


class StockService:
    def __init__(self, availability: AvailabilityCache, occupancy: BinOccupancyCache) -> None:
        self._availability = availability
        self._occupancy = occupancy

    async def levels(self, session: AsyncSession, sku_id: int, warehouse_id: int) -> list[dict[str, Any]]:
        rows = await stock_repo.levels_for_sku(session, sku_id, warehouse_id)
        return [
            {
                "bin_id": row.bin_id,
                "on_hand": row.qty_on_hand,
                "reserved": row.qty_reserved,
                "available": row.qty_on_hand - row.qty_reserved,
            }
            for row in rows
        ]

    async def move(
        self, session: AsyncSession, sku_id: int, from_bin_id: int, to_bin_id: int, qty: int, actor: str
    ) -> None:
        async with stock_lock:
            async with reservation_lock:
                src = await stock_repo.get_level_for_update(session, from_bin_id, sku_id)
                if src.qty_on_hand - src.qty_reserved < qty:
                    raise InsufficientStock(
                        f"only {src.qty_on_hand - src.qty_reserved} free in bin {from_bin_id}",
                        details={"requested": qty},
                    )
                src.qty_on_hand -= qty
                await stock_repo.add_units(session, to_bin_id, sku_id, src.warehouse_id, qty)
                await events_repo.enqueue(
                    session,
                    "dashboard",
                    {"type": "stock.moved", "sku_id": sku_id, "from": from_bin_id, "to": to_bin_id, "qty": qty},
                )
                await session.commit()
        self._occupancy.forget(from_bin_id)
        self._occupancy.forget(to_bin_id)
        await self._availability.invalidate(sku_id, src.warehouse_id)
        log.info("moved %d of sku %s from %s to %s by %s", qty, sku_id, from_bin_id, to_bin_id, actor)
