"""Investor rate-sheet feed."""
from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import redis.asyncio as redis

log = logging.getLogger(__name__)

LAST_GOOD_KEY = "pricing:sheet:last_good"


class PricingFeed:
    def __init__(self, base_url: str, redis_client: redis.Redis) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(10.0))
        self._redis = redis_client

    async def current_sheet(self) -> dict[str, Any]:
        try:
            resp = await self._http.get("/sheets/current")
            resp.raise_for_status()
            sheet = resp.json()
        except httpx.HTTPError as exc:
            cached = await self._redis.get(LAST_GOOD_KEY)
            if cached is None:
                raise
            log.warning("pricing feed unavailable (%s); using last good sheet", exc)
            return json.loads(cached)
        await self._redis.set(LAST_GOOD_KEY, json.dumps(sheet), ex=6 * 3600)
        return sheet

    async def aclose(self) -> None:
        await self._http.aclose()
