from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx

from ..errors import UpstreamError
from ..settings import Settings


class ForecastClient:
    """End-of-period spend forecast from the data-science service (Prophet models, slow on cold start)."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._base = settings.forecast_api_url
        self._http = http

    async def forecast(self, tenant_id: int, series: list[tuple[date, Decimal]], horizon_days: int) -> list[dict]:
        payload = {
            "tenant": tenant_id,
            "horizon": horizon_days,
            "points": [{"ds": day.isoformat(), "y": float(total)} for day, total in series],
        }
        resp = await self._http.post(f"{self._base}/v1/forecast", json=payload, timeout=httpx.Timeout(30.0))
        if resp.status_code != 200:
            raise UpstreamError(f"forecast service returned {resp.status_code}")
        return resp.json()["forecast"]
