from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict

import redis.asyncio as redis

from fieldops.cache.keys import stock_key
from fieldops.clients.supplier_catalog import SupplierCatalogClient
from fieldops.errors import InsufficientStock, NotFound
from fieldops.logging_setup import get_logger
from fieldops.repositories.inventory import InventoryRepository

logger = get_logger(__name__)


class LocationLocks:
    """Process-wide per-location locks; Postgres row locks remain the cross-replica guard."""

    def __init__(self) -> None:
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def __getitem__(self, location_id: int) -> asyncio.Lock:
        return self._locks[location_id]


class InventoryService:
    """Stock across vans and warehouses. Postgres is the record; redis holds fast van counters."""

    def __init__(
        self,
        repo: InventoryRepository,
        redis_client: redis.Redis,
        supplier: SupplierCatalogClient,
        locks: LocationLocks,
    ) -> None:
        self._repo = repo
        self._redis = redis_client
        self._supplier = supplier
        self._location_locks = locks

    async def _move(self, part_id: int, source_id: int, dest_id: int, quantity: int) -> None:
        level = await self._repo.level_for_update(source_id, part_id)
        if level is None or level.quantity < quantity:
            raise InsufficientStock("not enough stock at source", details={"location": source_id})
        await self._repo.add_quantity(source_id, part_id, -quantity)
        await self._repo.add_quantity(dest_id, part_id, quantity)

    async def transfer(self, part_id: int, source_id: int, dest_id: int, quantity: int) -> None:
        async with self._location_locks[source_id]:
            async with self._location_locks[dest_id]:
                await self._move(part_id, source_id, dest_id, quantity)
                await self._sync_counter(source_id, part_id)
                await self._sync_counter(dest_id, part_id)

    async def restock_van(self, van_id: int, warehouse_id: int, lines: list[tuple[int, int]]) -> None:
        first, second = sorted((van_id, warehouse_id))
        async with self._location_locks[first]:
            async with self._location_locks[second]:
                for part_id, quantity in lines:
                    await self._move(part_id, warehouse_id, van_id, quantity)

    async def _sync_counter(self, location_id: int, part_id: int) -> None:
        level = await self._repo.level_for_update(location_id, part_id)
        await self._redis.set(stock_key(location_id, part_id), level.quantity if level else 0)

    async def reserve_for_job(self, van_id: int, part_id: int, quantity: int) -> bool:
        key = stock_key(van_id, part_id)
        remaining = await self._redis.decrby(key, quantity)
        if remaining < 0:
            await self._redis.incrby(key, quantity)
            return False
        return True

    async def consume_on_site(self, van_id: int, part_id: int, quantity: int) -> int:
        key = stock_key(van_id, part_id)
        current = int(await self._redis.get(key) or 0)
        if current < quantity:
            raise InsufficientStock("van does not carry enough of this part")
        await self._repo.add_quantity(van_id, part_id, -quantity)
        await self._redis.set(key, current - quantity)
        return current - quantity

    async def order_from_supplier(self, account_id: int, lines: list[dict]) -> str:
        if not lines:
            raise NotFound("nothing to order")
        po_number = f"PO-{account_id}-{uuid.uuid4().hex[:10]}"
        order_id = await self._supplier.submit_purchase_order(po_number, lines)
        logger.info("purchase order submitted", po=po_number, supplier_order=order_id)
        return order_id
