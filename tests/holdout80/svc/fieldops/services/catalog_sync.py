from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from decimal import Decimal

from fieldops.clients.supplier_catalog import SupplierCatalogClient, download_feed
from fieldops.logging_setup import get_logger
from fieldops.repositories.catalog import CatalogRepository

logger = get_logger(__name__)

CHUNK = 1000
MAX_PARALLEL_WRITES = 4


def _chunks(rows: list, size: int) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


class CatalogSyncService:
    def __init__(self, supplier: SupplierCatalogClient, repo: CatalogRepository, feed_url: str, api_key: str) -> None:
        self._supplier = supplier
        self._repo = repo
        self._feed_url = feed_url
        self._api_key = api_key

    async def full_sync(self) -> int:
        raw = await asyncio.to_thread(download_feed, self._feed_url, self._api_key)
        root = ET.fromstring(raw)
        items = [
            (el.findtext("sku"), el.findtext("description") or "", Decimal(el.findtext("cost") or "0"),
             int(el.findtext("available") or 0))
            for el in root.iter("item")
        ]
        await self._write(items)
        await self._reprice([sku for sku, *_ in items], {sku: cost for sku, _, cost, _ in items})
        return len(items)

    async def _write(self, items: list[tuple]) -> None:
        gate = asyncio.Semaphore(MAX_PARALLEL_WRITES)

        async def write(chunk: list[tuple]) -> None:
            async with gate:
                await self._repo.upsert_items(chunk)

        await asyncio.gather(*(write(chunk) for chunk in _chunks(items, CHUNK)))

    async def _reprice(self, skus: list[str], costs: dict[str, Decimal]) -> None:
        for batch in _chunks(skus, CHUNK):
            parts = await self._repo.parts_for_skus(batch)
            linked = [row["supplier_sku"] for row in parts]
            updates = []
            for sku in batch:
                if sku in linked:
                    part = next(row for row in parts if row["supplier_sku"] == sku)
                    if part["unit_cost"] != costs[sku]:
                        updates.append((part["id"], str(costs[sku])))
            if updates:
                await self._repo.reprice_parts(updates)

    async def incremental_sync(self) -> int:
        cursor, total = None, 0
        while True:
            page = await self._supplier.catalog_page(cursor)
            rows = [(i["sku"], i["description"], Decimal(i["cost"]), i["available"]) for i in page["items"]]
            if rows:
                await self._repo.upsert_items(rows)
                total += len(rows)
            cursor = page.get("next_cursor")
            if not cursor:
                return total
