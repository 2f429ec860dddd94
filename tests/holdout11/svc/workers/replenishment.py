"""Creates replenishment tasks that move stock from reserve racking to pick faces running low."""
from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis

from svc.db.inventory_repo import InventoryRepository

logger = logging.getLogger(__name__)

LOW_STOCK_BATCH = 500
TARGET_FACTOR = 2


class ReplenishmentWorker:
    def __init__(self, repo: InventoryRepository, redis: Redis, interval_s: float) -> None:
        self._repo = repo
        self._redis = redis
        self._interval = interval_s

    async def run_forever(self) -> None:
        while True:
            created = await self.run_once()
            if created:
                logger.info("replenishment pass created %d tasks", created)
            await asyncio.sleep(self._interval)

    async def run_once(self) -> int:
        low = await self._repo.low_stock(limit=LOW_STOCK_BATCH)
        if not low:
            return 0
        seen: set[str] = set()
        skus: list[str] = []
        for row in low:
            if row["sku"] in seen:
                continue
            seen.add(row["sku"])
            skus.append(row["sku"])
        sources = await self._repo.source_bins(skus)
        moves: list[tuple[str, int, int, int]] = []
        for row in low:
            need = row["reorder_point"] * TARGET_FACTOR - row["qty"]
            for source in sources.get(row["sku"], []):
                if need <= 0 or source["bin_id"] == row["bin_id"]:
                    continue
                take = min(need, source["free"])
                moves.append((row["sku"], source["bin_id"], row["bin_id"], take))
                need -= take
        await self._repo.create_replenishment_tasks(moves)
        self._redis.publish("wms:floor", json.dumps({"event": "replenishment", "tasks": len(moves)}))
        return len(moves)
