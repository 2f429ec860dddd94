"""Rightsizing over an account's instances."""
from __future__ import annotations

from typing import Any

from usage.client import MetricsClient


class Rightsizing:
    def __init__(self, metrics: MetricsClient) -> None:
        self._metrics = metrics

    async def peaks(self, instances: list[Any]) -> dict[str, float]:
        out: dict[str, float] = {}
        for instance in instances:
            series = await self._metrics.cpu_series(instance.resource_id)  # expect: n-plus-one
            out[instance.resource_id] = max(series, default=0.0)
        return out

    async def peaks_batched(self, instances: list[Any]) -> dict[str, float]:
        series = await self._metrics.cpu_series_batch([i.resource_id for i in instances])
        return {rid: max(points, default=0.0) for rid, points in series.items()}

    async def health(self, regions: list[str]) -> list[dict[str, Any]]:
        out = []
        for _region in regions:
            out.append(await self._metrics.status())  # the same constant query: nothing of the item goes out
        return out
