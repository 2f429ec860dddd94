from __future__ import annotations

import httpx

from ..errors import UpstreamError
from ..settings import Settings
from ..utils.resilience import retry_async


class GcpBillingClient:
    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.gcp_billing_api
        self._http = http

    async def _query(self, external_id: str, start: str, end: str) -> httpx.Response:
        resp = await self._http.get(
            f"{self._base}/v1/billingAccounts/{external_id}/costs",
            params={"startDate": start, "endDate": end, "granularity": "DAILY"},
        )
        resp.raise_for_status()
        return resp

    async def fetch_daily_costs(self, external_id: str, start: str, end: str) -> list[dict]:
        try:
            resp = await retry_async(lambda: self._query(external_id, start, end))
        except httpx.HTTPError as exc:
            raise UpstreamError(f"gcp billing query failed for {external_id}") from exc
        return [
            {"day": row["date"], "service": row["service"]["description"], "cost": row["cost"], "currency": row["currency"]}
            for row in resp.json().get("rows", [])
        ]
