"""CSV exports, statistical summaries and the daily fleet digest."""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from svc.db import Database
from svc.models.schemas import SummaryRequest
from svc.repositories.devices import DevicesRepository
from svc.repositories.readings import ReadingsRepository
from svc.settings import Settings
from svc.utils.storage import write_export_file

_EXPORT_HEADER = ("ts", "metric", "value", "quality")

_DIGEST_SQL = """
SELECT metric, avg(avg) AS avg, min(min) AS min, max(max) AS max, sum(count) AS n
FROM readings_hourly
WHERE device_id = $1 AND bucket >= $2 AND bucket < $2 + interval '1 day'
GROUP BY metric
"""


@dataclass(frozen=True, slots=True)
class DigestLine:
    name: str
    metric: str
    avg: float
    min: float
    max: float


def render_digest(title: str, lines: Sequence[DigestLine]) -> str:
    body = f"{title}\n{'=' * len(title)}\n"
    for line in lines:
        body += f"{line.name:<32} {line.metric:<14} {line.avg:>9.2f} {line.min:>9.2f} {line.max:>9.2f}\n"
    return body


def _hourly_profile(points: list[tuple[datetime, float]]) -> list[dict[str, Any]]:
    """Mean and spread per hour of day over the given points."""
    frame = pd.DataFrame(points, columns=["ts", "value"])
    if frame.empty:
        return []
    frame["hour"] = pd.to_datetime(frame["ts"], utc=True).dt.hour
    grouped = frame.groupby("hour")["value"].agg(mean="mean", spread="std", n="count").fillna(0.0).reset_index()
    return [
        {"hour": int(rec["hour"]), "mean": float(rec["mean"]), "std": float(rec["spread"]), "count": int(rec["n"])}
        for rec in grouped.to_dict("records")
    ]


class ReportService:
    def __init__(self, db: Database, devices: DevicesRepository, readings: ReadingsRepository, settings: Settings) -> None:
        self._db = db
        self._devices = devices
        self._readings = readings
        self._settings = settings
        self._export_dir = Path(settings.export_dir)
        self._summary_cache: dict[tuple[uuid.UUID, str, datetime, datetime, str], list[dict[str, Any]]] = {}

    async def export_device_csv(self, tenant_id: uuid.UUID, device_id: uuid.UUID) -> Path:
        await self._devices.get_for_tenant(tenant_id, device_id)
        rows = await self._readings.export_rows(device_id)
        name = f"{device_id}-{datetime.now(timezone.utc):%Y%m%dT%H%M%S}.csv"
        return write_export_file(
            self._export_dir,
            name,
            _EXPORT_HEADER,
            ((row["ts"].isoformat(), row["metric"], row["value"], row["quality"]) for row in rows),
        )

    async def summarize(self, tenant_id: uuid.UUID, device_id: uuid.UUID, req: SummaryRequest) -> list[dict[str, Any]]:
        key = (device_id, req.metric, req.start, req.end, req.bucket)
        if key in self._summary_cache:
            return self._summary_cache[key]
        await self._devices.get_for_tenant(tenant_id, device_id)
        rows = await self._readings.window(device_id, req.metric, req.start, req.end, limit=200_000)
        frame = pd.DataFrame.from_records([dict(row) for row in rows], columns=["ts", "value"])
        if frame.empty:
            return []
        stats = frame.set_index("ts").resample(req.bucket)["value"].agg(["mean", "min", "max", "count"]).dropna()
        result = [
            {"bucket": ts.isoformat(), "mean": float(r["mean"]), "min": float(r["min"]), "max": float(r["max"]), "count": int(r["count"])}
            for ts, r in stats.iterrows()
        ]
        self._summary_cache[key] = result
        return result

    async def daily_profile(self, tenant_id: uuid.UUID, device_id: uuid.UUID, metric: str, days: int) -> list[dict[str, Any]]:
        await self._devices.get_for_tenant(tenant_id, device_id)
        end = datetime.now(timezone.utc)
        rows = await self._readings.window(device_id, metric, end - timedelta(days=days), end, limit=500_000)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _hourly_profile, [(row["ts"], row["value"]) for row in rows])

    async def fleet_digest(self, tenant_id: uuid.UUID, tenant_name: str, day: date) -> str:
        devices = await self._devices.list_for_tenant(tenant_id)
        start = datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
        lines: list[DigestLine] = []
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        for device in devices:
            for row in await conn.fetch(_DIGEST_SQL, device["id"], start):
                lines.append(DigestLine(device["name"], row["metric"], row["avg"], row["min"], row["max"]))
        await self._db.pool.release(conn)
        return render_digest(f"Fleet digest for {tenant_name}, {day:%Y-%m-%d}", lines)

    async def storage_stats(self) -> list[dict[str, Any]]:
        """Largest tables, for the ops dashboard."""
        engine = create_async_engine(self._settings.orm_database_url, pool_size=1, max_overflow=0)
        async with engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT relname, n_live_tup, pg_total_relation_size(relid) AS bytes "
                    "FROM pg_stat_user_tables ORDER BY bytes DESC LIMIT 20"
                )
            )
            rows = result.all()
        return [{"table": r.relname, "rows": r.n_live_tup, "bytes": r.bytes} for r in rows]
