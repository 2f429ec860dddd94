from __future__ import annotations

from collections.abc import Sequence

import httpx

from ..settings import Settings
from ..utils.resilience import CircuitBreaker, retry_async


class MetricsClient:
    """Utilisation metrics (CPU, memory) collected by the customer-side agent."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.metrics_api_url
        self._breaker = CircuitBreaker("metrics-api", threshold=5, reset_after=60)

    async def _get(self, path: str, params: dict) -> dict:
        async with httpx.AsyncClient(base_url=self._base, timeout=10.0) as client:
            resp = await client.get(path, params=params)
            resp.raise_for_status()
            return resp.json()

    async def get_cpu_series(self, resource_id: str, days: int = 14) -> list[float]:
        payload = await self._breaker.call(
            lambda: retry_async(lambda: self._get("/v2/cpu", {"resource": resource_id, "days": days}))
        )
        return [float(point["p95"]) for point in payload.get("points", [])]

    async def get_cpu_series_batch(self, resource_ids: Sequence[str], days: int = 14) -> dict[str, list[float]]:
        payload = await self._breaker.call(
            lambda: retry_async(lambda: self._get("/v2/cpu:batch", {"resource": list(resource_ids), "days": days}))
        )
        return {item["resource"]: [float(p["p95"]) for p in item["points"]] for item in payload.get("series", [])}
