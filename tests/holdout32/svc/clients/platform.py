"""Platform account service: linked accounts, entitlements, regional pricing."""
from __future__ import annotations

import httpx

from svc.config import Settings
from svc.retry import retry_async


class PlatformClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.platform_base_url,
            headers={"X-Api-Key": settings.platform_api_key},
        )

    async def fetch_entitlements(self, account_id: str) -> list[str]:
        resp = await self._http.get(f"/v2/accounts/{account_id}/entitlements")
        resp.raise_for_status()
        return [entry["sku"] for entry in resp.json()["entitlements"]]

    async def regional_prices(self, region: str) -> dict[str, int]:
        async def _call() -> dict[str, int]:
            resp = await self._http.get("/v2/pricing", params={"region": region})
            resp.raise_for_status()
            return {p["sku"]: int(p["price_cents"]) for p in resp.json()["prices"]}

        return await retry_async(_call, attempts=3, retry_on=(httpx.TransportError, httpx.HTTPStatusError))

    async def aclose(self) -> None:
        await self._http.aclose()
