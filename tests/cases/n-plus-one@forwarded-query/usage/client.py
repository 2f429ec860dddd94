"""Metrics API client: every request goes through one private helper taking the query."""
from __future__ import annotations

from typing import Any, Sequence

import httpx


class MetricsClient:
    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def _get(self, path: str, params: dict) -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=self._base, timeout=10.0) as client:
            resp = await client.get(path, params=params)
            resp.raise_for_status()
            return resp.json()

    async def cpu_series(self, resource_id: str, days: int = 14) -> list[float]:
        payload = await self._get("/v2/cpu", {"resource": resource_id, "days": days})
        return [float(p) for p in payload.get("points", [])]

    async def cpu_series_batch(self, resource_ids: Sequence[str], days: int = 14) -> dict[str, list[float]]:
        payload = await self._get("/v2/cpu:batch", {"resource": list(resource_ids), "days": days})
        return {item["resource"]: item["points"] for item in payload.get("series", [])}

    async def status(self) -> dict[str, Any]:
        return await self._get("/v2/status", {"verbose": 1})
