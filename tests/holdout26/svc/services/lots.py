"""Lot catalogue: creation, photos, listing pages and localised prices."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import httpx

from svc.cache.lot_cache import lot_cache
from svc.clients.fx import FxClient
from svc.config import Settings
from svc.repositories.bids import BidRepository
from svc.repositories.lots import LotRepository
from svc.utils.images import store_photo, write_photo

log = logging.getLogger(__name__)


def _summary(lot: Any, top_cents: int | None) -> dict[str, Any]:
    return {
        "id": lot["id"],
        "title": lot["title"],
        "category": lot["category"],
        "price_cents": top_cents or lot["starting_cents"],
        "ends_at": lot["ends_at"].isoformat(),
        "reserve_met": lot["reserve_cents"] is None or (top_cents or 0) >= lot["reserve_cents"],
        "leading_bidder_id": lot["leading_bidder_id"],
    }


class LotService:
    def __init__(
        self,
        settings: Settings,
        lots: LotRepository,
        bids: BidRepository,
        fx: FxClient,
        http: httpx.AsyncClient,
    ) -> None:
        self._settings = settings
        self._lots = lots
        self._bids = bids
        self._fx = fx
        self._http = http

    async def create(self, seller_id: int, data: dict[str, Any]) -> int:
        return await self._lots.create(seller_id, data)

    async def attach_photo(self, seller_id: int, lot_id: int, data: bytes, suffix: str) -> str:
        await self._lots.get_for_seller(seller_id, lot_id)
        return store_photo(self._settings.media_root, lot_id, data, suffix)

    async def import_photo(self, lot_id: int, url: str) -> str:
        resp = await self._http.get(url, follow_redirects=True)
        resp.raise_for_status()
        return await asyncio.to_thread(write_photo, self._settings.media_root, lot_id, resp.content)

    async def seller_dashboard(self, seller_id: int) -> list[dict[str, Any]]:
        lots = await self._lots.list_by_seller(seller_id)
        rows = []
        for lot in lots:
            top = await self._bids.highest(lot["id"])
            rows.append(_summary(lot, top["amount_cents"] if top else None))
        return rows

    async def category_page(self, category: str, after_id: int | None) -> list[dict[str, Any]]:
        if after_id is None:
            cached = await lot_cache.category_page(category)
            if cached is not None:
                return cached
        lots = await self._lots.browse_category(category, after_id)
        tops = await self._bids.highest_for_lots([lot["id"] for lot in lots])
        rows = [_summary(lot, tops.get(lot["id"])) for lot in lots]
        if after_id is None:
            await lot_cache.store_category_page(category, rows)
        return rows

    async def lot_view(self, lot_id: int, viewer_id: int | None, currency: str) -> dict[str, Any]:
        summary = lot_cache.get_summary(lot_id)
        if summary is None:
            lot = await self._lots.get(lot_id)
            top = await self._bids.highest(lot_id)
            summary = _summary(lot, top["amount_cents"] if top else None)
            lot_cache.put_summary(lot_id, summary)
        summary["viewer_is_leader"] = viewer_id is not None and summary["leading_bidder_id"] == viewer_id
        summary["display_price"] = await self._fx.convert(summary["price_cents"], "USD", currency)
        summary["currency"] = currency
        return summary

    async def search(self, term: str) -> list[dict[str, Any]]:
        lots = await self._lots.search(term.strip())
        ids = [lot["id"] for lot in lots]
        tops = await self._bids.highest_for_lots(ids)
        return [_summary(lot, tops.get(lot["id"])) for lot in lots]
