from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

import pandas as pd

from ..repositories.adt_events import AdtEventRepository
from ..repositories.census import CensusRepository
from ..repositories.wards import WardRepository

logger = logging.getLogger(__name__)


def build_movement_frame(events: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(events)
    if frame.empty:
        return frame
    frame["hour"] = pd.to_datetime(frame["event_time"]).dt.hour
    return frame.pivot_table(index="ward_code", columns="hour", values="id", aggfunc="count", fill_value=0)


class CensusService:
    def __init__(self, wards: WardRepository, census: CensusRepository, events: AdtEventRepository) -> None:
        self._wards = wards
        self._census = census
        self._events = events

    async def build_census(self, day: date) -> list[dict[str, Any]]:
        wards = await self._wards.list_all()
        occupied = await self._census.ward_counts([w.code for w in wards])
        summary = {r["code"]: r for r in await self._wards.occupancy_summary()}
        rows = []
        for ward in wards:
            total = summary.get(ward.code, {}).get("total", 0)
            rows.append(
                {
                    "census_date": day.isoformat(),
                    "ward_code": ward.code,
                    "occupied": occupied.get(ward.code, 0),
                    "available": total - occupied.get(ward.code, 0),
                }
            )
        return rows

    async def movement_matrix(self, day: date) -> dict[str, Any]:
        events = [dict(r) for r in await self._events.events_on(day)]
        frame = pd.DataFrame(events)
        if frame.empty:
            return {}
        frame["hour"] = pd.to_datetime(frame["event_time"]).dt.hour
        pivot = frame.pivot_table(index="ward_code", columns="hour", values="id", aggfunc="count", fill_value=0)
        return pivot.to_dict(orient="index")

    async def movement_matrix_offloaded(self, day: date) -> dict[str, Any]:
        events = [dict(r) for r in await self._events.events_on(day)]
        frame = await asyncio.to_thread(build_movement_frame, events)
        return {} if frame.empty else frame.to_dict(orient="index")
