"""Storefront webhook intake."""
from __future__ import annotations

import copy
import logging
from typing import Any

from .store import OrderStore

logger = logging.getLogger(__name__)


class WebhookIntake:
    def __init__(self, store: OrderStore) -> None:
        self._store = store
        self._last: dict[str, Any] = {}

    async def order_created(self, shop: str, body: dict[str, Any]) -> int:
        payload = copy.deepcopy(body)  # expect: unnecessary-copy
        ref = str(payload["id"])
        items = [item for item in payload["line_items"] if item.get("requires_shipping", True)]
        lines = [{"sku": item["sku"], "qty": item["quantity"]} for item in items]
        logger.info("order %s/%s with %d lines", shop, ref, len(lines))
        return await self._store.insert(shop, ref, lines)

    async def order_updated(self, shop: str, body: dict[str, Any]) -> int:
        payload = copy.deepcopy(body)
        payload["line_items"] = [i for i in payload["line_items"] if i.get("quantity")]
        return await self._store.replace(shop, str(payload["id"]), payload["line_items"])

    async def order_cancelled(self, shop: str, body: dict[str, Any]) -> None:
        snapshot = copy.deepcopy(body)
        self._last[shop] = snapshot
        await self._store.cancel(shop, str(body["id"]))

    async def order_paid(self, shop: str, body: dict[str, Any]) -> None:
        before = copy.deepcopy(body)
        body.setdefault("tags", []).append("paid")
        if before["tags"] != body["tags"]:
            await self._store.tag(shop, str(body["id"]), body["tags"])
