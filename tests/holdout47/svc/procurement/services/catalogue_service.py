from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.partner_feed import download_feed, parse_feed
from procurement.db.models import Supplier
from procurement.repositories import catalogue_repo

log = logging.getLogger(__name__)

_SEARCH_TTL = 120.0

_search_results: dict[str, tuple[float, list[dict[str, Any]]]] = {}


def _get_search(query: str) -> list[dict[str, Any]] | None:
    entry = _search_results.get(query)
    if entry is None:
        return None
    stored_at, items = entry
    if time.monotonic() - stored_at > _SEARCH_TTL:
        return None
    return items


def _put_search(query: str, items: list[dict[str, Any]]) -> None:
    _search_results[query] = (time.monotonic(), items)


def clear_cache() -> None:
    _search_results.clear()


@dataclass
class SyncReport:
    supplier_id: int
    upserted: int
    removed: int


async def sync_supplier_feed(session: AsyncSession, supplier: Supplier, url: str) -> SyncReport:
    text = await asyncio.to_thread(download_feed, url)
    rows = parse_feed(text)
    incoming_skus = [r.sku for r in rows]
    existing = await catalogue_repo.skus_for_supplier(session, supplier.id)
    stale = [sku for sku in existing if sku not in incoming_skus]
    upserted = 0
    for start in range(0, len(rows), 1000):
        upserted += await catalogue_repo.upsert_rows(session, supplier.id, rows[start : start + 1000])
    await catalogue_repo.delete_skus(session, supplier.id, stale)
    await session.commit()
    clear_cache()
    log.info("catalogue sync supplier=%s upserted=%d removed=%d", supplier.id, upserted, len(stale))
    return SyncReport(supplier.id, upserted, len(stale))


async def search(session: AsyncSession, query: str) -> list[dict]:
    key = query.strip().lower()
    cached = _get_search(key)
    if cached is not None:
        return cached
    items = await catalogue_repo.search(session, key)
    result = [
        {
            "id": i.id,
            "supplier_id": i.supplier_id,
            "sku": i.sku,
            "name": i.name,
            "unit_price": i.unit_price,
            "currency": i.currency,
        }
        for i in items
    ]
    _put_search(key, result)
    return result
