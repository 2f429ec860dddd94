"""Pick-face replenishment from bulk storage: shortfall detection and the periodic worker."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings
from ..db.engine import SessionLocal
from ..repositories import stock_repo

log = logging.getLogger(__name__)

REFILL_THRESHOLD = 0.25


@dataclass(frozen=True, slots=True)
class Shortfall:
    sku_id: int
    face_bin_id: int
    missing: int


class ReplenishmentService:
    async def find_shortfalls(self, session: AsyncSession, warehouse_id: int) -> list[Shortfall]:
        sku_ids = await stock_repo.skus_with_pick_faces(session, warehouse_id)
        faces = [await stock_repo.pick_face_level(session, sku_id, warehouse_id) for sku_id in sku_ids]
        shortfalls: list[Shortfall] = []
        for found in faces:
            if found is None:
                continue
            level, max_units = found
            if max_units and level.qty_on_hand < max_units * REFILL_THRESHOLD:
                shortfalls.append(Shortfall(level.sku_id, level.bin_id, max_units - level.qty_on_hand))
        return shortfalls

    async def create_tasks(self, session: AsyncSession, warehouse_id: int, shortfalls: list[Shortfall]) -> int:
        if not shortfalls:
            return 0
        sources = await stock_repo.reserve_stock_by_sku(session, [s.sku_id for s in shortfalls], warehouse_id)
        rows = []
        for shortfall in shortfalls:
            candidates = sources.get(shortfall.sku_id)
            if not candidates:
                continue
            from_bin_id, free = candidates[0]
            rows.append(
                {
                    "sku_id": shortfall.sku_id,
                    "from_bin_id": from_bin_id,
                    "to_bin_id": shortfall.face_bin_id,
                    "qty": min(free, shortfall.missing),
                    "status": "open",
                }
            )
        created = await stock_repo.create_tasks_if_absent(session, rows)
        await session.commit()
        return created


class ReplenishmentWorker:
    def __init__(self, redis: Redis, service: ReplenishmentService, settings: Settings) -> None:
        self._redis = redis
        self._service = service
        self._settings = settings
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        log.info("replenishment worker started")
        while not self._stopping.is_set():
            await self._run_once()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self._settings.replenish_interval_s)

    async def _run_once(self) -> None:
        lock = self._redis.lock("wms:lock:replenishment", timeout=120, blocking=False)
        if not await lock.acquire():
            return
        try:
            warehouse_id = self._settings.default_warehouse_id
            async with SessionLocal() as session:
                shortfalls = await self._service.find_shortfalls(session, warehouse_id)
                created = await self._service.create_tasks(session, warehouse_id, shortfalls)
            if created:
                log.info("replenishment pass created %d tasks", created)
        finally:
            with contextlib.suppress(LockError):
                await lock.release()
