"""Partner reward catalog cached per region, refreshed from the partner network."""
from __future__ import annotations

import asyncio
import copy
import logging
import time
from typing import Any

from loyalty.clients.partner_api import PartnerClient, PartnerError
from loyalty.clients.resilience import CircuitOpenError

log = logging.getLogger(__name__)


class CatalogCache:
    def __init__(self, partner: PartnerClient, ttl: float = 600.0) -> None:
        self._partner = partner
        self._ttl = ttl
        self._items: dict[str, list[dict[str, Any]]] = {}
        self._fetched_at: dict[str, float] = {}
        self._lock = asyncio.Lock()

    def _fresh(self, region: str) -> bool:
        return time.monotonic() - self._fetched_at.get(region, 0.0) < self._ttl

    async def get(self, region: str) -> list[dict[str, Any]]:
        if not self._fresh(region):
            async with self._lock:
                if not self._fresh(region):
                    await self.refresh(region)
        return copy.deepcopy(self._items.get(region, []))

    async def refresh(self, region: str) -> None:
        async with self._lock:
            try:
                items = await self._partner.fetch_catalog(region)
            except (PartnerError, CircuitOpenError) as exc:
                if region in self._items:
                    log.warning("catalog refresh for %s failed, serving stale copy: %s", region, exc)
                    return
                raise
            self._items[region] = items
            self._fetched_at[region] = time.monotonic()

    def invalidate(self, region: str | None = None) -> None:
        if region is None:
            self._fetched_at.clear()
        else:
            self._fetched_at.pop(region, None)
