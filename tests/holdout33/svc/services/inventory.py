"""Process-wide stock locks and inventory adjustments (count variances, damages, short picks)."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import StockLevel
from ..errors import InsufficientStock
from ..repositories import events_repo, stock_repo

log = logging.getLogger(__name__)

reservation_lock = asyncio.Lock()
stock_lock = asyncio.Lock()


async def apply_adjustment(
    session: AsyncSession, bin_id: int, sku_id: int, delta: int, *, reason: str, actor: str
) -> StockLevel:
    async with stock_lock:
        level = await stock_repo.get_level_for_update(session, bin_id, sku_id)
        new_qty = level.qty_on_hand + delta
        if new_qty < level.qty_reserved:
            raise InsufficientStock(
                f"adjustment would leave bin {bin_id} below its reservations",
                details={"on_hand": level.qty_on_hand, "reserved": level.qty_reserved, "delta": delta},
            )
        level.qty_on_hand = new_qty
        event = {"type": "stock.adjusted", "bin_id": bin_id, "sku_id": sku_id, "delta": delta, "reason": reason}
        await events_repo.enqueue(session, "dashboard", event)
        log.info("stock adjusted", extra={**event, "actor": actor})
        return level
