from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..cache.memo import normalise_metric
from ..repositories.telemetry import TelemetryRepository
from ..schemas import TelemetryBatch, TelemetryPoint
from .alarm_service import FAULT_METRICS, AlarmService
from .plant_overview import PlantOverviewService

log = logging.getLogger(__name__)

# counters exposed on /metrics
INGEST_STATS: dict[str, int] = {"batches": 0, "points": 0, "duplicates": 0}


class TelemetryService:
    def __init__(self, repo: TelemetryRepository, alarms: AlarmService, overview: PlantOverviewService) -> None:
        self._repo = repo
        self._alarms = alarms
        self._overview = overview
        self._background: set[asyncio.Task[Any]] = set()

    def _dedupe(self, points: list[TelemetryPoint]) -> list[TelemetryPoint]:
        seen: list[tuple[int, str, str]] = []
        unique: list[TelemetryPoint] = []
        for p in points:
            key = (p.asset_id, p.metric, p.ts.isoformat())
            if key in seen:
                continue
            seen.append(key)
            unique.append(p)
        return unique

    async def ingest(self, batch: TelemetryBatch) -> int:
        points = []
        for p in batch.points:
            family, _unit = normalise_metric(p.metric)
            points.append(p.model_copy(update={"metric": family}))
        unique = self._dedupe(points)
        INGEST_STATS["batches"] += 1
        INGEST_STATS["points"] += len(unique)
        INGEST_STATS["duplicates"] += len(points) - len(unique)
        stored = await self._repo.insert_points(unique)

        faults = [p for p in unique if p.metric in FAULT_METRICS and p.value != 0]
        await asyncio.gather(*[
            self._alarms.raise_if_new(batch.site_id, p.asset_id, f"{p.metric}:{int(p.value)}", 3, p.ts)
            for p in faults
        ])
        asyncio.create_task(self._overview.refresh_site(batch.site_id))
        return stored

    async def ingest_from_queue(self, batch: TelemetryBatch) -> int:
        stored = await self._repo.insert_points(self._dedupe(batch.points))
        task = asyncio.create_task(self._overview.refresh_site(batch.site_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)
        return stored
