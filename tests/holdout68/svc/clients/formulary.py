"""Wholesaler formulary: current drug prices and stock for pharmacy refills."""
from __future__ import annotations

import asyncio
import logging
import time

import httpx

logger = logging.getLogger(__name__)

FORMULARY_URL = "https://formulary.vetwholesale.example"


class FormularyClient:
    def __init__(self, client_id: str, client_secret: str) -> None:
        self._client_id = client_id
        self._client_secret = client_secret
        self._http = httpx.AsyncClient(base_url=FORMULARY_URL, timeout=httpx.Timeout(6.0, connect=2.0))
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = asyncio.Lock()
        self._last_prices: dict[str, int] = {}

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _token_header(self) -> dict[str, str]:
        if self._token and time.monotonic() < self._token_expiry:
            return {"Authorization": f"Bearer {self._token}"}
        async with self._token_lock:
            if not self._token or time.monotonic() >= self._token_expiry:
                resp = await self._http.post(
                    "/oauth/token",
                    data={"grant_type": "client_credentials"},
                    auth=(self._client_id, self._client_secret),
                )
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._token_expiry = time.monotonic() + body["expires_in"] - 30
        return {"Authorization": f"Bearer {self._token}"}

    async def prices(self, drug_codes: list[str]) -> dict[str, int]:
        """Unit prices in cents; falls back to the last known list when the wholesaler is down."""
        try:
            headers = await self._token_header()
            resp = await self._http.get("/v1/prices", params={"codes": ",".join(drug_codes)}, headers=headers)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("formulary unavailable, using last known prices: %s", exc)
            return {code: self._last_prices[code] for code in drug_codes if code in self._last_prices}
        prices = {row["code"]: int(row["unit_cents"]) for row in resp.json()["items"]}
        self._last_prices.update(prices)
        return prices
