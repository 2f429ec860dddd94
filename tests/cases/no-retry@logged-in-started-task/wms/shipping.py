"""Label printing; the storefront is told about the shipment in the background."""
from __future__ import annotations

import asyncio
import logging

from .storefront import StorefrontClient

log = logging.getLogger(__name__)


class ShippingService:
    def __init__(self, storefront: StorefrontClient) -> None:
        self._storefront = storefront
        self._background: set[asyncio.Task] = set()
        self._previews: dict[str, dict] = {}

    async def print_label(self, shop_id: str, order_ref: str) -> dict:
        tracking = f"TRK-{order_ref}"
        task = asyncio.create_task(self._push_tracking(shop_id, order_ref, tracking))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return {"tracking_number": tracking}

    async def _push_tracking(self, shop_id: str, order_ref: str, tracking: str) -> None:
        try:
            await self._storefront.push_fulfilment(shop_id, order_ref, tracking)
        except Exception:
            log.exception("could not push tracking %s for %s", tracking, order_ref)

    async def refresh_preview(self, shop_id: str, order_ref: str) -> None:
        asyncio.create_task(self._cache_preview(shop_id, order_ref))

    async def _cache_preview(self, shop_id: str, order_ref: str) -> None:
        try:
            self._previews[order_ref] = await self._storefront.preview_label(shop_id, order_ref)
        except Exception:
            log.warning("preview unavailable for %s", order_ref)
