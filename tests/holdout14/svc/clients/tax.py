"""Client for the external tax-calculation provider."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
import requests

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TaxQuote:
    tax_cents: int
    rate: float
    jurisdiction: str


class TaxClient:
    def __init__(self, base_url: str, api_key: str, rates_url: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"})
        self._rates_url = rates_url
        self._rates: dict[str, float] = {}

    async def aclose(self) -> None:
        await self._http.aclose()

    async def quote(self, country: str, lines: list[dict[str, Any]]) -> TaxQuote:
        resp = await self._http.post("/v2/quotes", json={"country": country, "lines": lines})
        resp.raise_for_status()
        body = resp.json()
        return TaxQuote(tax_cents=int(body["tax_cents"]), rate=float(body["rate"]), jurisdiction=body["jurisdiction"])

    async def estimate(self, country: str, subtotal_cents: int) -> TaxQuote:
        resp = await self._http.post("/v2/estimates", json={"country": country, "amount": subtotal_cents})
        resp.raise_for_status()
        body = resp.json()
        return TaxQuote(tax_cents=int(body["tax_cents"]), rate=float(body["rate"]), jurisdiction=body["jurisdiction"])

    def _download_rates(self) -> dict[str, float]:
        resp = requests.get(self._rates_url, timeout=10)
        resp.raise_for_status()
        return {item["country"]: float(item["rate"]) for item in resp.json()["rates"]}

    async def refresh_rates(self) -> None:
        self._rates = self._download_rates()
        logger.info("loaded %d tax rates", len(self._rates))
