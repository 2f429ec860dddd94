"""Shipping-quote aggregator client."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quote:
    carrier: str
    service: str
    price_cents: int
    days: int


class ShippingClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client = httpx.AsyncClient(
            base_url=settings.shipping_base_url,
            headers={"X-Api-Key": settings.shipping_api_key},
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get_quotes(self, origin: str, destination: str, weight_grams: int) -> list[Quote]:
        resp = await self._client.post(
            "/v1/quotes",
            json={"from": origin, "to": destination, "weight_g": weight_grams},
        )
        resp.raise_for_status()
        return [
            Quote(q["carrier"], q["service"], int(q["price_cents"]), int(q["days"]))
            for q in resp.json()["quotes"]
        ]

    async def track(self, carrier: str, tracking_number: str) -> dict:
        async with httpx.AsyncClient(base_url=self._settings.shipping_base_url) as client:
            resp = await client.get(f"/v1/track/{carrier}/{tracking_number}")
            resp.raise_for_status()
            return resp.json()
