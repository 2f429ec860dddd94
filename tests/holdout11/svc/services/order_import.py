"""Order intake from storefront webhooks and catch-up backfills."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from svc.clients.carrier import AddressValidator
from svc.clients.storefront import StorefrontClient
from svc.db.orders_repo import OrderRepository

logger = logging.getLogger(__name__)

SEEN_TTL_S = 7 * 24 * 3600
BACKFILL_CONCURRENCY = 8


class OrderImportService:
    def __init__(
        self, orders: OrderRepository, storefront: StorefrontClient, address: AddressValidator, redis: Redis
    ) -> None:
        self._orders = orders
        self._storefront = storefront
        self._address = address
        self._redis = redis

    async def ingest(self, shop_id: str, body: dict[str, Any]) -> int | None:
        payload = copy.deepcopy(body)
        ref = str(payload["id"])
        seen_key = f"wms:webhook:{shop_id}:{ref}"
        if await self._redis.exists(seen_key):
            logger.info("duplicate delivery of order %s/%s ignored", shop_id, ref)
            return None
        ship_to = await self._address.normalise(payload["shipping_address"])
        items = [item for item in payload["line_items"] if item.get("requires_shipping", True)]
        lines = [{"sku": item["sku"], "quantity": item["quantity"]} for item in items]
        order_id = await self._orders.insert_order(shop_id, ref, ship_to, lines)
        await self._redis.set(seen_key, order_id, ex=SEEN_TTL_S)
        asyncio.create_task(self._announce(order_id, shop_id))
        return order_id

    async def cancel(self, shop_id: str, ref: str) -> bool:
        first = await self._redis.set(f"wms:cancel:{shop_id}:{ref}", "1", nx=True, ex=SEEN_TTL_S)
        if not first:
            return False
        order = await self._orders.find_by_external_ref(ref)
        if order is None:
            logger.warning("cancellation for unknown order %s/%s", shop_id, ref)
            return False
        return await self._orders.cancel(order["id"])

    async def backfill(self, shop_id: str, refs: list[str]) -> list[int | None]:
        gate = asyncio.Semaphore(BACKFILL_CONCURRENCY)

        async def one(ref: str) -> int | None:
            async with gate:
                body = await self._storefront.fetch_order(shop_id, ref)
                return await self.ingest(shop_id, body)

        return await asyncio.gather(*(one(ref) for ref in refs))

    async def _announce(self, order_id: int, shop_id: str) -> None:
        event = {"event": "order_received", "order_id": order_id, "shop": shop_id}
        try:
            await self._redis.publish("wms:floor", json.dumps(event))
        except RedisError:
            return
