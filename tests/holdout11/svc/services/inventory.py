"""Stock availability, picks, transfers and cycle-count reporting."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

import pandas as pd
from cachetools import TTLCache

from svc.db.inventory_repo import InventoryRepository
from svc.errors import StockUnavailableError

logger = logging.getLogger(__name__)

VARIANCE_COLUMNS = ("zone", "sku", "variance")


def variance_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=list(VARIANCE_COLUMNS)).pivot_table(
        index="zone", columns="sku", values="variance", aggfunc="sum", fill_value=0
    )


def variance_csv_text(rows: list[dict[str, Any]]) -> str:
    return variance_frame(rows).to_csv()


class InventoryService:
    def __init__(self, repo: InventoryRepository) -> None:
        self._repo = repo
        self._availability: TTLCache[str, int] = TTLCache(maxsize=20_000, ttl=15)
        self._zone_bins: dict[str, list[int]] = {}

    async def availability(self, skus: list[str]) -> dict[str, int]:
        missing = [sku for sku in skus if sku not in self._availability]
        if missing:
            fresh = await self._repo.available_by_sku(missing)
            for sku in missing:
                self._availability[sku] = fresh.get(sku, 0)
        return {sku: self._availability.get(sku, 0) for sku in skus}

    async def pick_confirm(self, bin_id: int, sku: str, qty: int) -> int:
        """Decrement bin stock once the picker has scanned the pick."""
        on_hand = await self._repo.bin_quantity(bin_id, sku)
        if on_hand < qty:
            raise StockUnavailableError(f"bin {bin_id} holds {on_hand} of {sku}, {qty} scanned")
        remaining = on_hand - qty
        await self._repo.set_quantity(bin_id, sku, remaining)
        self._availability.pop(sku, None)
        return remaining

    async def transfer(self, src: int, dst: int, sku: str, qty: int) -> None:
        await self._repo.transfer(src, dst, sku, qty)
        self._availability.pop(sku, None)

    async def bins_in_zone(self, zone: str) -> list[int]:
        """Bins of a zone in walking order; the layout only changes during re-slotting."""
        if zone not in self._zone_bins:
            self._zone_bins[zone] = await self._repo.bins_in_zone(zone)
        return self._zone_bins[zone]

    async def variance_report(self, since: datetime) -> dict[str, Any]:
        rows = [dict(row) for row in await self._repo.count_history(since)]
        return variance_frame(rows).to_dict(orient="index")

    async def variance_csv(self, since: datetime) -> str:
        rows = [dict(row) for row in await self._repo.count_history(since)]
        return await asyncio.to_thread(variance_csv_text, rows)
