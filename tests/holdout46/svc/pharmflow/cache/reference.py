"""In-process reference-data caches: per-plan formularies and the drug master catalogue."""
from __future__ import annotations

import asyncio
import copy
import logging
import time
from typing import Any

import httpx

from ..clients.pbm import PBMClient

log = logging.getLogger(__name__)

REFRESH_SECONDS = 3600


class FormularyCache:
    def __init__(self, pbm: PBMClient, max_plans: int = 256) -> None:
        self.pbm = pbm
        self.max_plans = max_plans
        self._plans: dict[str, tuple[float, dict[str, dict[str, Any]]]] = {}
        self._lock = asyncio.Lock()

    async def _load(self, plan_id: str) -> dict[str, dict[str, Any]]:
        entries = await self.pbm.get_formulary(plan_id)
        async with self._lock:
            if len(self._plans) >= self.max_plans and plan_id not in self._plans:
                oldest = min(self._plans, key=lambda k: self._plans[k][0])
                del self._plans[oldest]
            self._plans[plan_id] = (time.monotonic(), entries)
        return entries

    async def entry(self, plan_id: str, ndc: str) -> dict[str, Any] | None:
        cached = self._plans.get(plan_id)
        if cached is None or time.monotonic() - cached[0] > REFRESH_SECONDS:
            entries = await self._load(plan_id)
        else:
            entries = cached[1]
        return entries.get(ndc)


class DrugCatalog:
    def __init__(self, base_url: str, ttl: float = 6 * 3600) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=10.0)
        self._ttl = ttl
        self._loaded_at = 0.0
        self._items: dict[str, dict[str, Any]] = {}

    async def refresh(self) -> None:
        try:
            resp = await self._http.get("/catalog/full")
            resp.raise_for_status()
        except httpx.HTTPError:
            if self._items:
                log.warning("drug catalogue refresh failed; serving %d cached items", len(self._items))
                return
            raise
        self._items = {row["ndc"]: row for row in resp.json()["items"]}
        self._loaded_at = time.monotonic()

    async def _ensure(self) -> None:
        if not self._items or time.monotonic() - self._loaded_at > self._ttl:
            await self.refresh()

    async def lookup(self, ndc: str) -> dict[str, Any] | None:
        await self._ensure()
        item = self._items.get(ndc)
        return dict(item) if item is not None else None

    async def snapshot(self) -> dict[str, dict[str, Any]]:
        await self._ensure()
        return copy.deepcopy(self._items)

    async def schedule_of(self, ndc: str) -> int | None:
        catalog = await self.snapshot()
        item = catalog.get(ndc)
        return item.get("dea_schedule") if item else None
