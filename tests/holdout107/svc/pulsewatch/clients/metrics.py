from __future__ import annotations

from datetime import datetime
from typing import Optional

import httpx

from pulsewatch.config import Settings


class MetricsClient:
    """Client for the response-time TSDB (Prometheus-compatible query API)."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.metrics_api_url)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def response_time_series(
        self, monitor_ids: list[str], start: datetime, end: datetime, step: str = "1h"
    ) -> dict[str, list[tuple[float, float]]]:
        ids = "|".join(monitor_ids)
        response = await self._http.get(
            "/api/v1/query_range",
            params={
                "query": f'avg by (monitor_id) (pulsewatch_probe_latency_ms{{monitor_id=~"{ids}"}})',
                "start": start.timestamp(),
                "end": end.timestamp(),
                "step": step,
            },
        )
        response.raise_for_status()
        series: dict[str, list[tuple[float, float]]] = {}
        for item in response.json()["data"]["result"]:
            series[item["metric"]["monitor_id"]] = [(float(ts), float(v)) for ts, v in item["values"]]
        return series

    async def push_latency(self, lines: list[str]) -> None:
        response = await self._http.post("/api/v1/import/prometheus", content="\n".join(lines))
        response.raise_for_status()

    async def ping(self) -> Optional[str]:
        response = await self._http.get("/health", timeout=2.0)
        return None if response.status_code == 200 else f"status {response.status_code}"
