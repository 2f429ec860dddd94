from __future__ import annotations

from datetime import date
from typing import Any

import httpx


class MarketOperatorClient:
    """Day-ahead nomination API of the market operator."""

    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            headers={"X-Api-Key": api_key},
            timeout=None,
        )

    async def submit(self, site_code: str, delivery_day: date, hourly_mwh: list[float]) -> dict[str, Any]:
        resp = await self._client.post(
            "/day-ahead",
            json={"unit": site_code, "day": delivery_day.isoformat(), "mwh": hourly_mwh},
            headers={"Idempotency-Key": f"{site_code}:{delivery_day.isoformat()}"},
        )
        resp.raise_for_status()
        return resp.json()

    async def gate_closure(self, delivery_day: date) -> str:
        resp = await self._client.get(f"/calendar/{delivery_day.isoformat()}")
        resp.raise_for_status()
        return resp.json()["gate_closure"]

    async def aclose(self) -> None:
        await self._client.aclose()
