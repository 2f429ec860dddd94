"""Admin reports: daily summaries, driver leaderboards, CSV exports."""
from __future__ import annotations

import asyncio
import csv
import logging
import os
from collections.abc import Sequence
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.reports import ReportRepository
from dispatch.repositories.trips import TripRepository

logger = logging.getLogger(__name__)

EXPORT_COLUMNS = ("id", "rider_id", "driver_id", "city", "fare_cents", "surge_multiplier", "created_at")


def write_csv(path: str, rows: Sequence[dict]) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = f"{path}.tmp"
    try:
        with open(tmp, "w", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=EXPORT_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    os.replace(tmp, path)


def _summarize(rows: list[dict]) -> dict:
    df = pd.DataFrame.from_records(rows)
    if df.empty:
        return {"trips": 0}
    by_city = df.groupby("city").agg(trips=("id", "count"), revenue=("fare_cents", "sum"))
    return {
        "trips": int(len(df)),
        "revenue_cents": int(df["fare_cents"].sum()),
        "p50_surge": float(df["surge_multiplier"].astype(float).median()),
        "by_city": by_city.reset_index().to_dict(orient="records"),
    }


class ReportingService:
    def __init__(self, reports: ReportRepository, report_dir: str) -> None:
        self._reports = reports
        self._report_dir = report_dir

    async def weekly_summary(self, end: datetime) -> dict:
        rows = await self._reports.trips_between(end - timedelta(days=7), end)
        records = [dict(r) for r in rows]
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _summarize, records)

    async def surge_histogram(self, start: datetime, end: datetime) -> dict[str, int]:
        rows = await self._reports.trips_between(start, end)
        df = pd.DataFrame.from_records([dict(r) for r in rows])
        if df.empty:
            return {}
        buckets = pd.cut(df["surge_multiplier"].astype(float), bins=[0.99, 1.0, 1.5, 2.0, 2.5, 3.0, 10.0])
        return {str(k): int(v) for k, v in buckets.value_counts().sort_index().items()}

    async def daily_driver_table(self, session: AsyncSession, day: date) -> list[dict]:
        trips = await TripRepository(session).completed_on(day)
        drivers = DriverRepository(session)
        table: dict[int, dict] = {}
        for trip in trips:
            if trip.driver_id is None:
                continue
            if trip.driver_id not in table:
                driver = await drivers.get(trip.driver_id)
                table[trip.driver_id] = {"driver": driver.name if driver else "?", "trips": 0, "fare_cents": 0}
            table[trip.driver_id]["trips"] += 1
            table[trip.driver_id]["fare_cents"] += trip.fare_cents or 0
        return sorted(table.values(), key=lambda r: r["fare_cents"], reverse=True)

    async def top_drivers(self, start: datetime, end: datetime, limit: int = 20) -> list[dict]:
        rows = await self._reports.trips_between(start, end)
        totals: dict[int, int] = {}
        for r in rows:
            if r["driver_id"] is not None:
                totals[r["driver_id"]] = totals.get(r["driver_id"], 0) + (r["fare_cents"] or 0)
        best = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)[:limit]
        names = await self._reports.driver_names([d for d, _ in best])
        return [{"driver_id": d, "name": names.get(d, "?"), "fare_cents": c} for d, c in best]

    async def export_month(self, year: int, month: int) -> str:
        start = datetime(year, month, 1)
        end = datetime(year + (month == 12), month % 12 + 1, 1)
        rows = await self._reports.trips_between(start, end)
        path = f"{self._report_dir}/trips-{year}-{month:02d}.csv"
        write_csv(path, [dict(r) for r in rows])
        logger.info("exported %d trips to %s", len(rows), path)
        return path

    async def export_month_async(self, year: int, month: int) -> str:
        start = datetime(year, month, 1)
        end = datetime(year + (month == 12), month % 12 + 1, 1)
        rows = await self._reports.trips_between(start, end)
        path = f"{self._report_dir}/trips-{year}-{month:02d}-full.csv"
        await asyncio.to_thread(write_csv, path, [dict(r) for r in rows])
        return path
