"""Dynamic pricing service: price per tier for an event, recomputed every few minutes."""
from __future__ import annotations

from decimal import Decimal

import httpx

from svc.clients.resilience import http_retry, pricing_breaker
from svc.config import settings


class PricingClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.pricing_base_url, timeout=httpx.Timeout(2.0, connect=1.0))

    async def aclose(self) -> None:
        await self._http.aclose()

    @pricing_breaker
    @http_retry()
    async def tier_prices(self, event_id: int) -> dict[str, Decimal]:
        resp = await self._http.get(f"/v1/events/{event_id}/tiers")
        resp.raise_for_status()
        return {tier: Decimal(price) for tier, price in resp.json()["tiers"].items()}

    @pricing_breaker
    @http_retry()
    async def tier_prices_many(self, event_ids: list[int]) -> dict[int, dict[str, Decimal]]:
        resp = await self._http.post("/v1/tiers:batch", json={"event_ids": event_ids})
        resp.raise_for_status()
        return {
            int(eid): {tier: Decimal(p) for tier, p in tiers.items()}
            for eid, tiers in resp.json()["events"].items()
        }
