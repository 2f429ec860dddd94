"""Finance and operations reports."""
from __future__ import annotations

import asyncio
import io
from datetime import datetime

import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.config import get_settings
from svc.repositories.trip_repo import TripRepository

REPLICA_SUFFIX = "?application_name=dispatch-reports"


def _summarise(rows: list[dict]) -> str:
    frame = pd.DataFrame(rows)
    if frame.empty:
        return ""
    frame["fare"] = frame["final_fare_cents"] / 100
    summary = frame.groupby("zone").agg(trips=("id", "count"), revenue=("fare", "sum"), avg_surge=("surge", "mean"))
    buffer = io.StringIO()
    summary.to_csv(buffer)
    return buffer.getvalue()


class ReportingService:
    def __init__(self, trips: TripRepository) -> None:
        self.trips = trips

    async def zone_revenue_csv(self, start: datetime, end: datetime) -> str:
        trips = await self.trips.completed_between(start, end)
        rows = [
            {"id": t.id, "zone": t.zone, "final_fare_cents": t.final_fare_cents, "surge": float(t.surge_multiplier)}
            for t in trips
        ]
        return await asyncio.to_thread(_summarise, rows)

    async def driver_hours_csv(self, start: datetime, end: datetime) -> str:
        engine = create_async_engine(get_settings().database_url + REPLICA_SUFFIX)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT driver_id, date_trunc('day', accepted_at) AS day, "
                    "SUM(EXTRACT(EPOCH FROM completed_at - accepted_at)) / 3600 AS hours "
                    "FROM trips WHERE completed_at >= :start AND completed_at < :end "
                    "GROUP BY driver_id, day"
                ),
                {"start": start, "end": end},
            )
            rows = [dict(r._mapping) for r in result]
        frame = pd.DataFrame(rows)
        pivot = frame.pivot_table(index="driver_id", columns="day", values="hours", aggfunc="sum", fill_value=0)
        return pivot.to_csv()
