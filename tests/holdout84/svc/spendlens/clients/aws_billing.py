from __future__ import annotations

import httpx

from ..errors import UpstreamError
from ..settings import Settings


class AwsBillingClient:
    """Cost Explorer through the internal AWS gateway (it holds the assume-role credentials)."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.aws_gateway_url
        self._http = http

    async def fetch_daily_costs(self, external_id: str, start: str, end: str) -> list[dict]:
        body = {
            "AccountId": external_id,
            "TimePeriod": {"Start": start, "End": end},
            "Granularity": "DAILY",
            "Metrics": ["UnblendedCost"],
            "GroupBy": [{"Type": "DIMENSION", "Key": "SERVICE"}],
        }
        resp = await self._http.post(f"{self._base}/ce/get-cost-and-usage", json=body)
        if resp.status_code >= 400:
            raise UpstreamError(f"aws gateway returned {resp.status_code}")
        rows: list[dict] = []
        for period in resp.json().get("ResultsByTime", []):
            day = period["TimePeriod"]["Start"]
            for group in period.get("Groups", []):
                amount = group["Metrics"]["UnblendedCost"]
                rows.append({"day": day, "service": group["Keys"][0], "cost": amount["Amount"], "currency": amount["Unit"]})
        return rows
