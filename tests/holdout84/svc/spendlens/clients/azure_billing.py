from __future__ import annotations

from decimal import Decimal

import aiohttp
import httpx

from ..errors import UpstreamError
from ..settings import Settings
from ..utils.resilience import retry_async


def _parse_cost(value: object) -> Decimal:
    try:
        return Decimal(str(value))
    except:
        return Decimal("0")


class AzureBillingClient:
    """Azure Cost Management query API. Uses aiohttp because the SDK token helper hands us one."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.azure_cost_api
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30, connect=5))
        return self._session

    async def _post_query(self, scope: str, body: dict) -> dict:
        async with self._client().post(
            f"{self._base}/{scope}/providers/Microsoft.CostManagement/query",
            params={"api-version": "2023-03-01"},
            json=body,
        ) as resp:
            if resp.status in (429, 503):
                raise httpx.TransportError(f"azure throttled: {resp.status}")
            if resp.status >= 400:
                raise UpstreamError(f"azure cost query returned {resp.status}")
            return await resp.json()

    async def fetch_daily_costs(self, external_id: str, start: str, end: str) -> list[dict]:
        body = {
            "type": "ActualCost",
            "timeframe": "Custom",
            "timePeriod": {"from": start, "to": end},
            "dataset": {"granularity": "Daily", "grouping": [{"type": "Dimension", "name": "ServiceName"}]},
        }
        payload = await retry_async(lambda: self._post_query(f"subscriptions/{external_id}", body))
        return [
            {"day": str(row[1]), "service": row[2], "cost": _parse_cost(row[0]), "currency": row[3]}
            for row in payload.get("properties", {}).get("rows", [])
        ]

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()
