"""Shipping quotes and shipment tracking for won lots."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx

from svc.cache.redis import cache_redis
from svc.clients.shipping import Quote, ShippingClient
from svc.repositories.lots import LotRepository
from svc.repositories.payouts import ShipmentRepository

log = logging.getLogger(__name__)

FLAT_RATE_CENTS = 1500


class ShippingService:
    def __init__(
        self, client: ShippingClient, lots: LotRepository, shipments: ShipmentRepository
    ) -> None:
        self._client = client
        self._lots = lots
        self._shipments = shipments
        self._quote_limit = asyncio.Semaphore(8)

    async def quote_for_lot(self, lot: Any, origin: str, destination: str) -> list[dict[str, Any]]:
        key = f"lot:{lot['id']}:quotes:{destination}"
        cached = await cache_redis.get(key)
        if cached is not None:
            return json.loads(cached)
        try:
            quotes = await self._client.get_quotes(origin, destination, lot["weight_grams"])
        except (httpx.HTTPError, KeyError) as exc:
            log.warning("shipping quotes unavailable for lot %s: %s", lot["id"], exc)
            return [{"carrier": "standard", "service": "flat", "price_cents": FLAT_RATE_CENTS}]
        rows = [q.__dict__ for q in quotes]
        await cache_redis.set(key, json.dumps(rows), ex=600)
        return rows

    async def quotes_for_lots(
        self, lot_ids: list[int], origin: str, destination: str
    ) -> dict[int, list[dict[str, Any]]]:
        lots = await self._lots.get_many(lot_ids)

        async def one(lot: Any) -> tuple[int, list[dict[str, Any]]]:
            async with self._quote_limit:
                return lot["id"], await self.quote_for_lot(lot, origin, destination)

        pairs = await asyncio.gather(*(one(lot) for lot in lots))
        return dict(pairs)

    async def watchlist_quotes(
        self, lot_ids: list[int], origin: str, destination: str
    ) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = {}
        for lot_id in lot_ids:
            lot = await self._lots.get(lot_id)
            out[lot_id] = await self.quote_for_lot(lot, origin, destination)
        return out

    async def tracking(self, lot_id: int) -> dict[str, Any]:
        shipment = await self._shipments.for_lot(lot_id)
        if shipment is None:
            return {"status": "not_shipped"}
        info = await self._client.track(shipment["carrier"], shipment["tracking_number"])
        if info.get("status") != shipment["status"]:
            self._shipments.update_status(shipment["id"], info["status"])
        return info

    def cheapest(self, quotes: list[Quote]) -> Quote | None:
        return min(quotes, key=lambda q: q.price_cents, default=None)
