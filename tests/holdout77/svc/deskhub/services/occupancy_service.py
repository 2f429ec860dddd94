from __future__ import annotations

import copy
import heapq
import json
import logging
import statistics
from collections import defaultdict
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from ..repositories.occupancy import OccupancyStore

logger = logging.getLogger(__name__)


@lru_cache(maxsize=None)
def parse_reading(raw: str) -> tuple[str, int | None, int, datetime]:
    doc = json.loads(raw)
    return doc["sensor"], doc.get("space"), int(doc["count"]), datetime.fromisoformat(doc["ts"])


class OccupancyService:
    def __init__(self, store: OccupancyStore) -> None:
        self._store = store

    async def ingest(self, location_id: int, raw_lines: list[str]) -> int:
        rows = []
        for raw in raw_lines:
            try:
                sensor_id, space_id, people, recorded_at = parse_reading(raw)
            except (ValueError, KeyError) as exc:
                logger.warning("dropping malformed reading from location %s: %s", location_id, exc)
                continue
            rows.append((sensor_id, location_id, space_id, people, recorded_at))
        written = await self._store.insert_batch(rows)
        logger.debug("location %s: stored %d of %d readings", location_id, written, len(raw_lines))
        return written

    async def day_profile(self, location_id: int, day: date) -> list[dict[str, Any]]:
        rows = await self._store.hourly_for_day(location_id, day)
        return [
            {"space_id": r["space_id"], "hour": r["hour"].isoformat(), "avg": float(r["avg_people"]), "peak": r["peak_people"]}
            for r in rows
        ]

    async def heatmap(self, location_id: int, start: datetime, end: datetime) -> dict[str, Any]:
        raw = await self._store.readings_between(location_id, start, end)
        readings = copy.deepcopy([dict(row) for row in raw])

        # rooms with two sensors report twice a minute; count each space once per minute
        seen: list[tuple[int | None, datetime]] = []
        buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        for reading in readings:
            moment = reading["recorded_at"]
            marker = (reading["space_id"], moment.replace(second=0, microsecond=0))
            if marker in seen:
                continue
            seen.append(marker)
            buckets[(moment.weekday(), moment.hour)].append(reading["people"])

        cells = {f"{dow}:{hour}": statistics.median(values) for (dow, hour), values in buckets.items()}
        busiest = heapq.nlargest(5, cells.items(), key=lambda item: item[1])
        return {"cells": cells, "busiest": [key for key, _ in busiest], "samples": len(seen)}
